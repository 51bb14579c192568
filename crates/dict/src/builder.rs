//! [`KbBuilder`]: collects entries from any reader, checks conflicts per layer, compiles.

use crate::hash::FxMap;
use crate::matcher::{Interner, PhraseTrie};
use crate::{
    inflect, name_key, ActorEntry, AgentEntry, CameoCode, Counts, DictError, DictErrors, HeadEntry,
    HeadKind, KnowledgeBase, Origin, Pattern, Segment,
};

#[derive(Debug, Clone, Copy)]
struct NameSlot {
    id: usize,
    layer: usize,
    generated: bool,
}

#[derive(Debug, Clone)]
struct HeadDraft {
    lemma: String,
    listed: Vec<String>,
    origin: Origin,
    patterns: Vec<(Pattern, usize)>,
    hashes: FxMap<u64, usize>,
}

#[derive(Debug, Clone, Default)]
struct Heads {
    entries: Vec<HeadDraft>,
    index: FxMap<String, usize>,
}

/// Fills a knowledge base from any reader (petrel's text format, PETRARCH files, code), layer
/// by layer, then compiles it with [`KbBuilder::build`].
///
/// Within one layer a name given two different codes is an error; a later layer replaces the
/// mappings of earlier ones. Errors are collected, not returned one by one: `build` reports
/// them all.
#[derive(Debug, Clone, Default)]
pub struct KbBuilder {
    layer: usize,
    segments: FxMap<String, Segment>,
    /// The layer each segment was defined in.
    segment_layers: FxMap<String, usize>,
    cameo: Vec<CameoCode>,
    cameo_index: FxMap<String, usize>,
    actors: Vec<ActorEntry>,
    actor_names: FxMap<String, NameSlot>,
    agents: Vec<AgentEntry>,
    agent_names: FxMap<String, NameSlot>,
    verbs: Heads,
    nouns: Heads,
    errors: Vec<DictError>,
}

/// A readable summary of an actor's codes, also used to compare entries for conflicts.
pub(crate) fn code_summary(e: &ActorEntry) -> String {
    let mut s = e.default_code.clone().unwrap_or_default();
    for r in &e.roles {
        if !s.is_empty() {
            s.push_str("; ");
        }
        let d = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        s.push_str(&format!("{}..{} {}", d(r.from), d(r.to), r.code));
    }
    s
}

/// True when two entries give the same code on every date.
fn same_codes(a: &ActorEntry, b: &ActorEntry) -> bool {
    a.default_code == b.default_code
        && a.roles.len() == b.roles.len()
        && a.roles
            .iter()
            .zip(&b.roles)
            .all(|(x, y)| x.from == y.from && x.to == y.to && x.code == y.code)
}

/// A hash of a pattern's elements, to find duplicates quickly.
fn elems_hash(p: &Pattern) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::hash::FxHasher::default();
    p.before.hash(&mut h);
    0xffu8.hash(&mut h);
    p.after.hash(&mut h);
    p.forms.hash(&mut h);
    h.finish()
}

impl KbBuilder {
    /// An empty builder, in its first layer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves room for about `actors` actor entries, `names` actor names and `agents`
    /// agent entries (an optimisation: fewer large reallocations while loading).
    pub fn reserve(&mut self, actors: usize, names: usize, agents: usize) {
        self.actors.reserve(actors);
        self.actor_names.reserve(names);
        self.agents.reserve(agents);
        self.agent_names.reserve(agents * 8);
    }

    /// Starts a new layer: names defined from now on replace earlier layers' mappings.
    pub fn begin_layer(&mut self) {
        self.layer += 1;
    }

    /// Records an error (reported by [`KbBuilder::build`]).
    pub fn push_error(&mut self, e: DictError) {
        self.errors.push(e);
    }

    /// Errors recorded so far.
    pub fn errors(&self) -> &[DictError] {
        &self.errors
    }

    /// Adds (or, in a later layer, replaces) an actor-code segment.
    ///
    /// The same segment defined twice with different kinds in one layer is an error (a country
    /// code reused as a sector would silently change how codes combine).
    pub fn add_segment(&mut self, seg: Segment) {
        if let Some(old) = self.segments.get(&seg.code) {
            if old.kind != seg.kind && self.segment_layers.get(&seg.code) == Some(&self.layer) {
                self.errors.push(DictError::Invalid {
                    origin: seg.origin.clone(),
                    message: format!(
                        "segment {} defined as {:?} here and as {:?} at {}",
                        seg.code, seg.kind, old.kind, old.origin
                    ),
                });
                return;
            }
        }
        self.segment_layers.insert(seg.code.clone(), self.layer);
        self.segments.insert(seg.code.clone(), seg);
    }

    /// The segment `code`, if known.
    pub fn segment(&self, code: &str) -> Option<&Segment> {
        self.segments.get(code)
    }

    /// Adds a CAMEO code, replacing an earlier definition of the same code.
    pub fn add_cameo(&mut self, code: CameoCode) {
        match self.cameo_index.get(&code.code) {
            Some(&i) => self.cameo[i] = code,
            None => {
                self.cameo_index.insert(code.code.clone(), self.cameo.len());
                self.cameo.push(code);
            }
        }
    }

    /// The CAMEO codes added so far.
    pub fn cameo_codes(&self) -> &[CameoCode] {
        &self.cameo
    }

    /// The CAMEO code `code`, if added.
    pub fn cameo(&self, code: &str) -> Option<&CameoCode> {
        self.cameo_index.get(code).map(|&i| &self.cameo[i])
    }

    /// Adds an actor and maps all its names to it; returns its id.
    pub fn add_actor(&mut self, entry: ActorEntry) -> usize {
        let id = self.actors.len();
        for name in &entry.names {
            let key = crate::name_key(name);
            if key.is_empty() {
                self.errors.push(DictError::Malformed {
                    origin: entry.origin.clone(),
                    reason: format!("name {name:?} has no words"),
                });
                continue;
            }
            match self.actor_names.get(&key) {
                Some(slot) if slot.layer == self.layer => {
                    if slot.id == id {
                        continue;
                    }
                    let other = &self.actors[slot.id];
                    if !same_codes(other, &entry) {
                        self.errors.push(DictError::DuplicateAlias {
                            origin: entry.origin.clone(),
                            name: name.clone(),
                            code: code_summary(&entry),
                            earlier: other.origin.clone(),
                            earlier_code: code_summary(other),
                        });
                    }
                }
                _ => {
                    self.actor_names.insert(
                        key,
                        NameSlot {
                            id,
                            layer: self.layer,
                            generated: false,
                        },
                    );
                }
            }
        }
        self.actors.push(entry);
        id
    }

    /// Adds an agent with its names (`entry.names`) and the regular plurals of their last
    /// word; returns its id.
    pub fn add_agent(&mut self, entry: AgentEntry) -> usize {
        self.insert_agent(entry, true)
    }

    /// Adds an agent with exactly the names given, no plurals generated (PETRARCH's `{}`:
    /// "police" must not also match "polices"); returns its id.
    pub fn add_agent_as_written(&mut self, entry: AgentEntry) -> usize {
        self.insert_agent(entry, false)
    }

    fn insert_agent(&mut self, entry: AgentEntry, plurals: bool) -> usize {
        let id = self.agents.len();
        let mut generated = Vec::new();
        for name in &entry.names {
            let key = name_key(name);
            if key.is_empty() {
                self.errors.push(DictError::Malformed {
                    origin: entry.origin.clone(),
                    reason: format!("name {name:?} has no words"),
                });
                continue;
            }
            let (head, last) = match key.rsplit_once(' ') {
                Some((h, l)) => (Some(h), l),
                None => (None, key.as_str()),
            };
            if plurals
                && last.chars().all(char::is_alphabetic)
                && (!last.ends_with('s') || last.ends_with("ss"))
            {
                for p in inflect::plurals(last) {
                    generated.push(match head {
                        Some(h) => format!("{h} {p}"),
                        None => p,
                    });
                }
            }
            match self.agent_names.get(&key) {
                Some(slot) if slot.layer == self.layer && !slot.generated => {
                    if slot.id != id && self.agents[slot.id].code != entry.code {
                        let other = &self.agents[slot.id];
                        self.errors.push(DictError::DuplicateAlias {
                            origin: entry.origin.clone(),
                            name: name.clone(),
                            code: entry.code.clone(),
                            earlier: other.origin.clone(),
                            earlier_code: other.code.clone(),
                        });
                    }
                }
                _ => {
                    self.agent_names.insert(
                        key,
                        NameSlot {
                            id,
                            layer: self.layer,
                            generated: false,
                        },
                    );
                }
            }
        }
        for key in generated {
            match self.agent_names.get(&key) {
                Some(slot) if slot.layer == self.layer => {}
                _ => {
                    self.agent_names.insert(
                        key,
                        NameSlot {
                            id,
                            layer: self.layer,
                            generated: true,
                        },
                    );
                }
            }
        }
        self.agents.push(entry);
        id
    }

    fn heads(&mut self, kind: HeadKind) -> &mut Heads {
        match kind {
            HeadKind::Verb => &mut self.verbs,
            HeadKind::Noun => &mut self.nouns,
        }
    }

    fn head_index(&mut self, kind: HeadKind, lemma: &str, origin: &Origin) -> usize {
        let heads = self.heads(kind);
        if let Some(&i) = heads.index.get(lemma) {
            return i;
        }
        let i = heads.entries.len();
        heads.entries.push(HeadDraft {
            lemma: lemma.to_string(),
            listed: Vec::new(),
            origin: origin.clone(),
            patterns: Vec::new(),
            hashes: FxMap::default(),
        });
        heads.index.insert(lemma.to_string(), i);
        i
    }

    /// Declares a verb (or merges with an earlier block of the same lemma), with listed
    /// irregular forms; regular forms are generated at build time.
    pub fn add_verb(&mut self, lemma: &str, irregular: &[String], origin: Origin) {
        self.add_head(HeadKind::Verb, lemma, irregular, origin);
    }

    /// Declares a noun (or merges), with listed irregular plurals.
    pub fn add_noun(&mut self, lemma: &str, irregular: &[String], origin: Origin) {
        self.add_head(HeadKind::Noun, lemma, irregular, origin);
    }

    fn add_head(&mut self, kind: HeadKind, lemma: &str, forms: &[String], origin: Origin) {
        let lemma = crate::normalize(lemma);
        let i = self.head_index(kind, &lemma, &origin);
        let draft = &mut self.heads(kind).entries[i];
        for f in forms {
            let f = crate::normalize(f);
            if !draft.listed.contains(&f) {
                draft.listed.push(f);
            }
        }
    }

    /// Adds a pattern to the verb or noun block of `pattern.lemma` (created when missing).
    /// An identical pattern is tolerated; the same pattern with another code is an error in
    /// the same layer and replaces the earlier one in a later layer.
    pub fn add_pattern(&mut self, kind: HeadKind, pattern: Pattern) {
        let layer = self.layer;
        let i = match self.heads(kind).index.get(&pattern.lemma) {
            Some(&i) => i,
            None => self.head_index(kind, &pattern.lemma.clone(), &pattern.origin.clone()),
        };
        let h = elems_hash(&pattern);
        let draft = &mut self.heads(kind).entries[i];
        let same_elems = |p: &Pattern| {
            p.before == pattern.before && p.after == pattern.after && p.forms == pattern.forms
        };
        let same = match draft.hashes.get(&h) {
            None => None,
            Some(&j) if same_elems(&draft.patterns[j].0) => Some(j),
            // A hash collision (rare): scan.
            Some(_) => draft.patterns.iter().position(|(p, _)| same_elems(p)),
        };
        match same {
            None => {
                draft.hashes.entry(h).or_insert(draft.patterns.len());
                draft.patterns.push((pattern, layer));
            }
            Some(j) => {
                let (old, old_layer) = &draft.patterns[j];
                if old.code == pattern.code {
                    return;
                }
                if *old_layer == layer {
                    let show = |c: &Option<String>| c.clone().unwrap_or_else(|| "---".into());
                    let e = DictError::ConflictingPattern {
                        origin: pattern.origin.clone(),
                        pattern: pattern.text.clone(),
                        code: show(&pattern.code),
                        earlier: old.origin.clone(),
                        earlier_code: show(&old.code),
                    };
                    self.errors.push(e);
                } else {
                    draft.patterns[j] = (pattern, layer);
                }
            }
        }
    }

    /// Compiles the knowledge base, or returns every error recorded.
    pub fn build(self) -> Result<KnowledgeBase, DictErrors> {
        if !self.errors.is_empty() {
            return Err(DictErrors(self.errors));
        }
        let mut interner = Interner::default();
        let mut actor_trie = PhraseTrie::default();
        let mut ids: Vec<u32> = Vec::with_capacity(16);
        for (key, slot) in &self.actor_names {
            ids.clear();
            ids.extend(key.split(' ').map(|w| interner.intern(w)));
            actor_trie.insert(&ids, slot.id as u32);
        }
        let mut agent_trie = PhraseTrie::default();
        for (key, slot) in &self.agent_names {
            ids.clear();
            ids.extend(key.split(' ').map(|w| interner.intern(w)));
            agent_trie.insert(&ids, slot.id as u32);
        }
        let (verbs, verb_index, verb_forms) = compile_heads(self.verbs, HeadKind::Verb);
        let (nouns, noun_index, noun_forms) = compile_heads(self.nouns, HeadKind::Noun);
        let mut counts = Counts::default();
        for a in &self.actors {
            *counts.actors_by_kind.entry(a.kind).or_default() += 1;
        }
        counts.actors = self.actors.len();
        counts.actor_names = actor_trie.len();
        counts.agents = self.agents.len();
        counts.agent_names = agent_trie.len();
        counts.verbs = verbs.len();
        counts.verb_patterns = verbs.iter().map(|v| v.patterns.len()).sum();
        counts.nouns = nouns.len();
        counts.noun_patterns = nouns.iter().map(|v| v.patterns.len()).sum();
        counts.cameo_codes = self.cameo.len();
        counts.segments = self.segments.len();
        Ok(KnowledgeBase {
            segments: self.segments,
            cameo: self.cameo,
            cameo_index: self.cameo_index,
            actors: self.actors,
            agents: self.agents,
            interner,
            actor_trie,
            agent_trie,
            verbs,
            verb_index,
            verb_forms,
            nouns,
            noun_index,
            noun_forms,
            counts,
        })
    }
}

type Compiled = (Vec<HeadEntry>, FxMap<String, usize>, FxMap<String, usize>);

fn compile_heads(heads: Heads, kind: HeadKind) -> Compiled {
    let mut out = Vec::with_capacity(heads.entries.len());
    let mut index = FxMap::default();
    // form -> (head, priority): the lemma itself 0, listed forms 1, generated forms 2.
    let mut forms: FxMap<String, (usize, u8)> = FxMap::default();
    for (i, d) in heads.entries.into_iter().enumerate() {
        let generated = match kind {
            HeadKind::Verb => inflect::verb_forms(&d.lemma),
            HeadKind::Noun => {
                let mut v = vec![d.lemma.clone()];
                v.extend(inflect::plurals(&d.lemma));
                v
            }
        };
        let mut all: Vec<String> = Vec::new();
        for (f, prio) in std::iter::once((d.lemma.clone(), 0u8))
            .chain(d.listed.iter().map(|f| (f.clone(), 1)))
            .chain(generated.into_iter().map(|f| (f, 2)))
        {
            match forms.get(&f) {
                Some(&(_, p)) if p <= prio => {}
                _ => {
                    forms.insert(f.clone(), (i, prio));
                }
            }
            if !all.contains(&f) {
                all.push(f);
            }
        }
        let mut patterns: Vec<Pattern> = d.patterns.into_iter().map(|(p, _)| p).collect();
        patterns
            .sort_by_key(|p| std::cmp::Reverse((p.specificity(), p.before.len() + p.after.len())));
        index.insert(d.lemma.clone(), i);
        out.push(HeadEntry {
            lemma: d.lemma,
            forms: all,
            patterns,
            origin: d.origin,
        });
    }
    let forms = forms.into_iter().map(|(f, (i, _))| (f, i)).collect();
    (out, index, forms)
}
