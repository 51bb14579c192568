//! Reader for petrel's dictionary text format (`dict/FORMAT.md`).

// Errors are the rare path here and are collected by value; boxing them buys nothing.
#![allow(clippy::result_large_err)]

use crate::hash::FxMap;
use crate::{
    ActorEntry, ActorKind, AgentEntry, CameoCode, DictError, HeadKind, KbBuilder, Origin, Pattern,
    PatternElem, Role, Segment, SegmentKind,
};
use chrono::NaiveDate;
use std::path::Path;

/// One dictionary file of a layer.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    /// Path relative to the layer's root, with `/` separators (`actors/people.txt`).
    pub rel: String,
    /// Path shown in errors (`dict/actors/people.txt`).
    pub display: String,
    /// Contents.
    pub text: std::borrow::Cow<'static, str>,
}

/// Which part of a layer a file belongs to, in load order; `None` for files the format does
/// not define (ignored).
fn rank(rel: &str) -> Option<u8> {
    let (dir, name) = match rel.split_once('/') {
        Some((d, n)) => (d, n),
        None => ("", rel),
    };
    if !name.ends_with(".txt") || name.contains('/') {
        return None;
    }
    match (dir, name) {
        ("segments", _) => Some(0),
        ("", "cameo.txt") => Some(1),
        ("actors", _) => Some(2),
        ("agents", _) => Some(3),
        ("verbs", _) => Some(4),
        _ => None,
    }
}

/// Reads the dictionary files of a folder laid out like `dict/`.
pub(crate) fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, DictError> {
    let io = |p: &Path, e: std::io::Error| DictError::Io {
        path: p.display().to_string(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(dir).map_err(|e| io(dir, e))?;
    if !meta.is_dir() {
        return Err(DictError::Io {
            path: dir.display().to_string(),
            message: "not a folder".into(),
        });
    }
    let mut out = Vec::new();
    let mut candidates = vec![(String::from("cameo.txt"), dir.join("cameo.txt"))];
    for sub in ["segments", "actors", "agents", "verbs"] {
        let d = dir.join(sub);
        if !d.is_dir() {
            continue;
        }
        for e in std::fs::read_dir(&d).map_err(|e| io(&d, e))? {
            let e = e.map_err(|e| io(&d, e))?;
            let name = e.file_name().to_string_lossy().into_owned();
            candidates.push((format!("{sub}/{name}"), e.path()));
        }
    }
    for (rel, path) in candidates {
        if rank(&rel).is_none() || !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        out.push(SourceFile {
            rel,
            display: path.display().to_string(),
            text: text.into(),
        });
    }
    Ok(out)
}

/// Loads one layer's files into the builder (segments, then cameo.txt, actors, agents, verbs;
/// files of a folder in name order).
pub(crate) fn load_layer(b: &mut KbBuilder, files: &[SourceFile]) {
    b.begin_layer();
    let mut files: Vec<&SourceFile> = files.iter().filter(|f| rank(&f.rel).is_some()).collect();
    let (mut actor_lines, mut names, mut agent_lines) = (0, 0, 0);
    for f in &files {
        match rank(&f.rel) {
            Some(2) => {
                actor_lines += memchr_count(b'\n', &f.text);
                names += memchr_count(b'|', &f.text);
            }
            Some(3) => agent_lines += memchr_count(b'\n', &f.text),
            _ => {}
        }
    }
    b.reserve(actor_lines, actor_lines + names, agent_lines);
    files.sort_by(|a, b| (rank(&a.rel), &a.rel).cmp(&(rank(&b.rel), &b.rel)));
    for f in files {
        match rank(&f.rel) {
            Some(0) => parse_segments(b, f),
            Some(1) => parse_cameo(b, f),
            Some(2) => parse_actors(b, f),
            Some(3) => parse_agents(b, f),
            Some(4) => parse_verbs(b, f),
            _ => {}
        }
    }
}

fn memchr_count(c: u8, text: &str) -> usize {
    text.bytes().filter(|&b| b == c).count()
}

/// A meaningful line: number, content without comment or trailing space, indented or not.
struct Line<'a> {
    no: usize,
    text: &'a str,
    indented: bool,
}

fn strip_comment(line: &str) -> &str {
    // `#` is ASCII, so a byte scan is exact on UTF-8; the byte before it is whitespace when
    // it is an ASCII space or tab (the only whitespace that can precede it in practice) or
    // the line starts with it.
    let b = line.as_bytes();
    let mut from = 0;
    while let Some(i) = b[from..].iter().position(|&c| c == b'#') {
        let i = from + i;
        if i == 0 || b[i - 1].is_ascii_whitespace() || line[..i].ends_with(char::is_whitespace) {
            return &line[..i];
        }
        from = i + 1;
    }
    line
}

fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().enumerate().filter_map(|(i, raw)| {
        let content = strip_comment(raw).trim_end();
        if content.trim().is_empty() {
            return None;
        }
        let indented = content.starts_with([' ', '\t']);
        Some(Line {
            no: i + 1,
            text: content.trim(),
            indented,
        })
    })
}

fn origin(f: &SourceFile, line: usize) -> Origin {
    Origin {
        file: f.display.clone(),
        line,
    }
}

fn malformed(origin: Origin, reason: impl Into<String>) -> DictError {
    DictError::Malformed {
        origin,
        reason: reason.into(),
    }
}

fn parse_segments(b: &mut KbBuilder, f: &SourceFile) {
    for l in lines(&f.text) {
        let o = origin(f, l.no);
        let fields: Vec<&str> = l.text.splitn(3, '|').map(str::trim).collect();
        if l.indented || fields.len() != 3 {
            b.push_error(malformed(o, "expected `SEG | kind | description`"));
            continue;
        }
        let seg = fields[0];
        if seg.len() != 3
            || !seg
                .bytes()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            b.push_error(malformed(
                o,
                format!("bad segment {seg:?}: three uppercase letters or digits"),
            ));
            continue;
        }
        let kind = match fields[1] {
            "country" => SegmentKind::Country,
            "region" => SegmentKind::Region,
            "igo" => SegmentKind::Igo,
            "sector" => SegmentKind::Sector,
            "other" => SegmentKind::Other,
            k => {
                b.push_error(malformed(
                    o,
                    format!(
                        "unknown segment kind {k:?} (expected country, region, igo, sector or other)"
                    ),
                ));
                continue;
            }
        };
        b.add_segment(Segment {
            code: seg.to_string(),
            kind,
            description: fields[2].to_string(),
            origin: o,
        });
    }
}

fn parse_cameo(b: &mut KbBuilder, f: &SourceFile) {
    let mut seen: FxMap<String, usize> = FxMap::default();
    for l in lines(&f.text) {
        let o = origin(f, l.no);
        let fields: Vec<&str> = l.text.split('|').map(str::trim).collect();
        if l.indented || !(5..=6).contains(&fields.len()) {
            b.push_error(malformed(
                o,
                "expected `code | name | goldstein | quad | plover type | plover mode`",
            ));
            continue;
        }
        let code = fields[0];
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|c| c.is_ascii_digit()) {
            b.push_error(malformed(
                o,
                format!("bad CAMEO code {code:?}: 2 to 4 digits"),
            ));
            continue;
        }
        if let Some(first) = seen.get(code) {
            b.push_error(malformed(
                o,
                format!("duplicate CAMEO code {code} (first at line {first})"),
            ));
            continue;
        }
        seen.insert(code.to_string(), l.no);
        if fields[1].is_empty() {
            b.push_error(malformed(o, format!("CAMEO code {code} has no name")));
            continue;
        }
        let goldstein = match fields[2].parse::<f64>() {
            Ok(g) if (-10.0..=10.0).contains(&g) => g,
            _ => {
                b.push_error(malformed(
                    o,
                    format!("bad Goldstein value {:?}: a number in -10..10", fields[2]),
                ));
                continue;
            }
        };
        let quad_class = match fields[3].parse::<u8>() {
            Ok(q) if (1..=4).contains(&q) => q,
            _ => {
                b.push_error(malformed(
                    o,
                    format!("bad QuadClass {:?}: 1, 2, 3 or 4", fields[3]),
                ));
                continue;
            }
        };
        let ptype = fields[4];
        if ptype.is_empty()
            || (ptype != "-" && !ptype.bytes().all(|c| c.is_ascii_uppercase() || c == b'_'))
        {
            b.push_error(malformed(
                o,
                format!("bad PLOVER type {ptype:?}: an uppercase type, or - for none"),
            ));
            continue;
        }
        b.add_cameo(CameoCode {
            code: code.to_string(),
            name: fields[1].to_string(),
            goldstein,
            quad_class,
            plover_type: if ptype == "-" {
                String::new()
            } else {
                ptype.to_string()
            },
            plover_mode: fields.get(5).copied().unwrap_or("").to_string(),
        });
    }
}

/// Checks that `code` is made of known 3-letter segments.
fn check_code(b: &KbBuilder, code: &str, o: &Origin) -> Result<(), DictError> {
    if code.is_empty()
        || !code.len().is_multiple_of(3)
        || !code
            .bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Err(malformed(
            o.clone(),
            format!("bad code {code:?}: codes are made of 3-letter uppercase segments"),
        ));
    }
    for i in (0..code.len()).step_by(3) {
        let seg = &code[i..i + 3];
        if b.segment(seg).is_none() {
            return Err(DictError::UnknownCode {
                origin: o.clone(),
                code: code.to_string(),
                segment: seg.to_string(),
            });
        }
    }
    Ok(())
}

/// Splits `names = CODE` into names and code (`None` when there is no `=`).
fn names_and_code<'a>(
    text: &'a str,
    o: &Origin,
) -> Result<(Vec<String>, Option<&'a str>), DictError> {
    let (names, code) = match text.rsplit_once('=') {
        Some((n, c)) => {
            let c = c.trim();
            if c.is_empty() {
                return Err(malformed(o.clone(), "empty code after `=`"));
            }
            (n, Some(c))
        }
        None => (text, None),
    };
    let names: Vec<String> = names.split('|').map(|n| n.trim().to_string()).collect();
    if names.iter().any(String::is_empty) {
        return Err(malformed(
            o.clone(),
            "empty name (check the `|` separators)",
        ));
    }
    Ok((names, code))
}

fn parse_date(s: &str, o: &Origin) -> Result<Option<NaiveDate>, DictError> {
    if s.is_empty() {
        return Ok(None);
    }
    let ok = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) if ok => Ok(Some(d)),
        _ => Err(DictError::BadDate {
            origin: o.clone(),
            text: s.to_string(),
        }),
    }
}

struct Draft {
    entry: ActorEntry,
    had_roles: bool,
}

fn finish_actor(b: &mut KbBuilder, d: Option<Draft>) {
    let Some(d) = d else { return };
    let e = d.entry;
    if e.default_code.is_none() && e.roles.is_empty() {
        if !d.had_roles {
            b.push_error(DictError::NoCode {
                origin: e.origin.clone(),
                name: e.name.clone(),
            });
        }
        return;
    }
    let mut errors = Vec::new();
    for (j, r) in e.roles.iter().enumerate() {
        for q in &e.roles[..j] {
            let overlap = r.from.is_none_or(|rf| q.to.is_none_or(|qt| rf < qt))
                && q.from.is_none_or(|qf| r.to.is_none_or(|rt| qf < rt));
            if overlap && r.code != q.code {
                errors.push(DictError::OverlappingRoles {
                    origin: r.origin.clone(),
                    code: r.code.clone(),
                    other_line: q.origin.line,
                    other_code: q.code.clone(),
                });
            }
        }
    }
    for err in errors {
        b.push_error(err);
    }
    b.add_actor(e);
}

fn parse_role(b: &KbBuilder, text: &str, o: &Origin) -> Result<Role, DictError> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [range, code] = parts[..] else {
        return Err(malformed(
            o.clone(),
            "expected a role line `FROM..TO CODE` (dates YYYY-MM-DD, either may be empty)",
        ));
    };
    let Some((from, to)) = range.split_once("..") else {
        return Err(DictError::BadRange {
            origin: o.clone(),
            range: range.to_string(),
            reason: "expected FROM..TO".into(),
        });
    };
    let from = parse_date(from, o)?;
    let to = parse_date(to, o)?;
    if let (Some(f), Some(t)) = (from, to) {
        if t <= f {
            return Err(DictError::BadRange {
                origin: o.clone(),
                range: range.to_string(),
                reason: if t == f {
                    "empty: the end is exclusive".into()
                } else {
                    "end before start".into()
                },
            });
        }
    }
    check_code(b, code, o)?;
    Ok(Role {
        from,
        to,
        code: code.to_string(),
        origin: o.clone(),
    })
}

fn parse_actors(b: &mut KbBuilder, f: &SourceFile) {
    let mut kind: Option<ActorKind> = None;
    let mut draft: Option<Draft> = None;
    for l in lines(&f.text) {
        let o = origin(f, l.no);
        if l.indented {
            let Some(d) = draft.as_mut() else {
                b.push_error(DictError::RoleOutsideEntry { origin: o });
                continue;
            };
            d.had_roles = true;
            match parse_role(b, l.text, &o) {
                Ok(r) => d.entry.roles.push(r),
                Err(e) => b.push_error(e),
            }
            continue;
        }
        finish_actor(b, draft.take());
        if let Some(rest) = l.text.strip_prefix('[') {
            let name = rest.strip_suffix(']').unwrap_or(rest).trim();
            kind = match name {
                "country" => Some(ActorKind::Country),
                "region" => Some(ActorKind::Region),
                "igo" => Some(ActorKind::Igo),
                "media" => Some(ActorKind::Media),
                "person" => Some(ActorKind::Person),
                "group" => Some(ActorKind::Group),
                "place" => Some(ActorKind::Place),
                _ => {
                    b.push_error(DictError::UnknownSection {
                        origin: o,
                        name: name.to_string(),
                    });
                    None
                }
            };
            if !rest.ends_with(']') && kind.is_some() {
                b.push_error(malformed(origin(f, l.no), "section header without `]`"));
            }
            continue;
        }
        let Some(k) = kind else {
            b.push_error(DictError::EntryOutsideSection { origin: o });
            continue;
        };
        let (names, code) = match names_and_code(l.text, &o) {
            Ok(x) => x,
            Err(e) => {
                b.push_error(e);
                continue;
            }
        };
        if let Some(c) = code {
            if let Err(e) = check_code(b, c, &o) {
                b.push_error(e);
            }
        }
        draft = Some(Draft {
            entry: ActorEntry {
                name: names[0].clone(),
                names,
                kind: k,
                default_code: code.map(str::to_string),
                roles: Vec::new(),
                origin: o,
            },
            had_roles: false,
        });
    }
    finish_actor(b, draft);
}

fn parse_agents(b: &mut KbBuilder, f: &SourceFile) {
    for l in lines(&f.text) {
        let o = origin(f, l.no);
        if l.indented {
            b.push_error(malformed(o, "agent files have no indented lines"));
            continue;
        }
        if l.text.starts_with('[') {
            b.push_error(DictError::UnknownSection {
                origin: o,
                name: l.text.trim_matches(['[', ']']).to_string(),
            });
            continue;
        }
        let (names, code) = match names_and_code(l.text, &o) {
            Ok(x) => x,
            Err(e) => {
                b.push_error(e);
                continue;
            }
        };
        let Some(code) = code else {
            b.push_error(DictError::NoCode {
                origin: o,
                name: names[0].clone(),
            });
            continue;
        };
        if let Err(e) = check_code(b, code, &o) {
            b.push_error(e);
            continue;
        }
        b.add_agent(AgentEntry {
            name: names[0].clone(),
            names,
            code: code.to_string(),
            origin: o,
        });
    }
}

type WordSets = FxMap<String, Vec<Vec<String>>>;

fn alternatives(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut out = Vec::with_capacity(memchr_count(b'|', text) + 1);
    for alt in text.split('|') {
        let alt = alt.trim();
        let mut words = Vec::with_capacity(memchr_count(b' ', alt) + 1);
        words.extend(alt.split_whitespace().map(crate::normalize));
        if words.is_empty() {
            return Err("empty alternative".into());
        }
        out.push(words);
    }
    Ok(out)
}

/// Parses a pattern into (before, after) elements around the head word `lemma`.
fn parse_pattern(
    text: &str,
    lemma: &str,
    sets: &WordSets,
) -> Result<(Vec<PatternElem>, Vec<PatternElem>), String> {
    let mut elems: Vec<PatternElem> = Vec::with_capacity(8);
    let mut head: Option<usize> = None;
    let mut rest = text.trim();
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('(') {
            let Some(close) = inner.find(')') else {
                return Err("unbalanced parentheses: `(` without `)`".into());
            };
            let group = &inner[..close];
            if group.contains('(') {
                return Err("nested parentheses".into());
            }
            elems.push(PatternElem::Words(alternatives(group)?));
            rest = inner[close + 1..].trim_start();
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let tok = &rest[..end];
        rest = rest[end..].trim_start();
        if tok.contains(['(', ')']) {
            return Err(format!("unbalanced parentheses at {tok:?}"));
        }
        match tok {
            "+" => {
                if elems.contains(&PatternElem::Target) {
                    return Err("two targets (`+`)".into());
                }
                elems.push(PatternElem::Target);
            }
            "..." => elems.push(PatternElem::Any),
            "^" => elems.push(PatternElem::SkipNp),
            "%" if head.is_none() => elems.push(PatternElem::Mutual),
            "%" => return Err("`%` (coordinated subject) stands before the head word".into()),
            "$" => {
                if elems.contains(&PatternElem::Source) {
                    return Err("two sources (`$`)".into());
                }
                elems.push(PatternElem::Source);
            }
            _ if tok.starts_with('@') => match sets.get(&tok[1..]) {
                Some(s) => elems.push(PatternElem::Words(s.clone())),
                None => return Err(format!("unknown word set {tok}")),
            },
            _ => {
                let alts = if tok.contains('|') {
                    alternatives(tok)?
                } else {
                    vec![vec![crate::normalize(tok)]]
                };
                if head.is_none() && alts.len() == 1 && alts[0] == [lemma] {
                    head = Some(elems.len());
                    // Placeholder for the head, removed below.
                    elems.push(PatternElem::Words(Vec::new()));
                } else {
                    elems.push(PatternElem::Words(alts));
                }
            }
        }
    }
    let Some(h) = head else {
        return Err(format!(
            "no lemma: the pattern must contain the head word {lemma:?}"
        ));
    };
    let after = elems.split_off(h + 1);
    elems.pop();
    Ok((elems, after))
}

fn parse_verbs(b: &mut KbBuilder, f: &SourceFile) {
    // Word sets first: a set may be used above its definition.
    let mut sets: WordSets = FxMap::default();
    for l in lines(&f.text) {
        if l.indented {
            continue;
        }
        if let Some(def) = l.text.strip_prefix('@') {
            let o = origin(f, l.no);
            let Some((name, alts)) = def.split_once('=') else {
                b.push_error(malformed(o, "expected `@NAME = a | b | ...`"));
                continue;
            };
            let name = name.trim();
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
            {
                b.push_error(malformed(o, format!("bad word-set name {name:?}")));
                continue;
            }
            if sets.contains_key(name) {
                b.push_error(malformed(o, format!("word set @{name} defined twice")));
                continue;
            }
            match alternatives(alts) {
                Ok(a) => {
                    sets.insert(name.to_string(), a);
                }
                Err(r) => b.push_error(malformed(o, format!("word set @{name}: {r}"))),
            }
        }
    }
    let mut block: Option<(HeadKind, String)> = None;
    for l in lines(&f.text) {
        let o = origin(f, l.no);
        if !l.indented {
            if l.text.starts_with('@') {
                continue;
            }
            let (kind, rest) = if let Some(r) = l.text.strip_prefix("verb ") {
                (HeadKind::Verb, r)
            } else if let Some(r) = l.text.strip_prefix("noun ") {
                (HeadKind::Noun, r)
            } else {
                b.push_error(malformed(
                    o,
                    "expected `verb LEMMA`, `noun LEMMA` or `@NAME = ...` at column 0 (pattern lines are indented)",
                ));
                block = None;
                continue;
            };
            let (lemma, forms) = match rest.split_once('{') {
                Some((lemma, forms)) => {
                    let Some(forms) = forms.trim_end().strip_suffix('}') else {
                        b.push_error(malformed(o, "irregular forms: `{` without `}`"));
                        block = None;
                        continue;
                    };
                    let forms: Vec<String> = forms
                        .split(|c: char| c == '|' || c == ',' || c.is_whitespace())
                        .filter(|s| !s.is_empty())
                        .map(crate::normalize)
                        .collect();
                    (lemma.trim(), forms)
                }
                None => (rest.trim(), Vec::new()),
            };
            if lemma.is_empty() || lemma.contains(char::is_whitespace) {
                b.push_error(malformed(
                    o,
                    format!("block lemma {lemma:?} must be one word"),
                ));
                block = None;
                continue;
            }
            let lemma = crate::normalize(lemma);
            match kind {
                HeadKind::Verb => b.add_verb(&lemma, &forms, o),
                HeadKind::Noun => b.add_noun(&lemma, &forms, o),
            }
            block = Some((kind, lemma));
            continue;
        }
        let Some((kind, lemma)) = block.as_ref() else {
            b.push_error(DictError::PatternOutsideBlock { origin: o });
            continue;
        };
        let (code_tok, pattern) = match l.text.split_once(char::is_whitespace) {
            Some((c, p)) => (c, p.trim()),
            None => (l.text, ""),
        };
        let code = if code_tok == "---" {
            None
        } else if code_tok.bytes().all(|c| c.is_ascii_digit()) {
            if b.cameo(code_tok).is_none() {
                b.push_error(DictError::UnknownEventCode {
                    origin: o,
                    code: code_tok.to_string(),
                });
                continue;
            }
            Some(code_tok.to_string())
        } else {
            b.push_error(DictError::MalformedPattern {
                origin: o,
                pattern: l.text.to_string(),
                reason: "a pattern line starts with a CAMEO code or ---".into(),
            });
            continue;
        };
        if pattern.is_empty() {
            b.push_error(DictError::MalformedPattern {
                origin: o,
                pattern: l.text.to_string(),
                reason: "no pattern after the code".into(),
            });
            continue;
        }
        match parse_pattern(pattern, lemma, &sets) {
            Ok((before, after)) => {
                let p = Pattern {
                    code,
                    lemma: lemma.clone(),
                    before,
                    after,
                    forms: Vec::new(),
                    text: pattern.to_string(),
                    origin: o,
                };
                b.add_pattern(*kind, p);
            }
            Err(reason) => b.push_error(DictError::MalformedPattern {
                origin: o,
                pattern: pattern.to_string(),
                reason,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments() {
        assert_eq!(strip_comment("a # b"), "a ");
        assert_eq!(strip_comment("# b"), "");
        assert_eq!(strip_comment("C#sharp"), "C#sharp");
    }

    #[test]
    fn patterns() {
        let mut sets = WordSets::default();
        sets.insert(
            "S".into(),
            vec![vec!["sanction".into()], vec!["trade".into(), "ban".into()]],
        );
        let (b, a) = parse_pattern("warn + of @S", "warn", &sets).unwrap();
        assert!(b.is_empty());
        assert_eq!(a.len(), 3);
        assert_eq!(a[0], PatternElem::Target);
        let (_, a) = parse_pattern("warn ... of war", "warn", &sets).unwrap();
        assert_eq!(a[0], PatternElem::Any);
        // specificity counts literal words: "fire test missile" beats "fire missile"
        let spec = |t: &str| {
            let (before, after) = parse_pattern(t, "fire", &sets).unwrap();
            Pattern {
                code: None,
                lemma: "fire".into(),
                before,
                after,
                forms: Vec::new(),
                text: t.into(),
                origin: Origin {
                    file: "t".into(),
                    line: 1,
                },
            }
            .specificity()
        };
        assert!(spec("fire (test missile | missile in test)") > spec("fire missile|rocket"));
        assert_eq!(spec("fire ... + at @S"), 2);
        let (_, a) = parse_pattern("celebrate iftar in ^ +", "celebrate", &sets).unwrap();
        assert_eq!(a[2], PatternElem::SkipNp);
        let (b, _) = parse_pattern("% agree", "agree", &sets).unwrap();
        assert_eq!(b, vec![PatternElem::Mutual]);
        assert!(parse_pattern("agree %", "agree", &sets).is_err());
        let (b, a) = parse_pattern("$ invasion of +", "invasion", &sets).unwrap();
        assert_eq!(b, vec![PatternElem::Source]);
        assert_eq!(a.len(), 2);
        let (_, a) = parse_pattern("warn of (military action | war)", "warn", &sets).unwrap();
        assert_eq!(
            a[1],
            PatternElem::Words(vec![
                vec!["military".into(), "action".into()],
                vec!["war".into()]
            ])
        );
        let (_, a) = parse_pattern("warn of war|force", "warn", &sets).unwrap();
        assert_eq!(
            a[1],
            PatternElem::Words(vec![vec!["war".into()], vec!["force".into()]])
        );
        assert!(parse_pattern("warn (of", "warn", &sets)
            .unwrap_err()
            .contains("unbalanced"));
        assert!(parse_pattern("warn of)", "warn", &sets)
            .unwrap_err()
            .contains("unbalanced"));
        assert!(parse_pattern("warn @X", "warn", &sets)
            .unwrap_err()
            .contains("unknown word set"));
        assert!(parse_pattern("say +", "warn", &sets)
            .unwrap_err()
            .contains("no lemma"));
    }
}
