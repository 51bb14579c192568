//! Reader of PETRARCH2 verb dictionaries (CAMEO.2.0.txt and the like).
//!
//! The file holds, in any order:
//! - synonym sets: a line `&NAME`, then one member a line, `+WORD` (`_` joins words; a member
//!   may itself be `+&OTHER`, a nested set);
//! - verb blocks: a header `--- NAME [CODE] ---`, verb lines (`WORD`, `WORD {IRREGULAR FORMS}`,
//!   multi-word forms such as `+ASK_FOR {+ASKED_FOR ...}` or `KLM_NOP_+RST` where `+` marks the
//!   verb, each optionally with its own `[CODE]`), then patterns
//!   `- WORDS * WORDS [CODE]` where `*` stands for the verb;
//! - transformations `~ a (a b ATTACK) SAY = a b 015` (read and kept; petrel has no use for
//!   them, its coder handles reported speech itself).
//!
//! Pattern elements: words (`_` joins several, `/` gives alternatives, `&SET` a synonym set),
//! `+` target, `$` source, `%` compound actor (source and target within one coordinated
//! phrase), `^` skip a noun phrase, `( ... )` a prepositional phrase, `{ ... }` a noun phrase.
//! Codes: `[042]`, `[---]` (matches, codes nothing), `[042:043]` (an event from source to
//! target and the reciprocal one from target to source), `[:173]` (only the reciprocal one);
//! other letters are kept as written (`[075A]`).

use crate::error::Sink;
use crate::lines::{content_lines, Line};
use crate::Diagnostic;
use std::collections::BTreeMap;

/// An event code as written in brackets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VerbCode {
    /// `[---]`: matches and codes nothing.
    Null,
    /// `[A]`, `[A:B]`, `[:B]`: `forward` from source to target, `reverse` from target to source.
    Event {
        /// Code of the source -> target event, if any.
        forward: Option<String>,
        /// Code of the reciprocal target -> source event, if any.
        reverse: Option<String>,
    },
}

impl VerbCode {
    /// Parses the text between brackets. `None` when it is not a code.
    pub fn parse(s: &str) -> Option<VerbCode> {
        let s = s.trim();
        if s.chars().all(|c| c == '-') && !s.is_empty() {
            return Some(VerbCode::Null);
        }
        // A trailing `!` appears once in CAMEO.2.0 (`[080!]`); it carries no documented meaning.
        let s = s.trim_end_matches('!');
        let part = |p: &str| -> Result<Option<String>, ()> {
            let p = p.trim();
            if p.is_empty() || p.chars().all(|c| c == '-') {
                Ok(None)
            } else if !p.contains(|c: char| c.is_whitespace() || c == '[' || c == ']') {
                Ok(Some(p.to_string()))
            } else {
                Err(())
            }
        };
        let (f, r) = match s.split_once(':') {
            Some((a, b)) => (part(a).ok()?, part(b).ok()?),
            None => (part(s).ok()?, None),
        };
        if f.is_none() && r.is_none() {
            return None;
        }
        Some(VerbCode::Event {
            forward: f,
            reverse: r,
        })
    }

    /// The code as petrel stores it in a pattern: `None` for `---`, else `A`, `A:B` or `:B`.
    pub fn to_petrel(&self) -> Option<String> {
        match self {
            VerbCode::Null => None,
            VerbCode::Event {
                forward,
                reverse: None,
            } => forward.clone(),
            VerbCode::Event { forward, reverse } => Some(format!(
                "{}:{}",
                forward.as_deref().unwrap_or(""),
                reverse.as_deref().unwrap_or("")
            )),
        }
    }
}

/// Splits a pattern code as stored by this reader (`A`, `A:B`, `:B`) into the forward
/// (source -> target) and reverse (target -> source) codes.
pub fn split_code(code: &str) -> (Option<&str>, Option<&str>) {
    fn nonempty(s: &str) -> Option<&str> {
        if s.is_empty() {
            None
        } else {
            Some(s)
        }
    }
    match code.split_once(':') {
        Some((a, b)) => (nonempty(a), nonempty(b)),
        None => (nonempty(code), None),
    }
}

/// One piece of a word element: alternative literal words, or a synonym set.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Piece {
    /// Literal words, alternatives of each other (`BY/WITH`); each may hold spaces.
    Lit(Vec<String>),
    /// A synonym set (`&WEAPON`), name without `&` and trailing `_`.
    Set(String),
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PatElem {
    /// A word, or several joined by `_` (a contiguous sequence of pieces).
    Word(Vec<Piece>),
    /// `+`: the target.
    Target,
    /// `$`: the source.
    Source,
    /// `%`: a compound actor, source and target of each other.
    Compound,
    /// `^`: skip a noun phrase.
    Skip,
    /// `( ... )`: a prepositional phrase.
    Prep(Vec<PatElem>),
    /// `{ ... }`: a noun phrase.
    Phrase(Vec<PatElem>),
}

/// A pattern line of a verb block.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbPattern {
    /// Elements before the verb (`*`), in order.
    pub before: Vec<PatElem>,
    /// Elements after the verb, in order.
    pub after: Vec<PatElem>,
    /// The last element before the verb is joined to it by `_` (`RECENTLY_*`): nothing may
    /// stand between them. Elements separated by spaces may have any words between them.
    pub before_tight: bool,
    /// The first element after the verb is joined to it by `_` (`*_OUT`).
    pub after_tight: bool,
    /// Its code.
    pub code: VerbCode,
    /// The pattern as written (without the leading `-` and the code).
    pub text: String,
    /// 1-based line.
    pub line: usize,
}

/// A verb line of a block.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbLine {
    /// The verb word (base form), upper case as written.
    pub verb: String,
    /// Words of a multi-word form before the verb (`KLM_NOP_+RST`: KLM, NOP).
    pub pre: Vec<String>,
    /// Words of a multi-word form after the verb (`+ASK_FOR`: FOR).
    pub post: Vec<String>,
    /// Irregular forms of the verb word, from the braces.
    pub forms: Vec<String>,
    /// The verb's own code, overriding the block's.
    pub code: Option<VerbCode>,
    /// 1-based line.
    pub line: usize,
}

/// A `--- NAME [CODE] ---` block.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbBlock {
    /// Its name.
    pub name: String,
    /// The default code of its verbs.
    pub code: VerbCode,
    /// Its verbs.
    pub verbs: Vec<VerbLine>,
    /// Its patterns, which apply to every verb of the block.
    pub patterns: Vec<VerbPattern>,
    /// 1-based line of the header.
    pub line: usize,
}

/// A synonym set.
#[derive(Debug, Clone, PartialEq)]
pub struct SynSet {
    /// Name without `&` and trailing `_`.
    pub name: String,
    /// Members as written without `+` (`CASH_`, `ARMED_FORCES`, `&TIETYPES`).
    pub members: Vec<String>,
    /// 1-based line.
    pub line: usize,
}

/// A transformation line (`~ a (a b ATTACK) SAY = a b 015`).
#[derive(Debug, Clone, PartialEq)]
pub struct Transformation {
    /// Left of `=`.
    pub pattern: String,
    /// Right of `=`.
    pub result: String,
    /// 1-based line.
    pub line: usize,
}

/// A whole verb dictionary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VerbDict {
    /// Synonym sets by name.
    pub synsets: BTreeMap<String, SynSet>,
    /// Verb blocks in file order.
    pub blocks: Vec<VerbBlock>,
    /// Transformations.
    pub transformations: Vec<Transformation>,
}

impl VerbDict {
    /// Reads a verb dictionary. Unreadable lines are reported and skipped.
    pub fn parse(file: &str, text: &str) -> (VerbDict, Vec<Diagnostic>) {
        let mut sink = Sink::new(file);
        let mut d = VerbDict::default();
        let mut synset: Option<SynSet> = None;
        let mut block: Option<VerbBlock> = None;
        let finish_set = |s: &mut Option<SynSet>, d: &mut VerbDict| {
            if let Some(s) = s.take() {
                d.synsets.insert(s.name.clone(), s);
            }
        };
        for Line { no, text } in content_lines(text) {
            let t = text.trim();
            if let Some(rest) = t.strip_prefix('+') {
                if let Some(s) = synset.as_mut() {
                    s.members.push(rest.trim().to_string());
                    continue;
                }
            }
            finish_set(&mut synset, &mut d);
            if let Some(name) = t.strip_prefix('&') {
                let name = name.split_whitespace().next().unwrap_or("");
                let name = name.trim_end_matches('_').to_string();
                if name.is_empty() {
                    sink.unreadable(no, "synonym set without a name");
                    continue;
                }
                if d.synsets.contains_key(&name) {
                    sink.warn(
                        no,
                        format!("synonym set &{name} defined again; this one wins"),
                    );
                }
                synset = Some(SynSet {
                    name,
                    members: Vec::new(),
                    line: no,
                });
            } else if t.starts_with("---") {
                match parse_header(t) {
                    Some((name, code)) => {
                        if let Some(b) = block.take() {
                            d.blocks.push(b);
                        }
                        block = Some(VerbBlock {
                            name,
                            code,
                            verbs: Vec::new(),
                            patterns: Vec::new(),
                            line: no,
                        });
                    }
                    None => sink.unreadable(no, "bad block header (want `--- NAME [CODE] ---`)"),
                }
            } else if let Some(rest) = t.strip_prefix('~') {
                match rest.split_once('=') {
                    Some((p, r)) if !p.trim().is_empty() && !r.trim().is_empty() => {
                        d.transformations.push(Transformation {
                            pattern: p.trim().to_string(),
                            result: r.trim().to_string(),
                            line: no,
                        })
                    }
                    _ => sink.unreadable(no, "bad transformation (want `~ PATTERN = RESULT`)"),
                }
            } else if let Some(rest) = t.strip_prefix('-') {
                let Some(b) = block.as_mut() else {
                    sink.unreadable(no, "pattern outside a verb block");
                    continue;
                };
                match parse_pattern(rest) {
                    Ok(p) => b.patterns.push(VerbPattern { line: no, ..p }),
                    Err(e) => sink.unreadable(no, e),
                }
            } else {
                let Some(b) = block.as_mut() else {
                    sink.unreadable(no, "verb line outside a verb block");
                    continue;
                };
                // TABARI-era comments after `;` survive on a few verb lines.
                let t = t.split(';').next().unwrap_or("").trim();
                match parse_verb_line(t) {
                    Ok(v) => b.verbs.push(VerbLine { line: no, ..v }),
                    Err(e) => sink.unreadable(no, e),
                }
            }
        }
        finish_set(&mut synset, &mut d);
        if let Some(b) = block.take() {
            d.blocks.push(b);
        }
        // Undefined synonym sets named by patterns or other sets.
        let mut missing: Vec<(usize, String)> = Vec::new();
        for s in d.synsets.values() {
            for m in &s.members {
                for part in m.split('_') {
                    if let Some(n) = part.strip_prefix('&') {
                        let n = n.trim_end_matches('_');
                        if !d.synsets.contains_key(n) {
                            missing.push((s.line, n.to_string()));
                        }
                    }
                }
            }
        }
        for b in &d.blocks {
            for p in &b.patterns {
                let mut names = Vec::new();
                collect_sets(&p.before, &mut names);
                collect_sets(&p.after, &mut names);
                for n in names {
                    if !d.synsets.contains_key(&n) {
                        missing.push((p.line, n));
                    }
                }
            }
        }
        for (line, n) in missing {
            sink.warn(
                line,
                format!("synonym set &{n} is not defined; it matches nothing"),
            );
        }
        (d, sink.out)
    }

    /// The members of set `name`, nested sets expanded, each as plain words (spaces between).
    pub fn expand_set(&self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.expand_into(name, &mut out, 0);
        out
    }

    fn expand_into(&self, name: &str, out: &mut Vec<String>, depth: usize) {
        let Some(s) = self.synsets.get(name) else {
            return;
        };
        if depth > 8 {
            return;
        }
        for m in &s.members {
            if let Some(n) = m.strip_prefix('&') {
                if !n.trim_end_matches('_').contains('_') {
                    self.expand_into(n.trim_end_matches('_'), out, depth + 1);
                    continue;
                }
            }
            let w = crate::lines::phrase_text(m);
            if !w.is_empty() && !out.contains(&w) {
                out.push(w);
            }
        }
    }
}

fn collect_sets(elems: &[PatElem], out: &mut Vec<String>) {
    for e in elems {
        match e {
            PatElem::Word(pieces) => {
                for p in pieces {
                    if let Piece::Set(n) = p {
                        out.push(n.clone());
                    }
                }
            }
            PatElem::Prep(v) | PatElem::Phrase(v) => collect_sets(v, out),
            _ => {}
        }
    }
}

fn parse_header(t: &str) -> Option<(String, VerbCode)> {
    let inner = t.trim_start_matches('-').trim_end_matches('-').trim();
    let (name, code) = match inner.find('[') {
        Some(p) => {
            let close = inner[p..].find(']')? + p;
            (inner[..p].trim(), VerbCode::parse(&inner[p + 1..close])?)
        }
        None => (inner, VerbCode::Null),
    };
    if name.is_empty() {
        return None;
    }
    Some((crate::lines::phrase_text(name), code))
}

/// Takes the last `[...]` of `s`: the code and the text before it.
fn split_code_bracket(s: &str) -> Result<(&str, Option<VerbCode>), String> {
    let Some(open) = s.rfind('[') else {
        return Ok((s, None));
    };
    let Some(close) = s[open..].find(']').map(|c| c + open) else {
        return Err("`[` without `]`".into());
    };
    if !s[close + 1..].trim().is_empty() {
        return Err(format!("text after the code: {:?}", s[close + 1..].trim()));
    }
    let code = VerbCode::parse(&s[open + 1..close])
        .ok_or_else(|| format!("bad code [{}]", &s[open + 1..close]))?;
    Ok((&s[..open], Some(code)))
}

fn parse_verb_line(t: &str) -> Result<VerbLine, String> {
    let (rest, code) = split_code_bracket(t)?;
    let (head, forms) = match rest.find('{') {
        Some(o) => {
            let c = rest[o..]
                .find('}')
                .map(|c| c + o)
                .ok_or("`{` without `}`")?;
            if !rest[c + 1..].trim().is_empty() {
                return Err(format!("text after the forms: {:?}", rest[c + 1..].trim()));
            }
            (&rest[..o], Some(&rest[o + 1..c]))
        }
        None => (rest, None),
    };
    // `LASH OUT` is read as `LASH_OUT`: the first word is the verb.
    let joined = head.split_whitespace().collect::<Vec<_>>().join("_");
    let head = joined.as_str();
    if head.is_empty() {
        return Err("verb line without a verb".into());
    }
    let (pre, verb, post) = split_multi(head)?;
    let mut out_forms = Vec::new();
    for f in forms.unwrap_or("").split_whitespace() {
        let (_, v, _) = split_multi(f)?;
        out_forms.push(v);
    }
    Ok(VerbLine {
        verb,
        pre,
        post,
        forms: out_forms,
        code,
        line: 0,
    })
}

/// `+ASK_FOR` -> ([], ASK, [FOR]); `KLM_NOP_+RST` -> ([KLM, NOP], RST, []); `ASK` -> ASK.
fn split_multi(w: &str) -> Result<(Vec<String>, String, Vec<String>), String> {
    let parts: Vec<&str> = w.split('_').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return Err(format!("bad verb form {w:?}"));
    }
    let k = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
    let verb = parts[k].trim_start_matches('+');
    if verb.is_empty() || parts.iter().any(|p| p.chars().skip(1).any(|c| c == '+')) {
        return Err(format!("bad verb form {w:?}"));
    }
    let clean = |p: &&str| p.trim_start_matches('+').to_string();
    Ok((
        parts[..k].iter().map(clean).collect(),
        verb.to_string(),
        parts[k + 1..].iter().map(clean).collect(),
    ))
}

fn parse_pattern(rest: &str) -> Result<VerbPattern, String> {
    let (body, code) = split_code_bracket(rest)?;
    let code = code.ok_or("pattern without a [CODE]")?;
    let body = body.trim();
    // Tokens: spaces around brackets; `*` split out of words (`IN_*`, `*_OUT`).
    let mut spaced = String::with_capacity(body.len() + 16);
    for c in body.chars() {
        match c {
            '(' | ')' | '{' | '}' | '*' => {
                spaced.push(' ');
                spaced.push(c);
                spaced.push(' ');
            }
            '\t' => spaced.push(' '),
            c => spaced.push(c),
        }
    }
    let toks: Vec<&str> = spaced.split_whitespace().collect();
    let mut pos = 0;
    let mut stars = 0;
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut before_tight = false;
    let mut after_tight = false;
    while pos < toks.len() {
        if toks[pos] == "*" {
            stars += 1;
            before_tight = pos > 0 && toks[pos - 1].ends_with('_');
            after_tight = toks.get(pos + 1).is_some_and(|t| t.starts_with('_'));
            pos += 1;
            continue;
        }
        let e = parse_elems(&toks, &mut pos, None)?;
        if stars == 0 {
            before.extend(e);
        } else {
            after.extend(e);
        }
    }
    if stars != 1 {
        return Err(format!("pattern needs one `*` for the verb, has {stars}"));
    }
    Ok(VerbPattern {
        before,
        after,
        before_tight,
        after_tight,
        code,
        text: body.split_whitespace().collect::<Vec<_>>().join(" "),
        line: 0,
    })
}

/// Parses one token (or group) at `pos`, or, inside a group closed by `close`, the group's
/// elements up to the closing bracket.
fn parse_elems(
    toks: &[&str],
    pos: &mut usize,
    close: Option<&str>,
) -> Result<Vec<PatElem>, String> {
    let mut out = Vec::new();
    loop {
        let Some(&t) = toks.get(*pos) else {
            return match close {
                Some(c) => Err(format!("missing `{c}`")),
                None => Ok(out),
            };
        };
        *pos += 1;
        match t {
            "(" => out.push(PatElem::Prep(parse_elems(toks, pos, Some(")"))?)),
            "{" => out.push(PatElem::Phrase(parse_elems(toks, pos, Some("}"))?)),
            ")" | "}" => {
                if close == Some(t) {
                    return Ok(out);
                }
                return Err(format!("unexpected `{t}`"));
            }
            "*" => {
                if close.is_some() {
                    return Err("`*` inside brackets".into());
                }
                *pos -= 1;
                return Ok(out);
            }
            t => out.extend(word_elems(t)?),
        }
        if close.is_none() {
            return Ok(out);
        }
    }
}

/// A token such as `SUGGESTED_+`, `NEW_&TIETYPES_RELATIONS`, `BY/WITH`, `$`.
fn word_elems(t: &str) -> Result<Vec<PatElem>, String> {
    let mut out = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    for part in t.split('_').filter(|p| !p.is_empty()) {
        let special = match part {
            "+" => Some(PatElem::Target),
            "$" => Some(PatElem::Source),
            "%" => Some(PatElem::Compound),
            "^" => Some(PatElem::Skip),
            _ => None,
        };
        if let Some(s) = special {
            if !pieces.is_empty() {
                out.push(PatElem::Word(std::mem::take(&mut pieces)));
            }
            out.push(s);
            continue;
        }
        if let Some(n) = part.strip_prefix('&') {
            if n.is_empty() || !n.chars().all(|c| c.is_alphanumeric() || c == '-') {
                return Err(format!("bad synonym set name in {t:?}"));
            }
            pieces.push(Piece::Set(n.to_string()));
            continue;
        }
        if part.contains(['+', '$', '%', '^', '&', '[', ']']) {
            return Err(format!("bad word {part:?} in {t:?}"));
        }
        let alts: Vec<String> = part
            .split('/')
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        if alts.is_empty() {
            return Err(format!("bad word {t:?}"));
        }
        pieces.push(Piece::Lit(alts));
    }
    if !pieces.is_empty() {
        out.push(PatElem::Word(pieces));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(VerbCode::parse("---"), Some(VerbCode::Null));
        assert_eq!(
            VerbCode::parse("042:043").unwrap().to_petrel().unwrap(),
            "042:043"
        );
        assert_eq!(
            VerbCode::parse(":173").unwrap().to_petrel().unwrap(),
            ":173"
        );
        assert_eq!(VerbCode::parse("080!").unwrap().to_petrel().unwrap(), "080");
        assert_eq!(
            VerbCode::parse("075A").unwrap().to_petrel().unwrap(),
            "075A"
        );
        assert_eq!(VerbCode::parse("a b"), None);
        assert_eq!(VerbCode::parse("+++").unwrap().to_petrel().unwrap(), "+++");
        assert_eq!(VerbCode::parse(":"), None);
        assert_eq!(split_code("042:043"), (Some("042"), Some("043")));
        assert_eq!(split_code(":173"), (None, Some("173")));
        assert_eq!(split_code("190"), (Some("190"), None));
    }

    #[test]
    fn multi_word_forms() {
        let v = parse_verb_line("+ASK_FOR {+ASKED_FOR +ASKING_FOR} [020]").unwrap();
        assert_eq!(v.verb, "ASK");
        assert_eq!(v.post, vec!["FOR"]);
        assert_eq!(v.forms, vec!["ASKED", "ASKING"]);
        let v = parse_verb_line("KLM_NOP_+RST [002]").unwrap();
        assert_eq!((v.pre.len(), v.verb.as_str()), (2, "RST"));
        assert_eq!(parse_verb_line("LASH OUT").unwrap().post, vec!["OUT"]);
        assert!(parse_verb_line("{X}").is_err());
    }

    #[test]
    fn pattern_tokens() {
        let p = parse_pattern(" SUGGESTED_+ * (TO {BANNED PARTIES}) $ [1722]").unwrap();
        assert_eq!(
            p.before,
            vec![
                PatElem::Word(vec![Piece::Lit(vec!["SUGGESTED".into()])]),
                PatElem::Target
            ]
        );
        assert_eq!(p.after.len(), 2);
        assert!(matches!(&p.after[0], PatElem::Prep(v) if v.len() == 2));
        assert_eq!(p.after[1], PatElem::Source);
        assert!(parse_pattern(" * (TO [042]").is_err());
        assert!(parse_pattern(" * TO").is_err());
        assert!(parse_pattern(" TO [042]").is_err());
        let p = parse_pattern(" IN_AND_*_OUT_AGAIN NOW [074]").unwrap();
        assert_eq!(p.before.len(), 1);
        assert_eq!(p.after.len(), 2);
        assert!(p.before_tight && p.after_tight);
        let p = parse_pattern(" RECENTLY * REALLY_PLEASANT [024]").unwrap();
        assert!(!p.before_tight && !p.after_tight);
        assert_eq!(p.after.len(), 1);
    }
}
