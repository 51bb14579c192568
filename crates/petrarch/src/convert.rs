//! Turns read PETRARCH dictionaries into petrel's knowledge base ([`KbBuilder`]).
//!
//! Decisions (see the crate docs): verb blocks become verb heads, each block pattern applied to
//! every verb of its block; `(...)` and `{...}` groups are flattened into consecutive elements
//! (the coder lets noun-phrase material stand between elements); `^` is dropped (the coder
//! skips noun-phrase material anyway); `%` after the verb is the target, before it the subject
//! (the source) and is dropped; a code `A:B` is kept whole in the pattern and registered in
//! the CAMEO table with the data of `A` ([`crate::split_code`] splits it); codes absent from
//! petrel's table (WEIS codes, `075A`) are registered with the data of their longest known
//! prefix, or neutral values. Within one file the first definition of a name or pattern wins
//! and the later conflicting one is reported as a warning; later files override earlier ones.
//! Verb words listed in an inflected form (`SAID`) become forms of their lemma (`say`).

use crate::actors::ActorDict;
use crate::agents::{AgentDict, Placement};
use crate::error::Sink;
use crate::verbs::{PatElem, Piece, VerbCode, VerbDict};
use crate::Diagnostic;
use petrel_dict::KnowledgeBase;
use petrel_dict::{
    ActorEntry, ActorKind, AgentEntry, CameoCode, HeadKind, KbBuilder, Origin, Pattern,
    PatternElem, Role, Segment, SegmentKind,
};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Counts of what a conversion added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Verb blocks read.
    pub verb_blocks: usize,
    /// Verb lemmas declared.
    pub verbs: usize,
    /// Patterns added (a block pattern counts once per verb of its block).
    pub patterns: usize,
    /// Synonym sets.
    pub synsets: usize,
    /// Transformations read (kept, not used by the coder).
    pub transformations: usize,
    /// Actor entries added.
    pub actors: usize,
    /// Agent entries added.
    pub agents: usize,
    /// CAMEO codes registered that petrel's table lacks.
    pub extra_codes: usize,
    /// Names or patterns dropped because an earlier definition in the same file wins.
    pub shadowed: usize,
}

/// Word cache: PETRARCH text -> petrel's normalised words.
#[derive(Default)]
pub(crate) struct Words(HashMap<String, Vec<String>>);

impl Words {
    fn get(&mut self, s: &str) -> &Vec<String> {
        if !self.0.contains_key(s) {
            let w = petrel_dict::words(s);
            self.0.insert(s.to_string(), w);
        }
        &self.0[s]
    }
}

/// Adds petrel's built-in CAMEO table and code segments (not its actors, agents or verbs).
pub fn add_builtin_tables(b: &mut KbBuilder) {
    for (rel, text) in petrel_dict::builtin_files() {
        if rel == "cameo.txt" {
            for line in text.lines() {
                let l = line.trim();
                if l.is_empty() || l.starts_with('#') {
                    continue;
                }
                let f: Vec<&str> = l.split('|').map(str::trim).collect();
                if f.len() < 5 {
                    continue;
                }
                let (Ok(g), Ok(q)) = (f[2].parse::<f64>(), f[3].parse::<u8>()) else {
                    continue;
                };
                b.add_cameo(CameoCode {
                    code: f[0].to_string(),
                    name: f[1].to_string(),
                    goldstein: g,
                    quad_class: q,
                    plover_type: f[4].to_string(),
                    plover_mode: f.get(5).copied().unwrap_or("").to_string(),
                });
            }
        } else if rel.starts_with("segments/") {
            for (i, line) in text.lines().enumerate() {
                let l = match line.find('#') {
                    Some(p) => &line[..p],
                    None => line,
                }
                .trim();
                let f: Vec<&str> = l.split('|').map(str::trim).collect();
                if f.len() < 3 {
                    continue;
                }
                let kind = match f[1] {
                    "country" => SegmentKind::Country,
                    "region" => SegmentKind::Region,
                    "igo" => SegmentKind::Igo,
                    "sector" => SegmentKind::Sector,
                    _ => SegmentKind::Other,
                };
                b.add_segment(Segment {
                    code: f[0].to_string(),
                    kind,
                    description: f[2].to_string(),
                    origin: Origin {
                        file: format!("dict/{rel}"),
                        line: i + 1,
                    },
                });
            }
        }
    }
}

fn ensure_code(b: &mut KbBuilder, code: &str, stats: &mut Stats) {
    if b.cameo(code).is_some() {
        return;
    }
    let (fwd, rev) = crate::verbs::split_code(code);
    let mut entry = None;
    for part in [fwd, rev].into_iter().flatten() {
        if part != code {
            ensure_code(b, part, stats);
        }
        let mut p = part;
        while !p.is_empty() {
            if p != code {
                if let Some(c) = b.cameo(p) {
                    entry = Some(c.clone());
                    break;
                }
            }
            p = &p[..p.len() - 1];
        }
        if entry.is_some() {
            break;
        }
    }
    let name = match (fwd, rev) {
        (Some(f), Some(r)) => format!(
            "{} (and reciprocal {r}: {})",
            b.cameo(f)
                .map(|c| c.name.clone())
                .unwrap_or_else(|| f.into()),
            b.cameo(r)
                .map(|c| c.name.clone())
                .unwrap_or_else(|| r.into())
        ),
        (None, Some(r)) => format!(
            "reciprocal only {r}: {}",
            b.cameo(r)
                .map(|c| c.name.clone())
                .unwrap_or_else(|| r.into())
        ),
        _ => format!("PETRARCH code {code}"),
    };
    let c = match entry {
        Some(e) => CameoCode {
            code: code.to_string(),
            name,
            ..e
        },
        None => CameoCode {
            code: code.to_string(),
            name,
            goldstein: 0.0,
            quad_class: 1,
            plover_type: String::new(),
            plover_mode: String::new(),
        },
    };
    stats.extra_codes += 1;
    b.add_cameo(c);
}

/// Petrel elements of one PETRARCH element list.
fn elems(
    d: &VerbDict,
    v: &[PatElem],
    before_verb: bool,
    words: &mut Words,
    out: &mut Vec<PatternElem>,
) {
    for e in v {
        match e {
            PatElem::Word(pieces) => {
                let mut alts: Vec<Vec<String>> = vec![Vec::new()];
                for p in pieces {
                    let options: Vec<String> = match p {
                        Piece::Lit(a) => a.clone(),
                        Piece::Set(n) => d.expand_set(n),
                    };
                    let mut next = Vec::new();
                    for base in &alts {
                        for o in &options {
                            let mut x = base.clone();
                            x.extend(words.get(o).iter().cloned());
                            next.push(x);
                        }
                    }
                    alts = next;
                    alts.truncate(512);
                }
                alts.retain(|a| !a.is_empty());
                let mut uniq: Vec<Vec<String>> = Vec::new();
                for a in alts {
                    if !uniq.contains(&a) {
                        uniq.push(a);
                    }
                }
                // A set that matches nothing keeps the pattern from matching at all.
                out.push(PatternElem::Words(uniq));
            }
            PatElem::Target => out.push(PatternElem::Target),
            PatElem::Source => out.push(PatternElem::Source),
            PatElem::Compound => out.push(if before_verb {
                PatternElem::Mutual
            } else {
                PatternElem::Target
            }),
            PatElem::Skip => {
                if !before_verb {
                    out.push(PatternElem::SkipNp)
                }
            }
            PatElem::Prep(v) | PatElem::Phrase(v) => elems(d, v, before_verb, words, out),
        }
    }
}

/// Petrel elements of a top-level PETRARCH element list, with [`PatternElem::Any`] between
/// the elements (they were written apart).
fn gapped(d: &VerbDict, v: &[PatElem], before_verb: bool, words: &mut Words) -> Vec<PatternElem> {
    let mut out = Vec::new();
    for e in v {
        let mut one = Vec::new();
        elems(d, std::slice::from_ref(e), before_verb, words, &mut one);
        if one.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(PatternElem::Any);
        }
        out.extend(one);
    }
    out
}

fn lit(words: &mut Words, w: &[String]) -> Vec<PatternElem> {
    w.iter()
        .map(|x| PatternElem::Words(vec![words.get(x).clone()]))
        .filter(|e| !matches!(e, PatternElem::Words(a) if a[0].is_empty()))
        .collect()
}

/// petrel's built-in base, for the lemmas of irregular verb forms (loaded once).
fn builtin() -> Option<&'static KnowledgeBase> {
    static KB: OnceLock<Option<KnowledgeBase>> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::builtin().ok()).as_ref()
}

/// The lemma of a PETRARCH verb word. PETRARCH lists some verbs by an inflected form (`SAID`,
/// `SAYS`, `SANK`); the coder looks verbs up by lemma and knows verbs of saying by theirs, so
/// such words become forms of their lemma (`said` of `say`).
pub fn verb_lemma(word: &str) -> String {
    use petrel_coder::tagger::{Tag, Tagger};
    let Some(tag) = Tagger::get().lexicon_tag(word) else {
        return word.to_string();
    };
    if ![Tag::VBD, Tag::VBN, Tag::VBZ, Tag::VBG].contains(&tag) {
        return word.to_string();
    }
    if let Some(l) = builtin().and_then(|kb| kb.verb_lemma(word)) {
        return l.to_string();
    }
    let l = petrel_coder::words::rule_lemma(word, tag);
    if l.is_empty() {
        word.to_string()
    } else {
        l
    }
}

/// A 64-bit key of a pattern's lemma and elements (for first-wins de-duplication).
fn elems_key(lemma: &str, forms: &[String], before: &[PatternElem], after: &[PatternElem]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    lemma.hash(&mut h);
    forms.hash(&mut h);
    before.hash(&mut h);
    0xffu8.hash(&mut h);
    after.hash(&mut h);
    h.finish()
}

/// Adds a verb dictionary's verbs and patterns to `b`.
pub fn add_verbs(
    b: &mut KbBuilder,
    file: &str,
    d: &VerbDict,
    stats: &mut Stats,
    diags: &mut Vec<Diagnostic>,
) {
    let mut sink = Sink::new(file);
    let mut words = Words::default();
    // (lemma, elements) -> code of the first definition.
    let mut seen: HashMap<u64, Option<String>> = HashMap::new();
    let mut lemmas: HashSet<String> = HashSet::new();
    stats.verb_blocks += d.blocks.len();
    stats.synsets += d.synsets.len();
    stats.transformations += d.transformations.len();
    // Convert each block pattern once.
    for block in &d.blocks {
        type Converted<'a> = (
            Vec<PatternElem>,
            Vec<PatternElem>,
            &'a crate::verbs::VerbPattern,
        );
        let pats: Vec<Converted> = block
            .patterns
            .iter()
            .map(|p| {
                // Words apart in PETRARCH's pattern may have any words between them;
                // `_` joins them (within a word, or to the verb: `RECENTLY_*`).
                let mut bef = gapped(d, &p.before, true, &mut words);
                let mut aft = gapped(d, &p.after, false, &mut words);
                if !bef.is_empty() && !p.before_tight {
                    bef.push(PatternElem::Any);
                }
                if !aft.is_empty() && !p.after_tight {
                    aft.insert(0, PatternElem::Any);
                }
                (bef, aft, p)
            })
            .collect();
        for v in &block.verbs {
            let word = petrel_dict::normalize(&v.verb);
            let lemma = verb_lemma(&word);
            let mut forms: Vec<String> =
                v.forms.iter().map(|f| petrel_dict::normalize(f)).collect();
            // A block listed by an inflected form (`LEFT`, apart from `LEAVE`) holds for
            // that form only, as in PETRARCH, which looks the word up as written.
            let only: Vec<String> = if lemma != word {
                forms.push(word.clone());
                forms.clone()
            } else {
                Vec::new()
            };
            let origin = Origin {
                file: file.to_string(),
                line: v.line,
            };
            b.add_verb(&lemma, &forms, origin.clone());
            lemmas.insert(lemma.clone());
            let pre = lit(&mut words, &v.pre);
            let post = lit(&mut words, &v.post);
            let own = v.code.as_ref().unwrap_or(&block.code);
            let mut add = |b: &mut KbBuilder,
                           before: Vec<PatternElem>,
                           after: Vec<PatternElem>,
                           code: &VerbCode,
                           text: String,
                           line: usize,
                           stats: &mut Stats| {
                let code = code.to_petrel();
                let key = elems_key(&lemma, &only, &before, &after);
                match seen.get(&key) {
                    Some(c) if *c == code => return,
                    Some(c) => {
                        stats.shadowed += 1;
                        sink.warn(
                            line,
                            format!(
                                "pattern {text:?} for {lemma} given code {} after {}; the first wins",
                                code.as_deref().unwrap_or("---"),
                                c.as_deref().unwrap_or("---")
                            ),
                        );
                        return;
                    }
                    None => {}
                }
                seen.insert(key, code.clone());
                if let Some(c) = &code {
                    ensure_code(b, c, stats);
                }
                stats.patterns += 1;
                b.add_pattern(
                    HeadKind::Verb,
                    Pattern {
                        code,
                        lemma: lemma.clone(),
                        before,
                        after,
                        forms: only.clone(),
                        text,
                        origin: Origin {
                            file: file.to_string(),
                            line,
                        },
                    },
                );
            };
            if let VerbCode::Event { .. } = own {
                add(
                    b,
                    pre.clone(),
                    post.clone(),
                    own,
                    format!("{} [{}]", v.verb, own.to_petrel().unwrap_or_default()),
                    v.line,
                    stats,
                );
            }
            for (bef, aft, p) in &pats {
                let mut before = bef.clone();
                before.extend(pre.iter().cloned());
                let mut after = post.clone();
                after.extend(aft.iter().cloned());
                let text = format!(
                    "- {} [{}] ({})",
                    p.text,
                    p.code.to_petrel().unwrap_or_else(|| "---".into()),
                    v.verb
                );
                add(b, before, after, &p.code, text, p.line, stats);
            }
        }
    }
    stats.verbs += lemmas.len();
    diags.extend(sink.out);
}

/// Adds an actor dictionary to `b`, in the current layer.
pub fn add_actors(
    b: &mut KbBuilder,
    file: &str,
    d: &ActorDict,
    stats: &mut Stats,
    diags: &mut Vec<Diagnostic>,
) {
    let mut sink = Sink::new(file);
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    for e in &d.entries {
        let default = e
            .codes
            .iter()
            .rev()
            .find(|c| c.is_default())
            .map(|c| c.code.clone());
        let roles: Vec<Role> = e
            .codes
            .iter()
            .filter(|c| !c.is_default())
            .map(|c| Role {
                from: c.from,
                to: c.until.and_then(|u| u.succ_opt()),
                code: c.code.clone(),
                origin: Origin {
                    file: file.to_string(),
                    line: c.line,
                },
            })
            .collect();
        let kind = if !roles.is_empty() {
            ActorKind::Person
        } else if default.as_deref().is_some_and(|c| c.len() == 3) {
            ActorKind::Country
        } else if default.as_deref().is_some_and(|c| c.starts_with("IGO")) {
            ActorKind::Igo
        } else {
            ActorKind::Group
        };
        if let Some(c) = default.as_deref() {
            if c.len() == 3 && c.chars().all(|x| x.is_ascii_alphabetic()) && b.segment(c).is_none()
            {
                b.add_segment(Segment {
                    code: c.to_string(),
                    kind: SegmentKind::Country,
                    description: format!("PETRARCH actor code of {}", e.names[0]),
                    origin: Origin {
                        file: file.to_string(),
                        line: e.line,
                    },
                });
            }
        }
        let probe = ActorEntry {
            name: e.names[0].clone(),
            names: Vec::new(),
            kind,
            default_code: default.clone(),
            roles: roles.clone(),
            origin: Origin {
                file: file.to_string(),
                line: e.line,
            },
        };
        let summary = summary(&probe);
        let mut names = Vec::new();
        for n in &e.names {
            let key = petrel_dict::words(n).join(" ");
            if key.is_empty() {
                sink.warn(e.line, format!("name {n:?} has no words; ignored"));
                continue;
            }
            match seen.get(&key) {
                Some((s, _)) if *s == summary => {
                    if !names.contains(n) {
                        names.push(n.clone());
                    }
                }
                Some((s, line)) => {
                    stats.shadowed += 1;
                    sink.warn(
                        e.line,
                        format!("name {n:?} ({summary}) already given {s} at line {line}; the first wins"),
                    );
                }
                None => {
                    seen.insert(key, (summary.clone(), e.line));
                    names.push(n.clone());
                }
            }
        }
        if names.is_empty() {
            continue;
        }
        stats.actors += 1;
        b.add_actor(ActorEntry {
            name: names[0].clone(),
            names,
            ..probe
        });
    }
    diags.extend(sink.out);
}

fn summary(e: &ActorEntry) -> String {
    let mut s = e.default_code.clone().unwrap_or_default();
    for r in &e.roles {
        let d = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        s.push_str(&format!("; {}..{} {}", d(r.from), d(r.to), r.code));
    }
    s
}

/// Adds an agent dictionary to `b`.
pub fn add_agents(
    b: &mut KbBuilder,
    file: &str,
    d: &AgentDict,
    stats: &mut Stats,
    diags: &mut Vec<Diagnostic>,
) {
    let mut sink = Sink::new(file);
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    for a in &d.entries {
        let mut names = Vec::new();
        for n in &a.names {
            let key = petrel_dict::words(n).join(" ");
            if key.is_empty() {
                continue;
            }
            match seen.get(&key) {
                Some((c, _)) if *c == a.code => {}
                Some((c, line)) => {
                    stats.shadowed += 1;
                    sink.warn(
                        a.line,
                        format!(
                            "agent {n:?} (~{}) already given ~{c} at line {line}; the first wins",
                            a.code
                        ),
                    );
                }
                None => {
                    seen.insert(key, (a.code.clone(), a.line));
                    names.push(n.clone());
                }
            }
        }
        if names.is_empty() {
            continue;
        }
        if a.placement == Placement::Prefix {
            sink.warn(
                a.line,
                format!("prefix code [{}~] is added like a suffix code (petrel combines agent codes after the actor's)", a.code),
            );
        }
        stats.agents += 1;
        let entry = AgentEntry {
            name: names[0].clone(),
            names,
            code: a.code.clone(),
            origin: Origin {
                file: file.to_string(),
                line: a.line,
            },
        };
        if a.regular_plurals {
            b.add_agent(entry);
        } else {
            b.add_agent_as_written(entry);
        }
    }
    diags.extend(sink.out);
}
