//! Sentence segmentation: paragraphs first, then sentence ends inside each paragraph.
//!
//! A paragraph ends at a blank line, or at a line break followed by indentation (two spaces or
//! a tab, as in wire copy). Inside a paragraph a sentence may end after `.`, `?`, `!` or an
//! ellipsis, plus any closing quotes and brackets, when whitespace follows. Whether it does
//! depends on the next word and, after a period, on the word before it (see
//! [`crate::lexicon`]): never before a lower-case word, never after a title ("Gen.", "Mr."),
//! after other abbreviations, initials and dotted words ("U.S.", "a.m.") only before a common
//! sentence starter, after "No." and its kin only when no number follows.
//! A paragraph that is only a dateline ("MOSCOW, Dec 15 (Reuters) -") joins the next one.

use crate::lexicon::{abbreviation_class, is_sentence_starter, AbbrevClass};
use memchr::{memchr, memchr3};
use petrel_core::Span;

/// Characters that may close a sentence after its final punctuation.
const CLOSERS: [char; 9] = ['"', '\'', ')', ']', '}', '”', '’', '»', '›'];
/// Characters that may open a sentence before its first word.
const OPENERS: [char; 11] = ['"', '\'', '(', '[', '{', '“', '‘', '«', '‹', '„', '‚'];

/// The ellipsis character, in UTF-8.
const ELLIPSIS: &[u8] = "…".as_bytes();

/// How far back (in bytes) the splitter looks for the word before a period.
const MAX_WORD_LOOKBACK: usize = 32;

/// A sentence span and the index of the paragraph it is in.
pub(crate) type RawSentence = (Span, usize);

/// The trimmed span of `text[s..e]`, if it is not blank.
pub(crate) fn trimmed(text: &str, s: usize, e: usize) -> Option<Span> {
    let piece = text.get(s..e)?;
    let body = piece.trim_start();
    let lead = piece.len() - body.len();
    let body = body.trim_end();
    (!body.is_empty()).then(|| Span::new(s + lead, s + lead + body.len()))
}

/// Paragraph spans (trimmed, non-empty, in order) of `text[start..end]`.
pub(crate) fn paragraphs(text: &str, start: usize, end: usize) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut para_start = start;
    let mut i = start;
    while i < end {
        let Some(off) = memchr(b'\n', &b[i..end]) else {
            break;
        };
        let nl = i + off;
        let line_end = memchr(b'\n', &b[nl + 1..end]).map_or(end, |o| nl + 1 + o);
        let line = &text[nl + 1..line_end];
        let blank = line.trim().is_empty();
        let indented = !blank && (line.starts_with('\t') || line.starts_with("  "));
        if blank || indented {
            out.extend(trimmed(text, para_start, nl));
            para_start = nl + 1;
        }
        i = nl + 1;
    }
    out.extend(trimmed(text, para_start, end));
    merge_datelines(text, out)
}

/// True for a paragraph that is only a dateline ending in a dash ("MOSCOW, Dec 15 (Reuters) -").
fn is_dateline_only(text: &str, p: Span) -> bool {
    let s = p.slice(text);
    s.len() <= 100
        && s.ends_with(['-', '–', '—'])
        && s.starts_with(|c: char| c.is_uppercase())
        && !s.contains(['?', '!'])
}

fn merge_datelines(text: &str, paras: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(paras.len());
    let mut pending: Option<Span> = None;
    for p in paras {
        let p = match pending.take() {
            Some(d) => d.cover(p),
            None => p,
        };
        if is_dateline_only(text, p) {
            pending = Some(p);
        } else {
            out.push(p);
        }
    }
    out.extend(pending);
    out
}

/// Appends the sentences of `text[start..end]` to `out`, numbering paragraphs from
/// `first_paragraph`; returns the number of paragraphs found.
pub(crate) fn segment_range(
    text: &str,
    start: usize,
    end: usize,
    first_paragraph: usize,
    out: &mut Vec<RawSentence>,
) -> usize {
    let paras = paragraphs(text, start, end);
    for (k, p) in paras.iter().enumerate() {
        split_paragraph(text, p.start, p.end, first_paragraph + k, out);
    }
    paras.len()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// A single period.
    Period,
    /// A run with `?` or `!`.
    Strong,
    /// Several periods or `…`.
    Ellipsis,
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn split_paragraph(text: &str, s: usize, e: usize, para: usize, out: &mut Vec<RawSentence>) {
    let b = text.as_bytes();
    let mut sent_start = s;
    let mut i = s;
    // Candidates are found with SIMD searches: `.`, `?`, `!` with memchr3, `…` with memchr.
    let find_ellipsis = |mut from: usize| {
        while let Some(o) = memchr(ELLIPSIS[0], &b[from..e]) {
            let k = from + o;
            if b[k..e].starts_with(ELLIPSIS) {
                return k;
            }
            from = k + 1;
        }
        e
    };
    let mut next_ellipsis = find_ellipsis(s);
    while i < e {
        let next_stop = memchr3(b'.', b'?', b'!', &b[i..e]).map_or(e, |o| i + o);
        if next_ellipsis < i {
            next_ellipsis = find_ellipsis(i);
        }
        i = next_stop.min(next_ellipsis);
        if i >= e {
            break;
        }
        // The run of final punctuation.
        let mut j = i;
        let (mut dots, mut strong, mut ellipsis) = (0usize, false, false);
        while j < e {
            match b[j] {
                b'.' => dots += 1,
                b'?' | b'!' => strong = true,
                0xE2 if b.get(j + 1) == Some(&0x80) && b.get(j + 2) == Some(&0xA6) => {
                    ellipsis = true;
                    j += 3;
                    continue;
                }
                _ => break,
            }
            j += 1;
        }
        let ending = if strong {
            Ending::Strong
        } else if dots == 1 && !ellipsis {
            Ending::Period
        } else {
            Ending::Ellipsis
        };
        // Closing quotes and brackets belong to the sentence.
        let mut k = j;
        while k < e {
            match char_at(text, k) {
                Some(ch) if CLOSERS.contains(&ch) => k += ch.len_utf8(),
                _ => break,
            }
        }
        if k >= e {
            break;
        }
        match char_at(text, k) {
            Some(ch) if ch.is_whitespace() => {}
            _ => {
                i = k;
                continue;
            }
        }
        let n = skip_whitespace(text, k, e);
        if n >= e {
            break;
        }
        if is_boundary(text, s, i, ending, n, e) {
            out.extend(trimmed(text, sent_start, k).map(|sp| (sp, para)));
            sent_start = n;
        }
        i = n;
    }
    out.extend(trimmed(text, sent_start, e).map(|sp| (sp, para)));
}

fn skip_whitespace(text: &str, mut k: usize, e: usize) -> usize {
    while k < e {
        match char_at(text, k) {
            Some(ch) if ch.is_whitespace() => k += ch.len_utf8(),
            _ => break,
        }
    }
    k
}

/// Decides whether a sentence ends at the punctuation starting at `i`, given the next
/// non-space position `n`.
fn is_boundary(
    text: &str,
    para_start: usize,
    i: usize,
    ending: Ending,
    n: usize,
    e: usize,
) -> bool {
    // The next word, after any opening quotes or brackets.
    let mut w = n;
    while w < e {
        match char_at(text, w) {
            Some(ch) if OPENERS.contains(&ch) => w += ch.len_utf8(),
            _ => break,
        }
    }
    let Some(first) = char_at(text, w) else {
        return true;
    };
    if first.is_lowercase() {
        return false;
    }
    let next_word = word_from(text, w, e);
    match ending {
        Ending::Strong => true,
        Ending::Ellipsis => is_sentence_starter(next_word),
        Ending::Period => match abbreviation_class(word_before(text, para_start, i)) {
            None => true,
            Some(AbbrevClass::Title) => false,
            Some(AbbrevClass::Number) => !first.is_ascii_digit(),
            Some(AbbrevClass::General) => {
                let next_is_initial =
                    next_word.chars().count() == 1 && text[w + next_word.len()..].starts_with('.');
                is_sentence_starter(next_word) && !next_is_initial
            }
        },
    }
}

/// The alphanumeric word starting at `w` (at most 20 bytes).
fn word_from(text: &str, w: usize, e: usize) -> &str {
    let rest = &text[w..e];
    let mut end = 0;
    for (k, ch) in rest.char_indices() {
        if !ch.is_alphanumeric() || k > 20 {
            break;
        }
        end = k + ch.len_utf8();
    }
    &rest[..end]
}

/// The word ending just before the period at `i`: back to whitespace, an opening quote or
/// bracket, a hyphen or a slash. Empty when longer than [`MAX_WORD_LOOKBACK`].
fn word_before(text: &str, lo: usize, i: usize) -> &str {
    let mut from = i.saturating_sub(MAX_WORD_LOOKBACK).max(lo);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let seg = &text[from..i];
    let word = match seg
        .rfind(|c: char| c.is_whitespace() || OPENERS.contains(&c) || c == '-' || c == '/')
    {
        Some(p) => {
            let delim = seg[p..].chars().next().map_or(1, char::len_utf8);
            &seg[p + delim..]
        }
        None if from == lo => seg,
        None => "",
    };
    // Leading symbols are not part of the word ("<G.H. Stool>").
    word.trim_start_matches(|c: char| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        segment_range(text, 0, text.len(), 0, &mut out);
        out.iter().map(|(s, _)| s.slice(text)).collect()
    }

    #[test]
    fn basic() {
        assert_eq!(
            sentences("A b. C d? E f! G"),
            vec!["A b.", "C d?", "E f!", "G"]
        );
        assert_eq!(
            sentences("Talks with the U.S. ended."),
            vec!["Talks with the U.S. ended."]
        );
        assert_eq!(
            sentences("He met the U.S. The talks ended."),
            vec!["He met the U.S.", "The talks ended."]
        );
    }

    #[test]
    fn paragraphs_and_indent() {
        let t = "First line\nwraps here.\n    Second para\n\n\nThird";
        assert_eq!(
            sentences(t),
            vec!["First line\nwraps here.", "Second para", "Third"]
        );
        let mut out = Vec::new();
        segment_range(t, 0, t.len(), 5, &mut out);
        assert_eq!(out.iter().map(|x| x.1).collect::<Vec<_>>(), vec![5, 6, 7]);
    }

    #[test]
    fn dateline_paragraph_joins_next() {
        let t = "MOSCOW, Dec 15 (Reuters) -\n\nRussia said so. Then more.";
        assert_eq!(
            sentences(t),
            vec![
                "MOSCOW, Dec 15 (Reuters) -\n\nRussia said so.",
                "Then more."
            ]
        );
    }
}
