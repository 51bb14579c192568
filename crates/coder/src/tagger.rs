//! A Brill-style part-of-speech tagger over Pattern's English data (vendored in `data/`, see
//! `data/NOTICE.md`).
//!
//! Three passes: known words take their lexicon tag; unknown words get `NNP` when capitalised,
//! `CD` when numeric, else `NN` refined by the morphological rules; then the contextual rules
//! rewrite tags rule by rule, in file order, over the whole sentence.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

const LEXICON: &str = include_str!("../data/en-lexicon.txt");
const MORPHOLOGY: &str = include_str!("../data/en-morphology.txt");
const CONTEXT: &str = include_str!("../data/en-context.txt");

/// A small, fast, non-cryptographic hasher for short strings (FxHash's mixing).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }
}

/// Hash-map builder with [`FxHasher`].
pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;

/// A Penn Treebank part-of-speech tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(u8);

const TAG_NAMES: [&str; 49] = [
    "NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "RB",
    "RBR", "RBS", "IN", "DT", "PDT", "CC", "CD", "PRP", "PRP$", "WP", "WP$", "WDT", "WRB", "MD",
    "TO", "POS", "RP", "EX", "FW", "UH", "SYM", "LS", ".", ",", ":", "(", ")", "``", "''", "\"",
    "$", "#", "STAART", "OTHER", "HYPH",
];

#[allow(missing_docs)]
impl Tag {
    pub const NN: Tag = Tag(0);
    pub const NNS: Tag = Tag(1);
    pub const NNP: Tag = Tag(2);
    pub const NNPS: Tag = Tag(3);
    pub const JJ: Tag = Tag(4);
    pub const JJR: Tag = Tag(5);
    pub const JJS: Tag = Tag(6);
    pub const VB: Tag = Tag(7);
    pub const VBD: Tag = Tag(8);
    pub const VBG: Tag = Tag(9);
    pub const VBN: Tag = Tag(10);
    pub const VBP: Tag = Tag(11);
    pub const VBZ: Tag = Tag(12);
    pub const RB: Tag = Tag(13);
    pub const RBR: Tag = Tag(14);
    pub const RBS: Tag = Tag(15);
    pub const IN: Tag = Tag(16);
    pub const DT: Tag = Tag(17);
    pub const PDT: Tag = Tag(18);
    pub const CC: Tag = Tag(19);
    pub const CD: Tag = Tag(20);
    pub const PRP: Tag = Tag(21);
    pub const PRPS: Tag = Tag(22);
    pub const WP: Tag = Tag(23);
    pub const WPS: Tag = Tag(24);
    pub const WDT: Tag = Tag(25);
    pub const WRB: Tag = Tag(26);
    pub const MD: Tag = Tag(27);
    pub const TO: Tag = Tag(28);
    pub const POS: Tag = Tag(29);
    pub const RP: Tag = Tag(30);
    pub const EX: Tag = Tag(31);
    pub const FW: Tag = Tag(32);
    pub const UH: Tag = Tag(33);
    pub const SYM: Tag = Tag(34);
    pub const LS: Tag = Tag(35);
    pub const PERIOD: Tag = Tag(36);
    pub const COMMA: Tag = Tag(37);
    pub const COLON: Tag = Tag(38);
    pub const LPAREN: Tag = Tag(39);
    pub const RPAREN: Tag = Tag(40);
    pub const OPEN_QUOTE: Tag = Tag(41);
    pub const CLOSE_QUOTE: Tag = Tag(42);
    pub const QUOTE: Tag = Tag(43);
    pub const DOLLAR: Tag = Tag(44);
    pub const HASH: Tag = Tag(45);
    pub const START: Tag = Tag(46);
    pub const OTHER: Tag = Tag(47);
    pub const HYPH: Tag = Tag(48);

    /// The tag named `s` (the first of `a|b` alternatives); unknown names give `OTHER`.
    pub fn parse(s: &str) -> Tag {
        let first = s.split('|').next().unwrap_or(s);
        let first = if first == "NP" { "NNP" } else { first };
        TAG_NAMES
            .iter()
            .position(|n| *n == first)
            .map_or(Tag::OTHER, |i| Tag(i as u8))
    }

    /// Its Penn Treebank name.
    pub fn name(self) -> &'static str {
        TAG_NAMES
            .get(usize::from(self.0))
            .copied()
            .unwrap_or("OTHER")
    }

    /// Any noun tag (NN, NNS, NNP, NNPS).
    pub fn is_noun(self) -> bool {
        self.0 <= 3
    }
    /// Proper noun (NNP, NNPS).
    pub fn is_proper(self) -> bool {
        self == Tag::NNP || self == Tag::NNPS
    }
    /// Any adjective tag.
    pub fn is_adj(self) -> bool {
        (4..=6).contains(&self.0)
    }
    /// Any verb tag (VB..VBZ).
    pub fn is_verb(self) -> bool {
        (7..=12).contains(&self.0)
    }
    /// Any adverb tag.
    pub fn is_adverb(self) -> bool {
        (13..=15).contains(&self.0)
    }
    /// Finite verb forms (VBD, VBP, VBZ).
    pub fn is_finite(self) -> bool {
        self == Tag::VBD || self == Tag::VBP || self == Tag::VBZ
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MorphCmd {
    Char,
    HasPref,
    HasSuf,
    AddPref,
    AddSuf,
    DeletePref,
    DeleteSuf,
    GoodLeft,
    GoodRight,
}

#[derive(Debug, Clone)]
struct MorphRule {
    from: Option<Tag>,
    affix: &'static str,
    cmd: MorphCmd,
    to: Tag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CtxCmd {
    PrevTag,
    NextTag,
    Prev2Tag,
    Next2Tag,
    Prev1or2Tag,
    Next1or2Tag,
    Prev1or2or3Tag,
    Next1or2or3Tag,
    SurroundTag,
    CurWd,
    PrevWd,
    NextWd,
    Prev1or2Wd,
    Next1or2Wd,
    Prev1or2or3Wd,
    Next1or2or3Wd,
    PrevWdTag,
    NextWdTag,
    WdPrevTag,
    WdNextTag,
    WdAnd2Aft,
    WdAnd2TagBfr,
    WdAnd2TagAft,
    LBigram,
    RBigram,
    PrevBigram,
    NextBigram,
}

#[derive(Debug, Clone)]
struct CtxRule {
    from: Tag,
    to: Tag,
    cmd: CtxCmd,
    /// Word ids of the arguments (words named by rules are numbered from 2).
    x: u16,
    y: u16,
    xt: Tag,
    yt: Tag,
}

/// Id of words no contextual rule names.
const NO_WORD: u16 = 0;
/// Id of the sentence boundary ("STAART").
const BOUNDARY: u16 = 1;

/// The tagger: lexicon, morphological rules and contextual rules.
pub struct Tagger {
    /// Word -> (lexicon tag, id of the word in contextual rules or NO_WORD). Words only the
    /// rules name have no tag.
    lexicon: HashMap<&'static str, (Option<Tag>, u16), FxBuild>,
    morph: Vec<MorphRule>,
    context: Vec<CtxRule>,
    /// For each tag, the indices of the contextual rules that rewrite it, in file order.
    by_tag: Vec<Vec<usize>>,
}

fn data_lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(";;;"))
}

impl Tagger {
    /// The shared tagger over the vendored data (built on first use).
    pub fn get() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(Tagger::build)
    }

    fn build() -> Tagger {
        let mut lexicon: HashMap<&'static str, (Option<Tag>, u16), FxBuild> = HashMap::default();
        lexicon.reserve(95_000);
        for line in data_lines(LEXICON) {
            if let Some((w, t)) = line.split_once(' ') {
                lexicon
                    .entry(w)
                    .or_insert_with(|| (Some(Tag::parse(t.trim())), NO_WORD));
            }
        }
        let mut morph = Vec::new();
        for line in data_lines(MORPHOLOGY) {
            let f: Vec<&'static str> = line.split_whitespace().collect();
            let parse_cmd = |c: &str| -> Option<MorphCmd> {
                Some(match c.trim_start_matches('f') {
                    "char" => MorphCmd::Char,
                    "haspref" => MorphCmd::HasPref,
                    "hassuf" => MorphCmd::HasSuf,
                    "addpref" => MorphCmd::AddPref,
                    "addsuf" => MorphCmd::AddSuf,
                    "deletepref" => MorphCmd::DeletePref,
                    "deletesuf" => MorphCmd::DeleteSuf,
                    "goodleft" => MorphCmd::GoodLeft,
                    "goodright" => MorphCmd::GoodRight,
                    _ => return None,
                })
            };
            // "ly hassuf 2 RB x" or "NN s fhassuf 1 NNS x" (the `f` forms name a from-tag).
            if f.len() >= 5 && f[2].starts_with('f') {
                if let Some(cmd) = parse_cmd(f[2]) {
                    morph.push(MorphRule {
                        from: Some(Tag::parse(f[0])),
                        affix: f[1],
                        cmd,
                        to: Tag::parse(f[f.len() - 2]),
                    });
                }
            } else if f.len() >= 4 {
                if let Some(cmd) = parse_cmd(f[1]) {
                    morph.push(MorphRule {
                        from: None,
                        affix: f[0],
                        cmd,
                        to: Tag::parse(f[f.len() - 2]),
                    });
                }
            }
        }
        let mut context = Vec::new();
        let mut rule_words: HashMap<&'static str, u16, FxBuild> = HashMap::default();
        for line in data_lines(CONTEXT) {
            let f: Vec<&'static str> = line.split_whitespace().collect();
            if f.len() < 4 {
                continue;
            }
            let cmd = match f[2].to_ascii_lowercase().as_str() {
                "prevtag" => CtxCmd::PrevTag,
                "nexttag" => CtxCmd::NextTag,
                "prev2tag" => CtxCmd::Prev2Tag,
                "next2tag" => CtxCmd::Next2Tag,
                "prev1or2tag" => CtxCmd::Prev1or2Tag,
                "next1or2tag" => CtxCmd::Next1or2Tag,
                "prev1or2or3tag" => CtxCmd::Prev1or2or3Tag,
                "next1or2or3tag" => CtxCmd::Next1or2or3Tag,
                "surroundtag" => CtxCmd::SurroundTag,
                "curwd" => CtxCmd::CurWd,
                "prevwd" => CtxCmd::PrevWd,
                "nextwd" => CtxCmd::NextWd,
                "prev1or2wd" => CtxCmd::Prev1or2Wd,
                "next1or2wd" => CtxCmd::Next1or2Wd,
                "prev1or2or3wd" => CtxCmd::Prev1or2or3Wd,
                "next1or2or3wd" => CtxCmd::Next1or2or3Wd,
                "prevwdtag" => CtxCmd::PrevWdTag,
                "nextwdtag" => CtxCmd::NextWdTag,
                "wdprevtag" => CtxCmd::WdPrevTag,
                "wdnexttag" => CtxCmd::WdNextTag,
                "wdand2aft" => CtxCmd::WdAnd2Aft,
                "wdand2tagbfr" => CtxCmd::WdAnd2TagBfr,
                "wdand2tagaft" => CtxCmd::WdAnd2TagAft,
                "lbigram" => CtxCmd::LBigram,
                "rbigram" => CtxCmd::RBigram,
                "prevbigram" => CtxCmd::PrevBigram,
                "nextbigram" => CtxCmd::NextBigram,
                _ => continue,
            };
            let x = f[3];
            let y = f.get(4).copied().unwrap_or("");
            let mut id = |w: &'static str| -> u16 {
                if w == "STAART" {
                    return BOUNDARY;
                }
                let next = rule_words.len() as u16 + 2;
                *rule_words.entry(w).or_insert(next)
            };
            let (xi, yi) = (id(x), if y.is_empty() { NO_WORD } else { id(y) });
            context.push(CtxRule {
                from: Tag::parse(f[0]),
                to: Tag::parse(f[1]),
                cmd,
                x: xi,
                y: yi,
                xt: Tag::parse(x),
                yt: Tag::parse(y),
            });
        }
        for (w, &id) in &rule_words {
            lexicon.entry(w).or_insert((None, NO_WORD)).1 = id;
        }
        let mut by_tag = vec![Vec::new(); TAG_NAMES.len()];
        for (i, r) in context.iter().enumerate() {
            by_tag[usize::from(r.from.0)].push(i);
        }
        Tagger {
            lexicon,
            morph,
            context,
            by_tag,
        }
    }

    /// The lexicon tag of `word` (exact spelling), if any.
    pub fn lexicon_tag(&self, word: &str) -> Option<Tag> {
        self.lexicon.get(word).and_then(|e| e.0)
    }

    /// Number of lexicon entries.
    pub fn lexicon_len(&self) -> usize {
        self.lexicon.values().filter(|e| e.0.is_some()).count()
    }

    /// Tags `words` into `out` (cleared first), one tag a word.
    pub fn tag(&self, words: &[&str], out: &mut Vec<Tag>) {
        thread_local! {
            static SCRATCH: std::cell::RefCell<(Vec<bool>, Vec<u16>, String)> =
                const { std::cell::RefCell::new((Vec::new(), Vec::new(), String::new())) };
        }
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let (known, ids, lower) = &mut *guard;
            self.tag_with(words, out, known, ids, lower);
        });
    }

    fn tag_with(
        &self,
        words: &[&str],
        out: &mut Vec<Tag>,
        known: &mut Vec<bool>,
        ids: &mut Vec<u16>,
        lower: &mut String,
    ) {
        out.clear();
        known.clear();
        ids.clear();
        for (i, w) in words.iter().enumerate() {
            let entry = self.lexicon.get(w).copied();
            let id = entry.map_or(NO_WORD, |e| e.1);
            let t = entry.and_then(|e| e.0).or_else(|| {
                if i == 0 || w.bytes().any(|b| b.is_ascii_uppercase()) {
                    // Sentence-initial capitals and headline capitals: try the lowercase form.
                    lower.clear();
                    if w.is_ascii() {
                        lower.extend(w.chars().map(|c| c.to_ascii_lowercase()));
                    } else {
                        lower.extend(w.chars().flat_map(char::to_lowercase));
                    }
                    let t = self.lexicon.get(lower.as_str()).and_then(|e| e.0);
                    // A capitalised word whose lowercase form is only a common noun is likely a
                    // name inside a sentence, but not at its start.
                    if i > 0 && t.is_some_and(|t| t == Tag::NN || t == Tag::NNS) {
                        return None;
                    }
                    t
                } else {
                    None
                }
            });
            known.push(t.is_some());
            out.push(t.unwrap_or(Tag::NN));
            ids.push(id);
        }
        for i in 0..words.len() {
            if known[i] {
                continue;
            }
            let w = words[i];
            let first = w.chars().next();
            out[i] = if first.is_some_and(char::is_uppercase) {
                Tag::NNP
            } else if !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_digit() || b"-,.:/%$".contains(&b))
                && w.bytes().any(|b| b.is_ascii_digit())
            {
                Tag::CD
            } else {
                let prev = if i > 0 { Some(words[i - 1]) } else { None };
                let next = words.get(i + 1).copied();
                self.morphology(w, Tag::NN, prev, next)
            };
        }
        self.apply_context(words, ids, out);
    }

    fn morphology(&self, w: &str, mut tag: Tag, prev: Option<&str>, next: Option<&str>) -> Tag {
        let mut buf = String::new();
        for r in &self.morph {
            if r.from.is_some_and(|f| f != tag) {
                continue;
            }
            let x = r.affix;
            let hit = match r.cmd {
                MorphCmd::Char => w.contains(x),
                MorphCmd::HasPref => w.starts_with(x),
                MorphCmd::HasSuf => w.ends_with(x),
                MorphCmd::AddPref => {
                    buf.clear();
                    buf.push_str(x);
                    buf.push_str(w);
                    self.lexicon_tag(buf.as_str()).is_some()
                }
                MorphCmd::AddSuf => {
                    buf.clear();
                    buf.push_str(w);
                    buf.push_str(x);
                    self.lexicon_tag(buf.as_str()).is_some()
                }
                MorphCmd::DeletePref => w
                    .strip_prefix(x)
                    .is_some_and(|r| self.lexicon_tag(r).is_some()),
                MorphCmd::DeleteSuf => w
                    .strip_suffix(x)
                    .is_some_and(|r| self.lexicon_tag(r).is_some()),
                MorphCmd::GoodLeft => next == Some(x),
                MorphCmd::GoodRight => prev == Some(x),
            };
            if hit {
                tag = r.to;
            }
        }
        tag
    }

    fn apply_context(&self, words: &[&str], ids: &[u16], tags: &mut [Tag]) {
        let n = tags.len();
        let tag_at = |tags: &[Tag], i: isize| -> Tag {
            if i < 0 || i as usize >= n {
                Tag::START
            } else {
                tags[i as usize]
            }
        };
        let word_at = |i: isize| -> u16 {
            if i < 0 || i as usize >= n {
                BOUNDARY
            } else {
                ids[i as usize]
            }
        };
        for i in 0..n {
            let mut next_rule = 0usize;
            loop {
                let rules = &self.by_tag[usize::from(tags[i].0)];
                let from = rules.partition_point(|&r| r < next_rule);
                let mut fired = None;
                for &ri in &rules[from..] {
                    let r = &self.context[ri];
                    let k = i as isize;
                    let hit = match r.cmd {
                        CtxCmd::PrevTag => tag_at(tags, k - 1) == r.xt,
                        CtxCmd::NextTag => tag_at(tags, k + 1) == r.xt,
                        CtxCmd::Prev2Tag => tag_at(tags, k - 2) == r.xt,
                        CtxCmd::Next2Tag => tag_at(tags, k + 2) == r.xt,
                        CtxCmd::Prev1or2Tag => {
                            tag_at(tags, k - 1) == r.xt || tag_at(tags, k - 2) == r.xt
                        }
                        CtxCmd::Next1or2Tag => {
                            tag_at(tags, k + 1) == r.xt || tag_at(tags, k + 2) == r.xt
                        }
                        CtxCmd::Prev1or2or3Tag => (1..=3).any(|d| tag_at(tags, k - d) == r.xt),
                        CtxCmd::Next1or2or3Tag => (1..=3).any(|d| tag_at(tags, k + d) == r.xt),
                        CtxCmd::SurroundTag => {
                            tag_at(tags, k - 1) == r.xt && tag_at(tags, k + 1) == r.yt
                        }
                        CtxCmd::CurWd => word_at(k) == r.x,
                        CtxCmd::PrevWd => word_at(k - 1) == r.x,
                        CtxCmd::NextWd => word_at(k + 1) == r.x,
                        CtxCmd::Prev1or2Wd => word_at(k - 1) == r.x || word_at(k - 2) == r.x,
                        CtxCmd::Next1or2Wd => word_at(k + 1) == r.x || word_at(k + 2) == r.x,
                        CtxCmd::Prev1or2or3Wd => (1..=3).any(|d| word_at(k - d) == r.x),
                        CtxCmd::Next1or2or3Wd => (1..=3).any(|d| word_at(k + d) == r.x),
                        CtxCmd::PrevWdTag => word_at(k - 1) == r.x && tag_at(tags, k - 1) == r.yt,
                        CtxCmd::NextWdTag => word_at(k + 1) == r.x && tag_at(tags, k + 1) == r.yt,
                        CtxCmd::WdPrevTag => tag_at(tags, k - 1) == r.xt && word_at(k) == r.y,
                        CtxCmd::WdNextTag => word_at(k) == r.x && tag_at(tags, k + 1) == r.yt,
                        CtxCmd::WdAnd2Aft => word_at(k) == r.x && word_at(k + 2) == r.y,
                        CtxCmd::WdAnd2TagBfr => tag_at(tags, k - 2) == r.xt && word_at(k) == r.y,
                        CtxCmd::WdAnd2TagAft => word_at(k) == r.x && tag_at(tags, k + 2) == r.yt,
                        CtxCmd::LBigram => word_at(k - 1) == r.x && word_at(k) == r.y,
                        CtxCmd::RBigram => word_at(k) == r.x && word_at(k + 1) == r.y,
                        CtxCmd::PrevBigram => {
                            tag_at(tags, k - 2) == r.xt && tag_at(tags, k - 1) == r.yt
                        }
                        CtxCmd::NextBigram => {
                            tag_at(tags, k + 1) == r.xt && tag_at(tags, k + 2) == r.yt
                        }
                    };
                    if hit && plausible(words[i], r.to) {
                        fired = Some(ri);
                        break;
                    }
                }
                match fired {
                    Some(ri) => {
                        tags[i] = self.context[ri].to;
                        next_rule = ri + 1;
                    }
                    None => break,
                }
            }
        }
    }
}

/// Brill's tagger only moves a known word to tags the lexicon lists for it; Pattern's lexicon
/// keeps one tag a word, so the inflectional tags are checked against the word's ending.
fn plausible(word: &str, to: Tag) -> bool {
    match to {
        Tag::VBG => word.ends_with("ing"),
        Tag::VBZ | Tag::NNS => word.ends_with('s') || word.ends_with('S'),
        Tag::VB | Tag::VBP => !["ship", "ness", "tion", "sion", "ism", "ity"]
            .iter()
            .any(|s| word.ends_with(s)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<&'static str> {
        let words: Vec<&str> = s.split_whitespace().collect();
        let mut out = Vec::new();
        Tagger::get().tag(&words, &mut out);
        out.into_iter().map(Tag::name).collect()
    }

    #[test]
    fn loads_the_data() {
        let t = Tagger::get();
        assert!(t.lexicon_len() > 90_000);
        assert!(t.morph.len() > 100);
        assert!(t.context.len() > 250);
    }

    #[test]
    fn tells_the_verb_from_the_noun() {
        assert_eq!(tags("They attack the town"), vec!["PRP", "VBP", "DT", "NN"]);
        assert_eq!(tags("the attack was brutal")[1], "NN");
        assert_eq!(tags("troops will attack")[2], "VB");
    }

    #[test]
    fn unknown_words() {
        let t = tags("Zorblatt flurbished the grobbling");
        assert_eq!(t[0], "NNP");
        assert!(matches!(t[1], "VBN" | "VBD"), "{t:?}");
        assert_eq!(t[3], "VBG");
        assert_eq!(tags("about 1,300 people")[1], "CD");
    }
}
