//! The coder's words: the text layer's tokens, with possessive `'s` and `n't` split off,
//! normalised, tagged and lemmatised.

use petrel_core::Span;
use petrel_text::{Token, TokenKind};

use crate::tagger::{Tag, Tagger};

/// One word of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Bytes in the document text.
    pub span: Span,
    /// Part of speech.
    pub tag: Tag,
    /// What the text layer called it.
    pub kind: TokenKind,
    /// Range of the lowercase, straight-quoted form in [`Words::arena`].
    norm: (u32, u32),
    /// Range of the lemma in [`Words::arena`].
    lemma: (u32, u32),
}

/// The words of one sentence, with their strings in one arena (no allocation per word).
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// The words.
    pub items: Vec<Word>,
    arena: String,
    tags_buf: Vec<Tag>,
    lemma_buf: String,
    form_buf: String,
}

fn straighten(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        c => c,
    }
}

impl Words {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// The normalised form of word `i` ("" out of range).
    pub fn norm(&self, i: usize) -> &str {
        self.items
            .get(i)
            .map_or("", |w| &self.arena[w.norm.0 as usize..w.norm.1 as usize])
    }
    /// The lemma of word `i` ("" out of range).
    pub fn lemma(&self, i: usize) -> &str {
        self.items
            .get(i)
            .map_or("", |w| &self.arena[w.lemma.0 as usize..w.lemma.1 as usize])
    }
    /// The tag of word `i` (`STAART` out of range).
    pub fn tag(&self, i: usize) -> Tag {
        self.items.get(i).map_or(Tag::START, |w| w.tag)
    }

    /// Builds the words of a sentence from its tokens over `text`, then tags and lemmatises
    /// them. `lemma_of` gives dictionary lemmas (verb, noun) for a normalised form.
    pub fn build(
        &mut self,
        text: &str,
        tokens: &[Token],
        lemma_of: &dyn Fn(&str, Tag, &mut String) -> bool,
    ) {
        self.items.clear();
        self.arena.clear();
        for t in tokens {
            let s = t.span.slice(text);
            if s.is_empty() {
                continue;
            }
            if t.kind == TokenKind::Word {
                if let Some(cut) = split_point(s) {
                    if cut > 0 {
                        self.push(text, Span::new(t.span.start, t.span.start + cut), t.kind);
                    }
                    self.push(text, Span::new(t.span.start + cut, t.span.end), t.kind);
                    continue;
                }
                if let Some(h) = hyphen_suffix(s) {
                    self.push(text, Span::new(t.span.start, t.span.start + h), t.kind);
                    self.push(
                        text,
                        Span::new(t.span.start + h, t.span.start + h + 1),
                        TokenKind::Punct,
                    );
                    self.push(text, Span::new(t.span.start + h + 1, t.span.end), t.kind);
                    continue;
                }
            }
            self.push(text, t.span, t.kind);
        }
        self.assign_tags(text);
        self.lemmatize(lemma_of);
    }

    fn push(&mut self, text: &str, span: Span, kind: TokenKind) {
        let s = span.slice(text);
        let a = self.arena.len() as u32;
        if s == "US" {
            // "US" in capitals is the country (the pronoun is "us"): normalise it as "U.S.".
            self.arena.push_str("u.s.");
        } else {
            for c in s.chars() {
                let c = straighten(c);
                if c.is_ascii() {
                    self.arena.push(c.to_ascii_lowercase());
                } else {
                    self.arena.extend(c.to_lowercase());
                }
            }
        }
        let b = self.arena.len() as u32;
        self.items.push(Word {
            span,
            tag: Tag::NN,
            kind,
            norm: (a, b),
            lemma: (a, b),
        });
    }

    fn assign_tags(&mut self, text: &str) {
        // Tag on the original spelling (straight quotes), so capitals count; a headline in title
        // case is tagged on its lowercase forms except where the lowercase form is unknown.
        let titlecase = is_title_case(text, &self.items);
        // Forms point into the text, except for words whose spelling the tagger must see
        // changed (curly apostrophes, headline capitals): those are copied into `tmp`.
        let mut tmp = std::mem::take(&mut self.form_buf);
        tmp.clear();
        let mut bounds: Vec<Option<(usize, usize)>> = Vec::with_capacity(self.items.len());
        for (i, w) in self.items.iter().enumerate() {
            let raw = w.span.slice(text);
            let start = tmp.len();
            // the tagger's context rules must see the country, not the pronoun
            if raw == "US" {
                tmp.push_str("U.S.");
                bounds.push(Some((start, tmp.len())));
                continue;
            }
            if titlecase && i > 0 {
                let norm = &self.arena[w.norm.0 as usize..w.norm.1 as usize];
                if norm != raw && Tagger::get().lexicon_tag(norm).is_some() && !is_acronym(raw) {
                    tmp.push_str(norm);
                    bounds.push(Some((start, tmp.len())));
                    continue;
                }
            }
            if raw.is_ascii() {
                bounds.push(None);
            } else {
                tmp.extend(raw.chars().map(straighten));
                bounds.push(Some((start, tmp.len())));
            }
        }
        let forms: Vec<&str> = self
            .items
            .iter()
            .zip(&bounds)
            .map(|(w, b)| match b {
                Some((a, b)) => &tmp[*a..*b],
                None => w.span.slice(text),
            })
            .collect();
        let mut tags = std::mem::take(&mut self.tags_buf);
        Tagger::get().tag(&forms, &mut tags);
        for (i, w) in self.items.iter_mut().enumerate() {
            let form = forms[i];
            w.tag = match w.kind {
                TokenKind::Quote => {
                    let open = i == 0
                        || form == "\u{201c}"
                        || (form == "\""
                            && text
                                .as_bytes()
                                .get(w.span.start.wrapping_sub(1))
                                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'('));
                    if form == "\u{201d}" {
                        Tag::CLOSE_QUOTE
                    } else if open {
                        Tag::OPEN_QUOTE
                    } else if form == "'s" {
                        Tag::POS
                    } else {
                        Tag::CLOSE_QUOTE
                    }
                }
                _ => tags[i],
            };
        }
        let tagger = Tagger::get();
        for i in 0..self.items.len() {
            let w = self.items[i];
            let norm = &self.arena[w.norm.0 as usize..w.norm.1 as usize];
            if w.kind == TokenKind::Punct {
                self.items[i].tag = match norm {
                    "," => Tag::COMMA,
                    "." | "?" | "!" => Tag::PERIOD,
                    ":" | ";" | "-" | "\u{2014}" | "\u{2013}" | "\u{2026}" | "..." => Tag::COLON,
                    "(" | "[" | "{" => Tag::LPAREN,
                    ")" | "]" | "}" => Tag::RPAREN,
                    "$" => Tag::DOLLAR,
                    "#" => Tag::HASH,
                    _ => Tag::SYM,
                };
                continue;
            }
            let raw = w.span.slice(text);
            if raw == "US" {
                self.items[i].tag = Tag::NNP;
                continue;
            }
            // Context rules sometimes make a lowercase word a proper noun ("Putin previously").
            if w.tag.is_proper() && raw.chars().next().is_some_and(char::is_lowercase) {
                self.items[i].tag = tagger.lexicon_tag(norm).unwrap_or(Tag::NN);
            }
            if matches!(norm, "not" | "n't" | "never") {
                self.items[i].tag = Tag::RB;
                continue;
            }
            // Closed-class words are never verbs.
            if self.items[i].tag.is_verb()
                && matches!(
                    norm,
                    "as" | "that" | "of" | "if" | "in" | "for" | "with" | "than" | "like"
                )
            {
                self.items[i].tag = Tag::IN;
            }
        }
        // A bare verb right after a preposition or determiner is a noun ("for help").
        for i in 1..self.items.len() {
            let prev = self.items[i - 1].tag;
            if matches!(self.items[i].tag, Tag::VB | Tag::VBP)
                && (prev == Tag::DT
                    || prev == Tag::PRPS
                    || (prev == Tag::IN && self.norm(i - 1) != "to"))
            {
                self.items[i].tag = Tag::NN;
            }
        }
        // Fixes the lexicon cannot know: `'s` after a noun is possessive.
        for i in 0..self.items.len() {
            let n = self.norm(i);
            if (n == "'s" || n == "'") && i > 0 && self.items[i - 1].tag.is_noun() {
                let next = self.items.get(i + 1).map(|w| w.tag);
                if next.is_none_or(|t| !(t == Tag::VBN || t == Tag::VBG || t == Tag::DT)) {
                    self.items[i].tag = Tag::POS;
                }
            }
        }
        self.tags_buf = tags;
        drop(forms);
        self.form_buf = tmp;
    }

    fn lemmatize(&mut self, lemma_of: &dyn Fn(&str, Tag, &mut String) -> bool) {
        let mut buf = std::mem::take(&mut self.lemma_buf);
        for i in 0..self.items.len() {
            let w = self.items[i];
            if !(w.tag.is_verb() || w.tag.is_noun() || w.tag == Tag::MD) {
                continue;
            }
            let (a, b) = (w.norm.0 as usize, w.norm.1 as usize);
            buf.clear();
            if !lemma_of(&self.arena[a..b], w.tag, &mut buf) {
                let norm = &self.arena[a..b];
                // Singular nouns and base forms are their own lemma (but "are" is "be").
                let base = matches!(w.tag, Tag::NN | Tag::NNP)
                    || (matches!(w.tag, Tag::VB | Tag::VBP)
                        && !matches!(
                            norm,
                            "are" | "am" | "'re" | "'m" | "is" | "has" | "ca" | "wo"
                        ));
                if base {
                    continue;
                }
                buf.push_str(&rule_lemma(norm, w.tag));
            }
            if buf != self.arena[a..b] {
                let start = self.arena.len() as u32;
                self.arena.push_str(&buf);
                self.items[i].lemma = (start, self.arena.len() as u32);
            }
        }
        self.lemma_buf = buf;
    }
}

/// Byte offset where a possessive or negative clitic starts ("Russia's" -> 6, "don't" -> 2).
fn split_point(s: &str) -> Option<usize> {
    let lower_end = |suf: &str| s.len() > suf.len() && s.ends_with(suf);
    for suf in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if lower_end(suf) {
            return Some(s.len() - suf.len());
        }
    }
    for suf in ["n't", "n\u{2019}t"] {
        if lower_end(suf) {
            let cut = s.len() - suf.len();
            // "can't" -> "ca" + "n't"; "won't" -> "wo" + "n't"
            return Some(cut);
        }
    }
    for suf in ["s'", "s\u{2019}"] {
        if lower_end(suf) {
            return Some(s.len() - suf.len() + 1);
        }
    }
    None
}

/// Offset of the hyphen in "U.S.-led", "Kremlin-backed" (prefix names an actor).
fn hyphen_suffix(s: &str) -> Option<usize> {
    let h = s.rfind('-')?;
    let suf = &s[h + 1..];
    const SUFFIXES: [&str; 8] = [
        "led",
        "backed",
        "based",
        "sponsored",
        "funded",
        "allied",
        "controlled",
        "run",
    ];
    (h > 0 && SUFFIXES.iter().any(|x| suf.eq_ignore_ascii_case(x))).then_some(h)
}

fn is_acronym(raw: &str) -> bool {
    raw.len() > 1
        && raw
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// True when most alphabetic words start with a capital (a headline in title case).
fn is_title_case(text: &str, items: &[Word]) -> bool {
    let mut words = 0;
    let mut caps = 0;
    for w in items {
        let s = w.span.slice(text);
        let Some(c) = s.chars().next() else { continue };
        if !c.is_alphabetic() || s.len() <= 3 {
            continue;
        }
        words += 1;
        if c.is_uppercase() {
            caps += 1;
        }
    }
    words >= 3 && caps * 10 >= words * 8
}

/// A lemma by suffix rules, for words the dictionary does not list.
pub fn rule_lemma(w: &str, tag: Tag) -> String {
    let t = Tagger::get();
    let known_verb = |s: &str| {
        t.lexicon_tag(s)
            .is_some_and(|t| t == Tag::VB || t == Tag::VBP || t == Tag::NN)
    };
    if tag.is_verb() {
        match w {
            "is" | "are" | "was" | "were" | "am" | "been" | "being" | "'re" | "'m" => {
                return "be".into()
            }
            "has" | "had" | "having" | "'ve" => return "have".into(),
            "does" | "did" | "done" => return "do".into(),
            "ca" => return "can".into(),
            "wo" => return "will".into(),
            _ => {}
        }
        for (suf, reps) in [
            ("ies", &["y"][..]),
            ("ied", &["y"][..]),
            ("ing", &["", "e"][..]),
            ("ed", &["", "e"][..]),
            ("es", &["", "e"][..]),
            ("s", &[""][..]),
        ] {
            if let Some(stem) = w.strip_suffix(suf) {
                if stem.len() < 2 {
                    continue;
                }
                for r in reps {
                    let cand = format!("{stem}{r}");
                    if known_verb(&cand) {
                        return cand;
                    }
                }
                // doubled consonant: "planned" -> "plan"
                let b = stem.as_bytes();
                if (suf == "ing" || suf == "ed") && b.len() > 2 && b[b.len() - 1] == b[b.len() - 2]
                {
                    let cand = &stem[..stem.len() - 1];
                    if known_verb(cand) {
                        return cand.into();
                    }
                }
                if suf != "s" && suf != "es" {
                    return stem.to_string()
                        + if suf == "ies" || suf == "ied" {
                            "y"
                        } else {
                            ""
                        };
                }
            }
        }
        return w.into();
    }
    if tag == Tag::NNS || tag == Tag::NNPS {
        if let Some(s) = w.strip_suffix("ies") {
            let ie = format!("{s}ie");
            if s.len() <= 2
                || t.lexicon_tag(&ie)
                    .is_some_and(|t| t == Tag::NN || t == Tag::VB)
            {
                return ie;
            }
            return format!("{s}y");
        }
        for suf in ["ches", "shes", "sses", "xes"] {
            if w.ends_with(suf) {
                return w[..w.len() - 2].into();
            }
        }
        if let Some(s) = w.strip_suffix('s') {
            if !s.ends_with('s') {
                return s.into();
            }
        }
    }
    w.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_clitics() {
        assert_eq!(split_point("Russia's"), Some(6));
        assert_eq!(split_point("Russia\u{2019}s"), Some(6));
        assert_eq!(split_point("don't"), Some(2));
        assert_eq!(split_point("allies'"), Some(6));
        assert_eq!(split_point("'s"), None);
        assert_eq!(hyphen_suffix("U.S.-led"), Some(4));
        assert_eq!(hyphen_suffix("well-known"), None);
    }

    #[test]
    fn lemmas_by_rule() {
        assert_eq!(rule_lemma("planned", Tag::VBD), "plan");
        assert_eq!(rule_lemma("accuses", Tag::VBZ), "accuse");
        assert_eq!(rule_lemma("denies", Tag::VBZ), "deny");
        assert_eq!(rule_lemma("massing", Tag::VBG), "mass");
        assert_eq!(rule_lemma("was", Tag::VBD), "be");
        assert_eq!(rule_lemma("proposals", Tag::NNS), "proposal");
        assert_eq!(rule_lemma("guarantees", Tag::NNS), "guarantee");
    }
}
