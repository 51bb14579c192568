//! Page furniture rules: banners, "Read more" and share lines, photo captions and credits.
//!
//! The rules are data (`crates/ingest/furniture.txt`, embedded at build time); this module parses
//! them and answers "is this line / paragraph / element furniture?". See the file's header for
//! the format.

use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The embedded rules file.
pub const FURNITURE_RULES: &str = include_str!("../furniture.txt");

/// Which test a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// Whole line equals a phrase (normalised).
    Line,
    /// Line starts with a phrase (normalised), line at most 200 bytes.
    Prefix,
    /// Line ends with a phrase (normalised), line at most 200 bytes.
    Suffix,
    /// Whole line matches a regex.
    Regex,
    /// A short paragraph containing a regex match is a caption.
    Caption,
    /// HTML class/id word.
    Attr,
    /// A paragraph in which this regex is found is never a caption (it is reported speech...).
    Keep,
}

/// One rule with the examples that document and test it.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Section the rule is in.
    pub kind: RuleKind,
    /// The rule as written.
    pub pattern: String,
    /// 1-based line in the rules file.
    pub line: usize,
    /// Examples it must drop.
    pub positive: Vec<String>,
    /// Examples that must be kept.
    pub negative: Vec<String>,
    /// Normalised phrase (line, prefix, attr), or a regex (regex, caption).
    matcher: Matcher,
}

#[derive(Debug, Clone)]
enum Matcher {
    Phrase(String),
    /// A regular expression (compiled in `line_res` / `caption_res`).
    Pattern,
}

/// A rules-file error: line and reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("furniture rules line {line}: {message}")]
pub struct RuleError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A parsed set of furniture rules.
#[derive(Debug, Clone)]
pub struct Furniture {
    rules: Vec<Rule>,
    lines: HashSet<String>,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    attrs: HashSet<String>,
    /// The `[regex]` rules, compiled, with the index of each in `rules`.
    line_res: Vec<(usize, Regex)>,
    /// Longest `[line]` phrase and `[prefix]` phrase (bytes, normalised).
    max_line: usize,
    max_prefix: usize,
    max_suffix: usize,
    /// The `[caption]` rules, compiled, with the index of each in `rules`.
    caption_res: Vec<(usize, Regex)>,
    /// The `[keep]` rules, compiled, with the index of each in `rules`.
    keep_res: Vec<(usize, Regex)>,
}

/// Longest line (bytes) that a `[prefix]` rule may drop.
const PREFIX_MAX_LEN: usize = 200;
/// Longest line (bytes) that any line rule may drop: longer lines are article text.
const LINE_MAX_LEN: usize = 240;
/// Longest paragraph (words) that a `[caption]` rule may drop.
const CAPTION_MAX_WORDS: usize = 60;

/// Lowercases, collapses whitespace and strips trailing punctuation and arrows.
pub fn normalize(s: &str) -> String {
    let out = fold(s);
    let trimmed = out.trim_end_matches(|c: char| {
        matches!(
            c,
            ':' | '!' | '.' | '»' | '›' | '>' | '→' | '…' | '↑' | ' ' | '|' | '-' | '–' | '—'
        )
    });
    trimmed.to_string()
}

/// Lowercases and collapses whitespace.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// True when `s` starts with `prefix` and the prefix ends at a word boundary.
fn starts_with_word(s: &str, prefix: &str) -> bool {
    s.starts_with(prefix)
        && (prefix.ends_with(|c: char| !c.is_alphanumeric())
            || !s[prefix.len()..].starts_with(char::is_alphanumeric))
}

impl Furniture {
    /// Parses a rules file.
    pub fn parse(src: &str) -> Result<Furniture, RuleError> {
        let mut rules: Vec<Rule> = Vec::new();
        let mut kind: Option<RuleKind> = None;
        for (i, raw) in src.lines().enumerate() {
            let line = i + 1;
            let t = raw.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let is_section = t.len() > 2
                && t.starts_with('[')
                && t.ends_with(']')
                && t[1..t.len() - 1].bytes().all(|c| c.is_ascii_lowercase());
            if is_section {
                kind = Some(match &t[1..t.len() - 1] {
                    "line" => RuleKind::Line,
                    "prefix" => RuleKind::Prefix,
                    "suffix" => RuleKind::Suffix,
                    "regex" => RuleKind::Regex,
                    "caption" => RuleKind::Caption,
                    "keep" => RuleKind::Keep,
                    "attr" => RuleKind::Attr,
                    other => {
                        return Err(RuleError {
                            line,
                            message: format!("unknown section [{other}]"),
                        })
                    }
                });
                continue;
            }
            if raw.starts_with(char::is_whitespace) {
                let (sign, ex) = t.split_at(1);
                let ex = ex.trim().to_string();
                let Some(rule) = rules.last_mut() else {
                    return Err(RuleError {
                        line,
                        message: "example before any rule".into(),
                    });
                };
                match sign {
                    "+" => rule.positive.push(ex),
                    "-" => rule.negative.push(ex),
                    _ => {
                        return Err(RuleError {
                            line,
                            message: "an indented line must be an example: `+ TEXT` or `- TEXT`"
                                .into(),
                        })
                    }
                }
                continue;
            }
            let Some(kind) = kind else {
                return Err(RuleError {
                    line,
                    message: "rule before any [section]".into(),
                });
            };
            let matcher = match kind {
                RuleKind::Line | RuleKind::Attr | RuleKind::Suffix => Matcher::Phrase(normalize(t)),
                RuleKind::Prefix => Matcher::Phrase(fold(t)),
                RuleKind::Regex | RuleKind::Caption | RuleKind::Keep => Matcher::Pattern,
            };
            rules.push(Rule {
                kind,
                pattern: t.to_string(),
                line,
                positive: Vec::new(),
                negative: Vec::new(),
                matcher,
            });
        }
        let compiled = |kind: RuleKind, anchor: bool| -> Result<Vec<(usize, Regex)>, RuleError> {
            (0..rules.len())
                .filter(|&i| rules[i].kind == kind)
                .map(|i| {
                    let p = &rules[i].pattern;
                    let re = if anchor {
                        format!("^(?:{p})$")
                    } else {
                        p.clone()
                    };
                    compile(&re, rules[i].line).map(|re| (i, re))
                })
                .collect()
        };
        let line_res = compiled(RuleKind::Regex, true)?;
        let caption_res = compiled(RuleKind::Caption, false)?;
        let keep_res = compiled(RuleKind::Keep, false)?;
        let mut f = Furniture {
            lines: HashSet::new(),
            prefixes: Vec::new(),
            suffixes: Vec::new(),
            attrs: HashSet::new(),
            rules: Vec::new(),
            line_res,
            max_line: 0,
            max_prefix: 0,
            max_suffix: 0,
            caption_res,
            keep_res,
        };
        for r in &rules {
            if let Matcher::Phrase(p) = &r.matcher {
                match r.kind {
                    RuleKind::Line => {
                        f.lines.insert(p.clone());
                    }
                    RuleKind::Prefix => f.prefixes.push(p.clone()),
                    RuleKind::Suffix => f.suffixes.push(p.clone()),
                    RuleKind::Attr => {
                        f.attrs.insert(p.clone());
                    }
                    _ => {}
                }
            }
        }
        f.max_line = f.lines.iter().map(String::len).max().unwrap_or(0);
        f.max_prefix = f.prefixes.iter().map(String::len).max().unwrap_or(0);
        f.max_suffix = f.suffixes.iter().map(String::len).max().unwrap_or(0);
        f.rules = rules;
        Ok(f)
    }

    /// The built-in rules (`furniture.txt`).
    pub fn builtin() -> &'static Furniture {
        static F: OnceLock<Furniture> = OnceLock::new();
        F.get_or_init(|| {
            // The embedded file is checked by the crate's tests; an error here is a build defect.
            Furniture::parse(FURNITURE_RULES).unwrap_or_else(|e| panic!("furniture.txt: {e}"))
        })
    }

    /// All rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule that makes this single line furniture, if any (`[line]`, `[prefix]`, `[regex]`).
    pub fn line_rule(&self, line: &str) -> Option<&Rule> {
        let t = line.trim();
        if t.is_empty() || t.len() > LINE_MAX_LEN || t.starts_with(char::is_lowercase) {
            // a line starting in lower case continues a wrapped sentence ("earnings per\nshare.")
            return None;
        }
        // slack for repeated spaces and trailing punctuation the normalisation removes
        if t.len() <= self.max_line + 16 {
            let n = normalize(t);
            if self.lines.contains(&n) {
                return self.rules.iter().find(|r| {
                    r.kind == RuleKind::Line && matches!(&r.matcher, Matcher::Phrase(p) if *p == n)
                });
            }
        }
        if t.len() <= PREFIX_MAX_LEN {
            let mut cut = (self.max_prefix + 16).min(t.len());
            while !t.is_char_boundary(cut) {
                cut += 1;
            }
            let f = fold(&t[..cut]);
            if self.prefixes.iter().any(|p| starts_with_word(&f, p)) {
                return self.rules.iter().find(|r| {
                    r.kind == RuleKind::Prefix
                        && matches!(&r.matcher, Matcher::Phrase(p) if starts_with_word(&f, p))
                });
            }
        }
        if t.len() <= PREFIX_MAX_LEN && !self.suffixes.is_empty() {
            let mut cut = t.len().saturating_sub(self.max_suffix + 16);
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            let n = normalize(&t[cut..]);
            let ends = |p: &str| {
                n.ends_with(p) && !n[..n.len() - p.len()].ends_with(char::is_alphanumeric)
            };
            if self.suffixes.iter().any(|p| ends(p)) {
                return self.rules.iter().find(|r| {
                    r.kind == RuleKind::Suffix
                        && matches!(&r.matcher, Matcher::Phrase(p) if ends(p))
                });
            }
        }
        let (i, _) = self.line_res.iter().find(|(_, re)| re.is_match(t))?;
        self.rules.get(*i)
    }

    /// True when this single line is furniture.
    pub fn is_furniture_line(&self, line: &str) -> bool {
        self.line_rule(line).is_some()
    }

    /// The `[caption]` rule that makes this paragraph a photo caption, if any (and no `[keep]`
    /// rule vetoes it).
    pub fn caption_rule(&self, para: &str) -> Option<&Rule> {
        let rule = self.caption_match(para)?;
        if self.keep_rule(para).is_some() {
            return None;
        }
        Some(rule)
    }

    /// The `[caption]` rule matching a short paragraph, before `[keep]` vetoes.
    fn caption_match(&self, para: &str) -> Option<&Rule> {
        let t = para.trim();
        if t.is_empty() {
            return None;
        }
        // words, counted fast: separators + 1 (runs of spaces count more, which only keeps more)
        let words = t
            .bytes()
            .filter(|&b| matches!(b, b' ' | b'\n' | b'\t'))
            .count()
            + 1;
        if words > CAPTION_MAX_WORDS {
            return None;
        }
        let (i, _) = self.caption_res.iter().find(|(_, re)| re.is_match(t))?;
        self.rules.get(*i)
    }

    /// The `[keep]` rule that says this paragraph is article text, if any.
    pub fn keep_rule(&self, para: &str) -> Option<&Rule> {
        let (i, _) = self.keep_res.iter().find(|(_, re)| re.is_match(para))?;
        self.rules.get(*i)
    }

    /// The rule that drops this paragraph (as a line rule or a caption rule), if any.
    pub fn paragraph_rule(&self, para: &str) -> Option<&Rule> {
        self.line_rule(para).or_else(|| self.caption_rule(para))
    }

    /// The `[attr]` rule matching an HTML class or id attribute value, if any.
    pub fn attr_rule(&self, value: &str) -> Option<&Rule> {
        value
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty())
            .find_map(|w| {
                let w = w.to_lowercase();
                if self.attrs.contains(&w) {
                    self.rules.iter().find(|r| {
                        r.kind == RuleKind::Attr
                            && matches!(&r.matcher, Matcher::Phrase(p) if *p == w)
                    })
                } else {
                    None
                }
            })
    }
}

fn compile(re: &str, line: usize) -> Result<Regex, RuleError> {
    Regex::new(re).map_err(|e| RuleError {
        line,
        message: format!("bad regular expression: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_for<'a>(f: &'a Furniture, kind: RuleKind, ex: &str) -> Option<&'a Rule> {
        match kind {
            RuleKind::Line | RuleKind::Prefix | RuleKind::Suffix | RuleKind::Regex => {
                f.line_rule(ex)
            }
            RuleKind::Caption => f.caption_rule(ex),
            RuleKind::Attr => f.attr_rule(ex),
            // a keep rule "drops" its examples from the captions a caption rule would take
            RuleKind::Keep => f
                .caption_match(ex)
                .and(f.keep_rule(ex))
                .filter(|_| f.caption_rule(ex).is_none()),
        }
    }

    /// Every rule of furniture.txt has examples, drops its `+` examples itself and keeps its `-` ones.
    #[test]
    fn every_rule_has_passing_examples() {
        let f = Furniture::builtin();
        assert!(f.rules().len() > 50, "only {} rules", f.rules().len());
        for r in f.rules() {
            assert!(
                !r.positive.is_empty(),
                "rule at line {} ({}) has no `+` example",
                r.line,
                r.pattern
            );
            for ex in &r.positive {
                let got = rule_for(f, r.kind, ex);
                assert!(
                    got.is_some_and(|g| g.line == r.line),
                    "rule at line {} ({}) should drop {ex:?}, got {:?}",
                    r.line,
                    r.pattern,
                    got.map(|g| (&g.pattern, g.line))
                );
            }
            for ex in &r.negative {
                let got = rule_for(f, r.kind, ex);
                assert!(
                    got.is_none(),
                    "{ex:?} (example of rule at line {}) must be kept, dropped by line {}",
                    r.line,
                    got.map_or(0, |g| g.line)
                );
                assert!(
                    f.paragraph_rule(ex).is_none()
                        || matches!(r.kind, RuleKind::Attr | RuleKind::Keep)
                );
            }
        }
    }

    #[test]
    fn news_sentences_are_kept() {
        let f = Furniture::builtin();
        for s in [
            "President Vladimir Putin said Russia has sent the United States its proposals on mutual security guarantees.",
            "“The president expressed hope that the Americans and NATO members will respond positively to this,” Interfax quoted Putin’s senior foreign policy aide Yury Ushakov as saying.",
            "Russia Sends Security Proposals to U.S. as Ukraine Tensions Soar",
            "Putin also accuses the West of provoking tensions in the Black Sea, decrying U.S.-led military exercises there.",
            "Share prices fell sharply in Moscow on Monday.",
            "Print media were banned from the hearing.",
            "Related developments are expected next week, diplomats said.",
        ] {
            assert!(f.paragraph_rule(s).is_none(), "{s:?} dropped by {:?}", f.paragraph_rule(s).map(|r| &r.pattern));
        }
    }

    #[test]
    fn seed_furniture_is_dropped() {
        let f = Furniture::builtin();
        assert!(f.is_furniture_line("Support The Moscow Times!"));
        assert!(f.is_furniture_line("Read more"));
        assert!(f
            .caption_rule("Russian Foreign Minister Sergei Lavrov (L) and Russian presidential aide Yury Ushakov. Mikhail Metzel / TASS")
            .is_some());
    }

    #[test]
    fn bad_rules_files_are_reported_with_their_line() {
        let e = Furniture::parse("[line]\nRead more\n[bogus]\n").unwrap_err();
        assert_eq!(e.line, 3);
        let e = Furniture::parse("[regex]\n(unclosed\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("regular expression"));
        let e = Furniture::parse("Read more\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = Furniture::parse("  + example\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = Furniture::parse("[line]\nRead more\n  * what\n").unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalize("  Read   More » "), "read more");
        assert_eq!(
            normalize("SUPPORT THE MOSCOW TIMES!"),
            "support the moscow times"
        );
        assert_eq!(normalize("Back to top ↑"), "back to top");
    }
}
