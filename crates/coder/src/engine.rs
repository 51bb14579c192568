//! The coding engine: for each sentence, words and syntax, actor mentions (with references
//! resolved against the article's memory), quotations and their speakers, then events from
//! verb and noun patterns with their modality and attribution.

use chrono::NaiveDate;
use petrel_core::Document;
use petrel_dict::{ActorKind, HeadEntry, Match, Pattern, PatternElem};
use petrel_events::{ActorRef, Attribution, Event, Evidence, Modality, Plover, Quote, Record};
use petrel_text::Analysis;

use crate::cues::{CueKind, Cues, RefKind};
use crate::kb::Knowledge;
use crate::refs::Memory;
use crate::syntax::{is_possessive_pronoun, Link, Syntax};
use crate::tagger::Tag;
use crate::words::Words;

/// An actor mention as resolved: code, name, and how it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Actor code.
    pub code: String,
    /// Canonical or resolved name.
    pub name: Option<String>,
    /// Kind of actor, when known.
    pub kind: Option<ActorKind>,
    /// Resolved from a description or pronoun (then `name` is output).
    pub resolved: bool,
    /// Explanation for `explain`.
    pub how: String,
    /// Index of the entity in the article's memory.
    pub entity: Option<usize>,
    /// A role noun with no country or organisation ("police", "civilians").
    pub bare: bool,
}

impl Mention {
    /// A mention made by combining codes (an actor with an agent), no named entity.
    fn combined(code: String, how: String) -> Self {
        Mention {
            code,
            name: None,
            kind: None,
            resolved: false,
            how,
            entity: None,
            bare: false,
        }
    }
}

/// Notes for `explain`, formatted only when someone reads them.
struct Notes {
    on: bool,
    lines: Vec<String>,
}

impl Notes {
    fn new(on: bool) -> Self {
        Notes {
            on,
            lines: Vec::new(),
        }
    }
    fn add(&mut self, f: impl FnOnce() -> String) {
        if self.on {
            self.lines.push(f());
        }
    }
}

/// Mentions with the NP each stands for.
type Mentions = Vec<(usize, Mention)>;

/// What `explain` shows about one sentence.
#[derive(Debug, Clone, Default)]
pub struct SentenceTrace {
    /// Index of the sentence.
    pub index: usize,
    /// Its text.
    pub text: String,
    /// Words: text, tag, lemma.
    pub words: Vec<(String, &'static str, String)>,
    /// Noun phrases: text and actor (code and how), if any.
    pub nps: Vec<(String, Option<Mention>)>,
    /// Verb groups, described.
    pub vgs: Vec<String>,
    /// Notes: patterns tried, events made or not, and why.
    pub notes: Vec<String>,
}

/// What happened while coding a document, sentence by sentence.
#[derive(Debug, Clone, Default)]
pub struct Trace {
    /// One entry a sentence.
    pub sentences: Vec<SentenceTrace>,
}

/// The engine: a knowledge base and cue words.
pub struct Engine<'a> {
    /// Dictionaries.
    pub kb: &'a dyn Knowledge,
    /// Modality and attribution cues.
    pub cues: &'a Cues,
    /// Pattern pre-filter.
    pub filter: &'a crate::filter::PatternFilter,
    /// Build the explanations of mentions (for `explain`); off when coding.
    pub explain: bool,
    /// PETRARCH's conventions for targets (see [`crate::Coder::with_petrarch_targets`]).
    pub petrarch_targets: bool,
}

/// Per-sentence working state.
struct Sent<'t> {
    text: &'t str,
    index: usize,
    words: Words,
    syn: Syntax,
    /// Actor match per word: (start, end, id).
    actor_at: Vec<Option<(usize, usize, usize)>>,
    agent_at: Vec<Option<(usize, usize, usize)>>,
    /// Resolved mention of each NP.
    mention: Vec<Option<Mention>>,
    /// The referent of an NP's possessive pronoun ("our" in "our initiative").
    owner_pron: Vec<Option<Mention>>,
    /// A country/organisation named inside an NP whose head is not an actor ("Ukrainian border").
    modifier: Vec<Option<Mention>>,
    /// Direct quote speakers: (speaker NP, via NPs), per quote.
    quote_speaker: Vec<Option<(usize, Vec<usize>)>>,
    /// Trailing attribution of the sentence: (verb group, speaker NP, via NPs).
    trailing: Option<(usize, usize, Vec<usize>)>,
    dates: Vec<(usize, usize, NaiveDate)>,
    date_word: Vec<bool>,
    /// The document's headline (where "Mayor stabbed" means "was stabbed").
    headline: bool,
    /// Hashes of the sentence's words and lemmas (for the pattern pre-filter).
    word_set: crate::filter::WordSet,
    /// Verb groups that serve as attribution (said, quoted ... as saying).
    attribution_vg: Vec<bool>,
    /// Word ranges consumed by verb patterns (for de-duplicating noun events).
    consumed: Vec<(usize, usize)>,
}

/// A pattern match before the best one is chosen (no allocation).
#[derive(Default)]
struct Matched {
    lit: [(usize, usize); 8],
    n: usize,
    target: Option<usize>,
    end: usize,
}

struct Found {
    /// Words matched by the pattern's literal elements.
    literal: Vec<usize>,
    /// The NP naming where it happened ("in Minsk").
    location: Option<usize>,
    code: Option<String>,
    pattern: String,
    origin: String,
    target: Option<usize>,
    end: usize,
    /// The pattern asks for coordinated subjects acting on each other (`%`).
    mutual: bool,
}

const WEEKDAYS: [&str; 10] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
];

impl<'a> Engine<'a> {
    /// Codes `doc` (already analysed into `analysis`) into records; fills `trace` if given.
    pub fn code(
        &self,
        doc: &Document,
        analysis: &Analysis,
        mut trace: Option<&mut Trace>,
    ) -> Vec<Record> {
        let mut out = Vec::new();
        let mut mem = Memory::default();
        let mut open_quote: Option<(usize, usize)> = None; // (byte start, sentence)
        let mut pending: Vec<usize> = Vec::new(); // events inside a quotation still open
        let mut words = Words::default();
        let date = analysis.date.or(doc.date);
        for (si, s) in analysis.sentences.iter().enumerate() {
            let lemma_of = |form: &str, tag: Tag, buf: &mut String| -> bool {
                let l = if tag.is_verb() {
                    self.kb.verb_lemma(form)
                } else if tag.is_noun() {
                    self.kb.noun_lemma(form)
                } else {
                    None
                };
                if let Some(l) = l {
                    buf.push_str(l);
                }
                l.is_some()
            };
            words.build(&doc.text, &s.tokens, &lemma_of);
            if words.is_empty() {
                continue;
            }
            let dates: Vec<(usize, usize, NaiveDate)> = analysis
                .dates
                .iter()
                .filter(|d| s.span.contains(d.span))
                .map(|d| (d.span.start, d.span.end, d.from))
                .collect();
            let mut sent = self.prepare(
                &doc.text,
                si,
                std::mem::take(&mut words),
                dates,
                open_quote.is_some(),
            );
            sent.headline = s.headline || (si == 0 && doc.title_span.is_some());
            let mut st = trace.as_ref().map(|_| SentenceTrace {
                index: si,
                text: s.span.slice(&doc.text).to_string(),
                ..Default::default()
            });
            self.resolve(&mut sent, &mut mem, date);
            let first_event = out.len();
            self.events(&sent, &doc.id, date, &mut out, st.as_mut());
            let after_events = out.len();
            self.quotes(&sent, &doc.id, &mut open_quote, &mut out);
            if open_quote.is_some() {
                // A quotation going on into the next sentence: its speaker comes later.
                pending.extend(first_event..after_events);
            } else if !pending.is_empty() {
                let speaker = out[after_events..].iter().find_map(|r| match r {
                    Record::Quote(q) if q.direct && q.sentence < si => Some(q),
                    _ => None,
                });
                if let Some(q) = speaker {
                    let mut chain = vec![Attribution {
                        text: q.speaker.text.clone(),
                        code: (!q.speaker.code.is_empty()).then(|| q.speaker.code.clone()),
                        name: q.speaker.name.clone(),
                    }];
                    chain.extend(q.via.iter().cloned());
                    for &i in &pending {
                        if let Some(Record::Event(e)) = out.get_mut(i) {
                            if e.attribution.is_empty() {
                                e.attribution.clone_from(&chain);
                            }
                        }
                    }
                }
                pending.clear();
            }
            self.remember(&sent, &mut mem);
            if let (Some(t), Some(mut st)) = (trace.as_mut(), st) {
                fill_trace(&sent, &mut st);
                t.sentences.push(st);
            }
            words = sent.words;
        }
        out
    }

    fn prepare(
        &self,
        text: &'a str,
        index: usize,
        mut words: Words,
        dates: Vec<(usize, usize, NaiveDate)>,
        open_quote: bool,
    ) -> Sent<'a>
    where
        'a: 'a,
    {
        let n = words.len();
        let norms: Vec<&str> = (0..n).map(|i| words.norm(i)).collect();
        // Names written with underscores for spaces ("Dol_Amroth") are matched without the
        // glued underscores; `keep` maps the matching words back to the sentence's words.
        let glued_underscore = |i: usize| {
            norms[i] == "_"
                && i > 0
                && i + 1 < n
                && words.items[i - 1].span.end == words.items[i].span.start
                && words.items[i].span.end == words.items[i + 1].span.start
        };
        let keep: Vec<usize> = (0..n).filter(|&i| !glued_underscore(i)).collect();
        let kept: Vec<&str> = keep.iter().map(|&i| norms[i]).collect();
        let mut actor_at = vec![None; n];
        let capitalised = |i: usize| {
            words.items[i]
                .span
                .slice(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        // Title-case lines (headlines) capitalise every word; asked only when a person's name
        // is followed by another capitalised word (rare), so counted on demand.
        let title_case = || {
            let (mut alpha, mut caps) = (0, 0);
            for w in &words.items {
                match w.span.slice(text).chars().next() {
                    Some(c) if c.is_alphabetic() => {
                        alpha += 1;
                        caps += usize::from(c.is_uppercase());
                    }
                    _ => {}
                }
            }
            alpha >= 3 && caps * 10 >= alpha * 7
        };
        let in_date = |i: usize| {
            let sp = words.items[i].span;
            dates.iter().any(|&(a, b, _)| a <= sp.start && sp.end <= b)
        };
        let agent_list: Vec<Match> = self.kb.agents_in(&norms);
        let actor_list: Vec<Match> = self.kb.actors_in(&kept);
        // word `i` is inside a dictionary name (actor or agent)
        let named = |i: usize| {
            agent_list.iter().any(|m| m.start <= i && i < m.end)
                || actor_list.iter().any(|m| {
                    m.start < m.end
                        && m.end <= keep.len()
                        && keep[m.start] <= i
                        && i <= keep[m.end - 1]
                })
        };
        let actor_matches = actor_list.iter().filter_map(|&m| {
            let mut m = m;
            if m.end > keep.len() || m.start >= m.end {
                return None;
            }
            m.start = keep[m.start];
            m.end = keep[m.end - 1] + 1;
            Some(m)
        });
        for m in actor_matches {
            if m.end > n || m.start >= m.end {
                continue;
            }
            // A name must be written with a capital somewhere ("the West", not "moved west").
            if !(m.start..m.end).any(capitalised) {
                continue;
            }
            // A person's name inside a longer unknown name is another entity: "Sharon Steel
            // said", "Ford Motor" (unless the next word is a role, a date or another name).
            let e = m.end;
            let person = self
                .kb
                .actor(m.id)
                .is_some_and(|a| a.kind == ActorKind::Person);
            if person
                && e < n
                && capitalised(e)
                && matches!(words.tag(e), Tag::NNP | Tag::NNPS)
                && !in_date(e)
                && !petrel_text::is_calendar_word(words.norm(e))
                && !named(e)
                && !title_case()
            {
                continue;
            }
            for a in &mut actor_at[m.start..m.end] {
                *a = Some((m.start, m.end, m.id));
            }
        }
        let mut agent_at = vec![None; n];
        for m in agent_list {
            if m.end > n || m.start >= m.end {
                continue;
            }
            // An agent must end in a noun-like word ("police", not "to police").
            let last = words.tag(m.end - 1);
            if !(last.is_noun() || last.is_adj() || last == Tag::VBN || last == Tag::VBG) {
                continue;
            }
            for a in &mut agent_at[m.start..m.end] {
                if a.is_none() {
                    *a = Some((m.start, m.end, m.id));
                }
            }
        }
        drop(norms);
        let mut date_word = vec![false; n];
        for (i, w) in words.items.iter().enumerate() {
            if dates
                .iter()
                .any(|&(a, b, _)| a <= w.span.start && w.span.end <= b)
            {
                date_word[i] = true;
            }
        }
        for i in 0..n {
            let w = words.norm(i);
            if WEEKDAYS.contains(&w) && actor_at[i].is_none() {
                date_word[i] = true;
            }
            if matches!(w, "week" | "month" | "year" | "weekend")
                && i > 0
                && matches!(words.norm(i - 1), "last" | "next" | "this")
            {
                date_word[i] = true;
                date_word[i - 1] = true;
            }
        }
        // Verbs the tagger took for nouns: after a modal ("would not attack"), and between a
        // named subject and an object ("If Russia attacks Ukraine").
        // "should the troops massed on the border launch an attack": after a modal standing
        // before its subject, the first verb form before an object is the verb.
        let mut inverted_modal = false;
        for (i, named) in actor_at.iter().enumerate() {
            let t = words.items[i].tag;
            if t == Tag::MD
                && i + 1 < n
                && matches!(words.tag(i + 1), Tag::DT | Tag::NNP | Tag::NNPS | Tag::PRPS)
            {
                inverted_modal = true;
                continue;
            }
            if matches!(t, Tag::VB | Tag::VBP | Tag::VBZ) {
                inverted_modal = false;
            }
            if inverted_modal
                && (t == Tag::NN || t == Tag::NNS)
                && named.is_none()
                && i > 0
                && words.tag(i - 1).is_noun()
                && i + 1 < n
                && matches!(words.tag(i + 1), Tag::DT | Tag::PRPS | Tag::NNP | Tag::JJ)
                && self.kb.verb_lemma(words.norm(i)).is_some()
            {
                words.items[i].tag = Tag::VB;
                inverted_modal = false;
            }
        }
        for i in 0..n {
            let t = words.items[i].tag;
            if !(t == Tag::NN || t == Tag::NNS || t == Tag::JJ) || actor_at[i].is_some() {
                continue;
            }
            let form = words.norm(i);
            // adverbs between, including those the context rules took for adjectives
            // ("can't ever clash")
            let lex_adverb = |k: usize| {
                crate::tagger::Tagger::get()
                    .lexicon_tag(words.norm(k))
                    .is_some_and(|t| t.is_adverb())
            };
            let mut j = i;
            while j > 0 && (matches!(words.tag(j - 1), Tag::RB) || lex_adverb(j - 1)) {
                j -= 1;
            }
            let after_modal = j > 0
                && (matches!(words.tag(j - 1), Tag::MD | Tag::TO)
                    || matches!(words.norm(j - 1), "did" | "does" | "do"));
            let after_name = i > 0
                && (actor_at[i - 1].is_some() || words.tag(i - 1) == Tag::PRP)
                && i + 1 < n
                && (actor_at[i + 1].is_some()
                    || matches!(words.tag(i + 1), Tag::DT | Tag::PRPS | Tag::PRP | Tag::TO));
            if !(after_modal || after_name) {
                continue;
            }
            let Some(lemma) = self.kb.verb_lemma(form) else {
                continue;
            };
            if after_modal {
                words.items[i].tag = Tag::VB;
                for k in j..i {
                    words.items[k].tag = Tag::RB;
                }
            } else if after_name {
                words.items[i].tag = if form == lemma {
                    Tag::VBP
                } else if form.ends_with('s') {
                    Tag::VBZ
                } else {
                    Tag::VBD
                };
            }
        }
        // Names are nouns whatever the lexicon says.
        let mut fixed = vec![false; n];
        for i in 0..n {
            if actor_at[i].is_some() {
                fixed[i] = true;
                let t = words.items[i].tag;
                if t.is_verb() || t == Tag::IN || t == Tag::RB || t == Tag::MD {
                    words.items[i].tag = Tag::NNP;
                }
            }
            if let Some((s, e, _)) = agent_at[i] {
                // agents only glue words when they form a noun phrase
                if words.tag(e - 1).is_noun() && !words.tag(i).is_verb() {
                    fixed[i] = i >= s;
                }
            }
        }
        let mut word_set = [0u64; 4];
        for i in 0..n {
            crate::filter::add(&mut word_set, words.norm(i));
            crate::filter::add(&mut word_set, words.lemma(i));
        }
        let syn = Syntax::analyze(&words, self.cues, &fixed, &date_word, open_quote);
        let np_count = syn.nps.len();
        let nq = syn.quotes.len();
        let nv = syn.vgs.len();
        Sent {
            text,
            index,
            words,
            syn,
            actor_at,
            agent_at,
            mention: vec![None; np_count],
            owner_pron: vec![None; np_count],
            modifier: vec![None; np_count],
            quote_speaker: vec![None; nq],
            trailing: None,
            dates,
            date_word,
            attribution_vg: vec![false; nv],
            headline: false,
            word_set,
            consumed: Vec::new(),
        }
    }

    fn how(&self, f: impl FnOnce() -> String) -> String {
        if self.explain {
            f()
        } else {
            String::new()
        }
    }

    // ----- actors -------------------------------------------------------------------------

    fn actor_mention(&self, id: usize, date: Option<NaiveDate>) -> Option<Mention> {
        let a = self.kb.actor(id)?;
        let (code, role) = a.code_on(date)?;
        let how = self.how(|| match role {
            Some(r) => format!(
                "actor `{}` ({}) role {} on the date",
                a.name, a.origin, r.origin
            ),
            None => format!("actor `{}` ({})", a.name, a.origin),
        });
        Some(Mention {
            code: code.to_string(),
            name: Some(a.name.clone()),
            kind: Some(a.kind),
            resolved: false,
            how,
            entity: None,
            bare: false,
        })
    }

    /// The NP's own actor, without references (named actors and actor + agent combinations).
    fn np_named(
        &self,
        s: &Sent,
        k: usize,
        date: Option<NaiveDate>,
    ) -> (Option<Mention>, Option<Mention>) {
        let np = &s.syn.nps[k];
        let (a, e, head) = (np.start, np.end, np.head);
        let mut person = None;
        let mut head_actor = None;
        let mut modifier = None;
        let mut i = a;
        while i < e {
            if let Some((ms, me, id)) = s.actor_at[i] {
                if ms >= a && me <= e {
                    if let Some(m) = self.actor_mention(id, date) {
                        if m.kind == Some(ActorKind::Person) {
                            person = Some(m);
                        } else if head >= ms && head < me {
                            head_actor = Some(m);
                        } else if modifier.is_none() {
                            modifier = Some(m);
                        }
                    }
                }
                i = me.max(i + 1);
            } else {
                i += 1;
            }
        }
        // An actor coded by country alone with a title in the same NP ("Bree Prime Minister
        // Romendacil"): the title's agent is added.
        let titled_actor = |m: Mention| -> Mention {
            if m.code.len() != 3 {
                return m;
            }
            let title = (a..e).find_map(|i| {
                let (as_, ae, id) = s.agent_at[i]?;
                let outside = !(as_..ae).any(|q| s.actor_at[q].is_some());
                (as_ >= a && ae <= e && outside)
                    .then(|| self.kb.agent(id))
                    .flatten()
            });
            match title {
                Some(ag) => Mention {
                    code: combine(&m.code, &ag.code),
                    how: self.how(|| format!("{} + agent `{}` ({})", m.how, ag.name, ag.origin)),
                    ..m
                },
                None => m,
            }
        };
        if let Some(p) = person {
            return (Some(titled_actor(p)), modifier);
        }
        if let Some(h) = head_actor {
            return (Some(titled_actor(h)), modifier);
        }
        // An agent heading the NP: "Russian troops", "Russia's Foreign Ministry".
        // A title before an unknown name: "Bree Prime Minister Romendacil".
        let titled = || {
            let mut q = head;
            while q > a && s.words.tag(q) == Tag::NNP && s.agent_at[q].is_none() {
                q -= 1;
            }
            (q < head && s.words.tag(head) == Tag::NNP)
                .then_some(q)
                .and_then(|q| s.agent_at[q])
        };
        let agent = s.agent_at[head].or_else(titled).and_then(|(as_, ae, id)| {
            (as_ >= a && ae <= e)
                .then_some(id)
                .and_then(|id| self.kb.agent(id))
        });
        if let Some(ag) = agent {
            let base = modifier
                .clone()
                .or_else(|| np.poss.and_then(|p| s.mention.get(p).cloned().flatten()));
            // "the government" in a sentence about Iranians: the country named before it
            // "the government of Gondor": the country follows (see `agent_pp`)
            let pp_actor = e + 1 < s.words.len()
                && matches!(s.words.norm(e), "of" | "from" | "in")
                && s.syn.np_at(&s.words, e + 1).is_some_and(|j| {
                    let r = &s.syn.nps[j];
                    (r.start..r.end).any(|q| s.actor_at[q].is_some())
                });
            let base = base.or_else(|| {
                if !np.definite || pp_actor {
                    return None;
                }
                (0..k).rev().find_map(|j| {
                    s.mention[j]
                        .as_ref()
                        .filter(|m| !m.bare && !m.code.starts_with("IGO"))
                        .filter(|_| matches!(ag.code.as_str(), "GOV" | "LEG" | "JUD"))
                        .cloned()
                })
            });
            if let Some(b) = base {
                let code = combine(&b.code, &ag.code);
                let how = self.how(|| format!("{} + agent `{}` ({})", b.how, ag.name, ag.origin));
                let named_base = modifier.clone();
                return (Some(Mention::combined(code, how)), named_base);
            }
            return (
                Some(Mention {
                    code: ag.code.clone(),
                    name: None,
                    kind: None,
                    resolved: false,
                    how: self
                        .how(|| format!("agent `{}` ({}) with no country", ag.name, ag.origin)),
                    entity: None,
                    bare: true,
                }),
                modifier,
            );
        }
        (None, modifier)
    }

    fn resolve(&self, s: &mut Sent, mem: &mut Memory, date: Option<NaiveDate>) {
        // Named actors first (they do not depend on references), in order.
        let n = s.syn.nps.len();
        for k in 0..n {
            let (m, modifier) = self.np_named(s, k, date);
            s.mention[k] = m;
            s.modifier[k] = modifier;
        }
        self.find_attribution(s);
        // Speakers of direct quotes are resolved first: "Interfax quoted him as saying".
        let mut order: Vec<usize> = Vec::with_capacity(n);
        for q in s.quote_speaker.iter().flatten() {
            order.push(q.0);
        }
        if let Some((_, sp, _)) = &s.trailing {
            order.push(*sp);
        }
        for k in 0..n {
            if !order.contains(&k) {
                order.push(k);
            }
        }
        for &k in &order {
            let speaker_slot = s.quote_speaker.iter().flatten().any(|q| q.0 == k)
                || s.trailing.as_ref().is_some_and(|t| t.1 == k)
                || self.is_say_subject(s, k);
            let refd = self.resolve_reference(s, k, mem, speaker_slot, None);
            // "our initiative", "his request": the possessive pronoun's referent
            let first = s.syn.nps[k].start;
            let pron = match s.words.norm(first) {
                "our" => Some("we"),
                "my" => Some("i"),
                _ => None,
            };
            if let Some(p) = pron {
                if s.syn.nps[k].poss.is_none() && s.syn.nps[k].end > first + 1 {
                    s.owner_pron[k] = self.resolve_reference(s, k, mem, false, Some(p));
                }
            }
            if let Some(r) = refd {
                let named = s.mention[k].as_ref();
                // Named and agent mentions stay; references fill gaps or add a name.
                match named {
                    None => s.mention[k] = Some(r),
                    Some(m) if m.name.is_none() && r.name.is_some() => {
                        s.mention[k] = Some(r);
                    }
                    _ => {}
                }
            }
            if speaker_slot {
                if let Some(m) = &s.mention[k] {
                    if m.kind == Some(ActorKind::Person) || m.entity.is_some() {
                        if let Some(name) = &m.name {
                            if let Some(e) = mem.find(name) {
                                if mem.entities[e].kind == ActorKind::Person {
                                    mem.last_speaker = Some(e);
                                }
                            } else if m.kind == Some(ActorKind::Person) {
                                let e = mem.mention(name, &m.code, ActorKind::Person);
                                mem.last_speaker = Some(e);
                            }
                        }
                    }
                }
            }
        }
    }

    fn is_say_subject(&self, s: &Sent, k: usize) -> bool {
        s.syn.vgs.iter().any(|v| {
            v.subject == Some(k)
                && self.cues.is(s.words.lemma(v.head), CueKind::Say)
                && s.syn.quote_of[v.head].is_none()
        })
    }

    /// References: pronouns, definite descriptions, possessed role nouns.
    fn resolve_reference(
        &self,
        s: &Sent,
        k: usize,
        mem: &mut Memory,
        speaker_slot: bool,
        pron: Option<&str>,
    ) -> Option<Mention> {
        let np = &s.syn.nps[k];
        let w = pron.unwrap_or_else(|| s.words.norm(np.head));
        let from_entity = |mem: &Memory, e: usize, how: String| -> Mention {
            let ent = &mem.entities[e];
            Mention {
                code: ent.code.clone(),
                name: Some(ent.name.clone()),
                kind: Some(ent.kind),
                resolved: true,
                how,
                entity: Some(e),
                bare: false,
            }
        };
        if np.pronoun || pron.is_some() {
            let quote_speaker = s.syn.quote_of[np.head]
                .and_then(|q| s.quote_speaker.get(q).cloned().flatten())
                .and_then(|(sp, _)| s.mention[sp].clone());
            match w {
                "he" | "him" | "she" | "her" | "himself" | "herself" => {
                    if speaker_slot {
                        if let Some(e) = mem.last_speaker {
                            return Some(from_entity(mem, e, format!("`{w}`: the last speaker")));
                        }
                    }
                    // the nearest person named before it in this sentence
                    for j in (0..k).rev() {
                        if let Some(m) = &s.mention[j] {
                            let person = m.kind == Some(ActorKind::Person)
                                || (m.resolved
                                    && m.entity.is_some_and(|e| {
                                        mem.entities[e].kind == ActorKind::Person
                                    }))
                                || s.syn.nps[j].head < s.words.len()
                                    && self.cues.reference(s.words.lemma(s.syn.nps[j].head))
                                        == Some(RefKind::Person);
                            if person && s.syn.nps[j].owner.is_none() {
                                let mut m = m.clone();
                                m.how = self.how(|| {
                                    format!("`{w}`: {} earlier in the sentence", s.syn.nps[j].start)
                                });
                                m.resolved = true;
                                return Some(m);
                            }
                        }
                    }
                    let e = mem.recent_person()?;
                    Some(from_entity(mem, e, format!("`{w}`: the last person named")))
                }
                "it" | "itself" => {
                    // "It is long past time", "it was incredible": no referent
                    // ("Russia said it would expel ..." does have one)
                    let next = s.words.norm(np.end);
                    let after = if np.end + 1 < s.words.len() {
                        s.words.norm(np.end + 1)
                    } else {
                        ""
                    };
                    let copular = |w: &str| {
                        matches!(
                            w,
                            "is" | "was"
                                | "'s"
                                | "be"
                                | "seems"
                                | "seemed"
                                | "seem"
                                | "appears"
                                | "appear"
                                | "remains"
                                | "remain"
                        )
                    };
                    let modal = matches!(
                        next,
                        "would" | "will" | "could" | "may" | "might" | "can" | "should" | "must"
                    );
                    if np.pronoun && (copular(next) || modal && (copular(after) || after == "not"))
                    {
                        return None;
                    }
                    let nonperson = |m: &Mention| m.kind.is_some_and(|k| k != ActorKind::Person);
                    for j in (0..k).rev() {
                        if let Some(m) = s.mention[j].as_ref().filter(|m| nonperson(m)) {
                            if s.syn.is_subject(j) {
                                let mut m = m.clone();
                                m.how = self.how(|| format!("`{w}`: the subject named before it"));
                                m.resolved = true;
                                return Some(m);
                            }
                        }
                    }
                    for j in (0..k).rev() {
                        if let Some(m) = &s.mention[j] {
                            if m.kind.is_some_and(|k| k != ActorKind::Person) {
                                let mut m = m.clone();
                                m.how = self.how(|| {
                                    format!("`{w}`: the organisation or country named before it")
                                });
                                m.resolved = true;
                                return Some(m);
                            }
                        }
                    }
                    let e = mem.recent(
                        &[
                            ActorKind::Country,
                            ActorKind::Igo,
                            ActorKind::Group,
                            ActorKind::Place,
                        ],
                        None,
                    )?;
                    Some(from_entity(
                        mem,
                        e,
                        format!("`{w}`: the last organisation or country"),
                    ))
                }
                "they" | "them" | "themselves" => {
                    // the nearest plural subject named before it in this sentence: "Russian
                    // officials said they would expel ..."
                    // "Ukrainian troops attacked them": not the subject of its own verb
                    let own: Vec<usize> = s
                        .syn
                        .vgs
                        .iter()
                        .filter(|v| v.object == Some(k) && !s.syn.is_subject(k))
                        .filter_map(|v| v.subject)
                        .collect();
                    (0..k).rev().filter(|j| !own.contains(j)).find_map(|j| {
                        let np = &s.syn.nps[j];
                        let plural = matches!(s.words.tag(np.head), Tag::NNS | Tag::NNPS);
                        let m = s.mention[j].as_ref()?;
                        (s.syn.is_subject(j) && plural && np.group.len() == 1 && !np.pronoun).then(
                            || {
                                let mut m = m.clone();
                                m.how = self
                                    .how(|| format!("`{w}`: the plural subject named before it"));
                                m.resolved = true;
                                m
                            },
                        )
                    })
                }
                "we" | "us" | "i" | "me" => {
                    let sp = quote_speaker?;
                    let code = if matches!(w, "we" | "us") {
                        country_of(&sp.code)
                    } else {
                        sp.code.clone()
                    };
                    Some(Mention {
                        code,
                        name: if matches!(w, "i" | "me") {
                            sp.name.clone()
                        } else {
                            None
                        },
                        kind: sp.kind,
                        resolved: true,
                        how: self.how(|| format!("`{w}` in a quote: the speaker's side")),
                        entity: None,
                        bare: false,
                    })
                }
                _ => None,
            }
        } else {
            // Possessive pronoun NPs: "our initiative" -> the speaker's side, as possessor.
            let first = s.words.norm(np.start);
            let head_lemma = s.words.lemma(np.head).to_string();
            let two = if np.head > np.start {
                format!("{} {}", s.words.norm(np.head - 1), head_lemma)
            } else {
                head_lemma.clone()
            };
            let refkind = self
                .cues
                .reference(&two)
                .or_else(|| self.cues.reference(&head_lemma));
            let current = s.mention[k].clone();
            let possessor_name = np
                .poss
                .and_then(|p| s.mention[p].as_ref())
                .and_then(|m| m.name.clone());
            match refkind {
                Some(RefKind::Person) => {
                    if !(np.definite || np.poss.is_some() || is_possessive_pronoun(first))
                        && current.is_some()
                    {
                        return None;
                    }
                    if current
                        .as_ref()
                        .is_some_and(|m| m.kind == Some(ActorKind::Person))
                    {
                        return None;
                    }
                    let prefix = current
                        .as_ref()
                        .map(|m| country_of(&m.code))
                        .filter(|c| c.len() == 3 && c != "GOV");
                    let noun = s.words.lemma(np.head).to_string();
                    let e = mem.person_for(&noun, possessor_name.as_deref(), prefix.as_deref())?;
                    Some(from_entity(
                        mem,
                        e,
                        format!(
                            "`{}` resolved to the person so described",
                            span_text(s, np.start, np.end)
                        ),
                    ))
                }
                Some(kind)
                    if current.is_none()
                        && (np.definite || first == "this")
                        && !matches!(s.words.tag(np.head), Tag::NNS | Tag::NNPS) =>
                {
                    let kinds: &[ActorKind] = match kind {
                        RefKind::Igo => &[ActorKind::Igo],
                        RefKind::Country => &[ActorKind::Country],
                        RefKind::Media => &[ActorKind::Media],
                        RefKind::Group => &[ActorKind::Group],
                        RefKind::Person => &[ActorKind::Person],
                    };
                    let seg = s.modifier[k].as_ref().map(|m| country_of(&m.code));
                    let e = mem
                        .recent(kinds, seg.as_deref())
                        .or_else(|| mem.recent(kinds, None))?;
                    Some(from_entity(
                        mem,
                        e,
                        format!(
                            "`{}`: the last {:?} named",
                            span_text(s, np.start, np.end),
                            kind
                        ),
                    ))
                }
                _ => None,
            }
        }
    }

    fn remember(&self, s: &Sent, mem: &mut Memory) {
        // Subjects last, so that "it" and "he" in the next sentence prefer them.
        let subjects: Vec<usize> = s.syn.vgs.iter().filter_map(|v| v.subject).collect();
        let mut order: Vec<usize> = (0..s.mention.len())
            .filter(|k| !subjects.contains(k))
            .collect();
        order.extend(subjects.iter().copied().filter(|&k| k < s.mention.len()));
        self.remember_in(s, mem, &order);
    }

    fn remember_in(&self, s: &Sent, mem: &mut Memory, order: &[usize]) {
        for m in s.modifier.iter().flatten() {
            if let (Some(name), Some(kind)) = (&m.name, m.kind) {
                if kind != ActorKind::Person {
                    mem.mention(name, &m.code, kind);
                }
            }
        }
        for &k in order {
            let Some(m) = &s.mention[k] else { continue };
            let np = &s.syn.nps[k];
            if let Some(e) = m.entity {
                if let Some(ent) = mem.entities.get(e) {
                    let (name, code, kind) = (ent.name.clone(), ent.code.clone(), ent.kind);
                    mem.mention(&name, &code, kind);
                }
                continue;
            }
            let (Some(name), Some(kind)) = (&m.name, m.kind) else {
                continue;
            };
            let e = mem.mention(name, &m.code, kind);
            if kind == ActorKind::Person {
                // descriptions: agents inside the NP ("President", "aide")
                let poss = np
                    .poss
                    .and_then(|p| s.mention[p].as_ref())
                    .and_then(|m| m.name.clone());
                let mut i = np.start;
                while i < np.end {
                    if let Some((as_, ae, _)) = s.agent_at[i] {
                        if as_ >= np.start && ae <= np.end {
                            let noun = s.words.lemma(ae - 1).to_string();
                            mem.describe(e, &noun, poss.as_deref());
                            if poss.is_some() {
                                mem.describe(e, &noun, None);
                            }
                        }
                        i = ae.max(i + 1);
                    } else {
                        i += 1;
                    }
                }
            }
        }
    }

    // ----- attribution ----------------------------------------------------------------------

    fn find_attribution(&self, s: &mut Sent) {
        let n = s.words.len();
        // Direct quotes: "...," X said / "...," Interfax quoted X as saying / X said: "..."
        for qi in 0..s.syn.quotes.len() {
            let (a, b, closed) = s.syn.quotes[qi];
            let mut found = None;
            if closed {
                let mut j = b + 1;
                while j < n && matches!(s.words.norm(j), "," | "\u{2014}" | "-") {
                    j += 1;
                }
                found = self.attribution_at(s, j);
            }
            if found.is_none() && a >= 2 {
                // X said: "..." / X said "..."
                let mut j = a - 1; // the open quote mark
                while j > 0 && matches!(s.words.norm(j - 1), ":" | ",") {
                    j -= 1;
                }
                if j > 0 {
                    if let Some(v) = s.syn.vg_of[j - 1] {
                        let vg = &s.syn.vgs[v];
                        if self.cues.is(s.words.lemma(vg.head), CueKind::Say) && vg.end == j {
                            if let Some(sub) = vg.subject {
                                found = Some((v, sub, Vec::new()));
                            }
                        }
                    }
                }
            }
            if let Some((v, sp, via)) = found {
                if let Some(x) = s.attribution_vg.get_mut(v) {
                    *x = true;
                }
                s.quote_speaker[qi] = Some((sp, via));
            }
        }
        // Trailing attribution: "..., Interfax reported Wednesday."
        let nv = s.syn.vgs.len();
        if nv > 0 {
            for v in (0..nv).rev() {
                let vg = &s.syn.vgs[v];
                let Some(sub) = vg.subject else { continue };
                let st = s.syn.nps[sub].start;
                let after_comma = st > 0
                    && (matches!(s.words.norm(st - 1), "," | "\"")
                        || s.words.tag(st - 1) == Tag::CLOSE_QUOTE);
                if !after_comma || vg.link != Link::Main {
                    break;
                }
                if s.syn.quote_of[vg.head].is_some() {
                    break;
                }
                if let Some(found) = self.attribution_at(s, st) {
                    if s.quote_speaker.iter().flatten().any(|q| q.0 == found.1) {
                        break;
                    }
                    s.attribution_vg[found.0] = true;
                    s.trailing = Some(found);
                }
                break;
            }
        }
        // "according to X"
        if s.trailing.is_none() {
            for i in 0..n.saturating_sub(2) {
                if s.words.norm(i) == "according" && s.words.norm(i + 1) == "to" {
                    if let Some(np) = s.syn.np_at(&s.words, i + 2) {
                        s.trailing = Some((usize::MAX, np, Vec::new()));
                    }
                }
            }
        }
    }

    /// An attribution clause starting at word `j`: "X said", "said X", "X quoted Y as saying",
    /// "X reported". Returns (verb group, speaker NP, via NPs).
    fn attribution_at(&self, s: &Sent, j: usize) -> Option<(usize, usize, Vec<usize>)> {
        let words = &s.words;
        let is_att = |v: usize| {
            let l = words.lemma(s.syn.vgs[v].head);
            self.cues.is(l, CueKind::Say) || self.cues.is(l, CueKind::Report)
        };
        if let Some(v) = s.syn.vg_of.get(j).copied().flatten() {
            // "said Putin"
            if is_att(v) {
                if let Some(np) = s.syn.np_at(words, s.syn.vgs[v].end) {
                    return Some((v, np, Vec::new()));
                }
            }
            return None;
        }
        let np = s.syn.np_at(words, j)?;
        let v = s.syn.vgs.iter().position(|vg| {
            vg.subject == Some(s.syn.nps[np].group[0]) && vg.start >= s.syn.nps[np].end
        })?;
        if !is_att(v) {
            return None;
        }
        let vg = &s.syn.vgs[v];
        let lemma = words.lemma(vg.head);
        if self.cues.is(lemma, CueKind::Report) {
            // "X quoted Y as saying"
            if let Some(obj) = vg.object {
                let oe = s.syn.nps[obj].end;
                if words.norm(oe) == "as" {
                    return Some((v, obj, vec![np]));
                }
            }
        }
        Some((v, np, Vec::new()))
    }

    // ----- events -----------------------------------------------------------------------------

    /// Mentions of an NP's coordination group, as (NP index, mention).
    /// For an agent with no country followed by "of|from|in" and named actors ("soldiers
    /// from Gondor", "lawmakers and officials in Fornost and Gondor"): the agent combined
    /// with each of them.
    fn agent_pp(&self, s: &Sent, g: usize, agent: &Mention) -> Vec<(usize, Mention)> {
        let last = *s.syn.nps[g].group.last().unwrap_or(&g);
        let end = s.syn.nps[last].end;
        if end >= s.words.len() || !matches!(s.words.norm(end), "of" | "from" | "in") {
            return Vec::new();
        }
        let Some(j) = s.syn.np_at(&s.words, end + 1) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for &h in &s.syn.nps[j].group {
            if let Some(b) = s.mention[h].as_ref().filter(|m| !m.bare) {
                let code = combine(&b.code, &agent.code);
                let how = self.how(|| format!("{} + {}", b.how, agent.how));
                out.push((g, Mention::combined(code, how)));
            }
        }
        out
    }

    fn group_mentions(&self, s: &Sent, k: usize, allow_poss: bool) -> Vec<(usize, Mention)> {
        let mut out = Vec::new();
        for &g in &s.syn.nps[k].group {
            if let Some(m) = &s.mention[g] {
                if m.bare && s.syn.nps[g].poss.is_none() {
                    let pp = self.agent_pp(s, g, m);
                    if !pp.is_empty() {
                        out.extend(pp);
                        continue;
                    }
                }
                out.push((g, m.clone()));
            } else {
                let before = out.len();
                if allow_poss {
                    if let Some(p) = s.syn.nps[g].poss {
                        if let Some(m) = &s.mention[p] {
                            out.push((p, m.clone()));
                        }
                    } else if let Some(m) = &s.owner_pron[g] {
                        out.push((g, m.clone()));
                    }
                }
                // "Eriadori and Calenardhon leaders": a conjunct named by its modifier
                if out.len() == before
                    && s.syn.nps[g].group.len() > 1
                    && s.syn.nps[g].poss.is_none()
                {
                    if let Some(m) = &s.modifier[g] {
                        out.push((g, m.clone()));
                    }
                }
            }
        }
        out
    }

    /// The actors of verb group `v`'s subject (inherited through control and coordination);
    /// `possessor`: an unknown subject noun stands for its possessor ("Eriador's death toll",
    /// when the pattern names the noun).
    fn subject_mentions(&self, s: &Sent, v: usize, possessor: bool) -> Vec<(usize, Mention)> {
        let mut cur = v;
        for _ in 0..8 {
            let vg = &s.syn.vgs[cur];
            if let Some(sub) = vg.subject {
                // "Soldiers from Gondor have cordoned": the agent before the preposition
                let mut first = sub;
                while let Some(p) = s.syn.nps[first].poss.filter(|&p| p < first) {
                    first = p;
                }
                let st = s.syn.nps[first].start;
                if st >= 2 && matches!(s.words.norm(st - 1), "of" | "from" | "in") {
                    if let Some(p) = s.syn.np_of[st - 2] {
                        let p0 = s.syn.nps[p].group[0];
                        if s.mention[p].as_ref().is_some_and(|m| m.bare) {
                            let m = self.group_mentions(s, p0, false);
                            if m.iter().any(|(_, x)| !x.bare) {
                                return m;
                            }
                        }
                    }
                }
                let np = &s.syn.nps[sub];
                let event_noun = self.kb.noun(s.words.lemma(np.head)).is_some();
                return self.group_mentions(s, sub, event_noun || possessor);
            }
            match vg.subject_from {
                // the subject of a passive is its patient: "Bangladesh was submerged,
                // destroying crops" says nothing of what Bangladesh did
                Some(g) if g != cur && !s.syn.vgs[g].passive => cur = g,
                _ => return Vec::new(),
            }
        }
        Vec::new()
    }

    fn word_matches(&self, s: &Sent, alt: &[String], q: usize, limit: usize) -> Option<usize> {
        if q + alt.len() > limit {
            return None;
        }
        for (k, w) in alt.iter().enumerate() {
            let i = q + k;
            if s.words.norm(i) != w && s.words.lemma(i) != w {
                return None;
            }
        }
        Some(alt.len())
    }

    fn skippable(&self, s: &Sent, q: usize) -> bool {
        let t = s.words.tag(q);
        // the agent of a passive ("was received by Macron in Paris")
        if s.words.norm(q) == "by"
            && q > 0
            && s.syn.vg_of[q - 1].is_some_and(|v| s.syn.vgs[v].passive)
        {
            return true;
        }
        s.syn.np_of[q].is_some()
            || t.is_adverb()
            || t.is_adj()
            || t == Tag::OPEN_QUOTE
            || t == Tag::CLOSE_QUOTE
            || t == Tag::DT
            || t == Tag::PRPS
            || t == Tag::POS
            || t == Tag::CD
    }

    /// Matches pattern `p` at verb or noun `head`. Literal words after the head are looked
    /// for before `limit`, with only noun-phrase material between elements, or any words up
    /// to `scope` after a [`PatternElem::Any`]; before the head, back to the sentence start.
    fn match_pattern(&self, s: &Sent, p: &Pattern, at: &At) -> Option<Matched> {
        let At {
            head,
            limit,
            scope,
            passive,
            mutual,
        } = *at;
        if !p.forms.is_empty() && !p.forms.iter().any(|f| f == s.words.norm(head)) {
            return None;
        }
        let mut literal = Matched::default();
        // elements before the head: literal words right before it (skipping NP material)
        let mut q = head;
        let mut free = false;
        for e in p.before.iter().rev() {
            match e {
                PatternElem::Any => free = true,
                PatternElem::Words(alts) => {
                    let mut ok = false;
                    while q > 0 {
                        let cand = alts.iter().find_map(|alt| {
                            let l = alt.len();
                            (q >= l)
                                .then(|| q - l)
                                .filter(|&st| self.word_matches(s, alt, st, q).is_some())
                        });
                        if let Some(st) = cand {
                            if literal.n < literal.lit.len() {
                                literal.lit[literal.n] = (st, q);
                                literal.n += 1;
                            }
                            q = st;
                            ok = true;
                            break;
                        }
                        if !free && !self.skippable(s, q - 1) {
                            break;
                        }
                        q -= 1;
                    }
                    if !ok {
                        return None;
                    }
                    free = false;
                }
                PatternElem::Mutual if !mutual => return None,
                PatternElem::Target
                | PatternElem::Source
                | PatternElem::Mutual
                | PatternElem::SkipNp => {}
            }
        }
        let mut pos = head + 1;
        let mut target = None;
        let mut free = false;
        for e in &p.after {
            let end = if free { scope.get(self, s) } else { limit };
            match e {
                PatternElem::Any => {
                    free = true;
                    continue;
                }
                PatternElem::Words(alts) => {
                    let mut q = pos;
                    let mut found = None;
                    while q < end {
                        if let Some(len) = alts
                            .iter()
                            .filter_map(|a| self.word_matches(s, a, q, end))
                            .max()
                        {
                            found = Some((q, q + len));
                            break;
                        }
                        if !free && !self.skippable(s, q) {
                            break;
                        }
                        q += 1;
                    }
                    let (from, end) = found?;
                    if literal.n < literal.lit.len() {
                        literal.lit[literal.n] = (from, end);
                        literal.n += 1;
                    }
                    pos = end;
                }
                PatternElem::SkipNp => {
                    // the rest of a noun phrase begun by a literal ("their ^ about +")
                    let inside = s
                        .syn
                        .np_of
                        .get(pos)
                        .copied()
                        .flatten()
                        .filter(|&k| s.syn.nps[k].start < pos);
                    let np = if let Some(k) = inside {
                        Some(k)
                    } else if free {
                        (pos..end).find_map(|q| s.syn.np_at(&s.words, q))
                    } else {
                        s.syn.np_at(&s.words, pos)
                    }?;
                    let last = *s.syn.nps[np].group.last().unwrap_or(&np);
                    pos = s.syn.nps[last].end;
                }
                PatternElem::Target if passive && target.is_none() && literal.n == 0 => {
                    // "was received by X": the target is the subject
                }
                PatternElem::Target => {
                    let np = if free {
                        (pos..end).find_map(|q| s.syn.np_at(&s.words, q))
                    } else {
                        s.syn.np_at(&s.words, pos)
                    }?;
                    let last = *s.syn.nps[np].group.last().unwrap_or(&np);
                    target = Some(np);
                    pos = s.syn.nps[last].end;
                }
                PatternElem::Source | PatternElem::Mutual => {}
            }
            free = false;
        }
        literal.target = target;
        literal.end = pos;
        Some(literal)
    }

    fn best_pattern(&self, s: &Sent, entry: &HeadEntry, at: &At) -> Option<Found> {
        let mut best: Option<(usize, &Pattern, Matched)> = None;
        for (i, p) in entry.patterns.iter().enumerate() {
            if !self.filter.may_match(entry, i, &s.word_set) {
                continue;
            }
            if let Some(f) = self.match_pattern(s, p, at) {
                let spec = p.specificity() * 2 + usize::from(f.target.is_some());
                if best.as_ref().is_none_or(|(b, _, _)| spec > *b) {
                    best = Some((spec, p, f));
                }
            }
        }
        best.map(|(_, p, m)| Found {
            location: None,
            literal: m.lit[..m.n].iter().flat_map(|&(a, b)| a..b).collect(),
            code: p.code.clone(),
            pattern: p.text.clone(),
            origin: p.origin.to_string(),
            target: m.target,
            end: m.end,
            mutual: p.before.contains(&PatternElem::Mutual),
        })
    }

    /// Modality of verb group `v` and its attribution chain (innermost first).
    fn modality(&self, s: &Sent, v: usize) -> (Modality, Vec<(usize, Vec<usize>)>, String) {
        let mut chain: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut why = Vec::new();
        let mut m = Modality::Asserted;
        let rank = |m: Modality| match m {
            Modality::Denied => 6,
            Modality::Negated => 5,
            Modality::Conditional => 4,
            Modality::Hypothetical => 3,
            Modality::Future => 2,
            Modality::Reported => 1,
            Modality::Asserted => 0,
        };
        let raise = |m: &mut Modality, to: Modality, why: &mut Vec<String>, r: String| {
            if rank(to) > rank(*m) {
                *m = to;
            }
            if !why.contains(&r) {
                why.push(r);
            }
        };
        let mut cur = v;
        let mut first = true;
        for _ in 0..8 {
            let vg = &s.syn.vgs[cur];
            {
                if vg.neg && (first || vg.link != Link::Complement) {
                    raise(
                        &mut m,
                        Modality::Negated,
                        &mut why,
                        format!("negated `{}`", span_text(s, vg.start, vg.end)),
                    );
                }
                // "Neither Russia nor China condemned": a negated subject
                let neither = vg.subject.is_some_and(|k| {
                    let st = s.syn.nps[s.syn.nps[k].group[0]].start;
                    st > 0 && s.words.norm(st - 1) == "neither"
                });
                if neither && (first || vg.link != Link::Complement) {
                    raise(
                        &mut m,
                        Modality::Negated,
                        &mut why,
                        "subject `neither ... nor`".into(),
                    );
                }
                // a reduced relative describes its noun, which stands outside the condition:
                // "should the troops massed on the border launch an attack"
                if vg.conditional && vg.link != Link::Reduced {
                    raise(
                        &mut m,
                        Modality::Conditional,
                        &mut why,
                        "in a conditional clause".into(),
                    );
                }
                if let Some(md) = vg.modal {
                    let w = s.words.norm(md);
                    if self.cues.is(w, CueKind::Future) {
                        raise(&mut m, Modality::Future, &mut why, format!("modal `{w}`"));
                    } else if self.cues.is(w, CueKind::Hypothetical) {
                        raise(
                            &mut m,
                            Modality::Hypothetical,
                            &mut why,
                            format!("modal `{w}`"),
                        );
                    }
                }
                if let Some(ng) = vg.noun_governor {
                    let l = s.words.lemma(ng);
                    if self.cues.is(l, CueKind::Fear) || self.cues.is(l, CueKind::Intend) {
                        raise(
                            &mut m,
                            Modality::Hypothetical,
                            &mut why,
                            format!("complement of `{l}`"),
                        );
                    }
                }
            }
            // governor semantics
            let Some(g) = vg.governor else { break };
            if g == cur {
                break;
            }
            let gl = s.words.lemma(s.syn.vgs[g].head);
            match vg.link {
                Link::Nonfinite | Link::Complement => {
                    let prep = if vg.start > 0 {
                        s.words.norm(vg.start - 1)
                    } else {
                        ""
                    };
                    let kept_from = prep == "from";
                    // "accused Moscow of shelling": the object's deed, by the accuser's account
                    let laid_on = matches!(prep, "of" | "for" | "with")
                        && vg.subject.is_some()
                        && s.syn.vgs[g].object == vg.subject;
                    if self.cues.is(gl, CueKind::Refuse)
                        || kept_from && self.cues.is(gl, CueKind::Prevent)
                    {
                        raise(
                            &mut m,
                            Modality::Negated,
                            &mut why,
                            format!("complement of `{gl}`"),
                        );
                    } else if self.cues.is(gl, CueKind::Deny) {
                        raise(
                            &mut m,
                            Modality::Denied,
                            &mut why,
                            format!("complement of `{gl}`"),
                        );
                    } else if self.cues.is(gl, CueKind::Fear) || self.cues.is(gl, CueKind::Intend) {
                        raise(
                            &mut m,
                            Modality::Hypothetical,
                            &mut why,
                            format!("complement of `{gl}`"),
                        );
                    } else if vg.link == Link::Complement
                        || laid_on && self.cues.is(gl, CueKind::Allege)
                    {
                        raise(
                            &mut m,
                            Modality::Reported,
                            &mut why,
                            format!("reported by `{gl}`"),
                        );
                        if let Some(sub) = s.syn.vgs[g].subject {
                            chain.push((sub, Vec::new()));
                        } else if let Some(o) =
                            s.syn.vgs[g].subject_from.and_then(|x| s.syn.vgs[x].subject)
                        {
                            chain.push((o, Vec::new()));
                        }
                    }
                }
                Link::Adjunct | Link::Reduced | Link::Relative | Link::Main => {}
            }
            // Only propagate the governor's own modality through complements and adjuncts.
            cur = g;
            first = false;
        }
        // Direct quotes and trailing attribution.
        if let Some(q) = s.syn.quote_of[s.syn.vgs[v].head] {
            raise(
                &mut m,
                Modality::Reported,
                &mut why,
                "inside a quotation".into(),
            );
            if let Some((sp, via)) = s.quote_speaker.get(q).cloned().flatten() {
                chain.push((sp, via));
            }
        } else if let Some((tv, sp, via)) = &s.trailing {
            let st = s.syn.nps[*sp].start;
            if s.syn.vgs[v].head < st && *tv != v {
                raise(
                    &mut m,
                    Modality::Reported,
                    &mut why,
                    "attributed at the end of the sentence".into(),
                );
                chain.push((*sp, via.clone()));
            }
        }
        (m, chain, why.join("; "))
    }

    fn attribution_list(&self, s: &Sent, chain: &[(usize, Vec<usize>)]) -> Vec<Attribution> {
        let mut out = Vec::new();
        for (sp, via) in chain {
            for &k in std::iter::once(sp).chain(via.iter()) {
                out.push(self.np_attr(s, k));
            }
        }
        out
    }

    fn actor_ref(&self, s: &Sent, k: usize, m: &Mention) -> ActorRef {
        let (a, b) = np_bytes(s, k);
        ActorRef {
            text: s.text.get(a..b).unwrap_or("").to_string(),
            code: m.code.clone(),
            start: a,
            end: b,
            name: m.name.clone(),
        }
    }

    /// The date of an event whose clause runs over words `from..to`: the first date expression
    /// there, else the article's date. A bare weekday resolves to the past ("met on Tuesday"),
    /// or, for an event still to come (`ahead`: "will meet on Thursday"), to the next one.
    fn date_of(
        &self,
        s: &Sent,
        from: usize,
        to: usize,
        doc_date: Option<NaiveDate>,
        ahead: bool,
    ) -> String {
        let (a, b) = (
            s.words.items.get(from).map_or(0, |w| w.span.start),
            s.words
                .items
                .get(to.saturating_sub(1))
                .map_or(0, |w| w.span.end),
        );
        s.dates
            .iter()
            .find(|&&(ds, de, _)| ds >= a && de <= b)
            .map(|&(ds, de, d)| {
                let bare_weekday = s
                    .text
                    .get(ds..de)
                    .is_some_and(|t| WEEKDAYS[..7].iter().any(|w| t.eq_ignore_ascii_case(w)));
                match doc_date {
                    Some(today) if ahead && bare_weekday && d < today => {
                        d.checked_add_days(chrono::Days::new(7)).unwrap_or(d)
                    }
                    _ => d,
                }
            })
            .or(doc_date)
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    /// Whether verb group `v`'s event is still to come: a future or possible modality, a
    /// future or possibility modal, or an infinitive of intention ("plans to meet").
    fn ahead(&self, s: &Sent, v: usize, modality: Modality) -> bool {
        let vg = &s.syn.vgs[v];
        still_to_come(modality)
            || vg.modal.is_some_and(|m| {
                let w = s.words.norm(m);
                self.cues.is(w, CueKind::Future) || self.cues.is(w, CueKind::Hypothetical)
            })
            || vg.inf
                && vg.governor.is_some_and(|g| {
                    self.cues
                        .is(s.words.lemma(s.syn.vgs[g].head), CueKind::Intend)
                })
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        s: &Sent,
        doc_id: &str,
        src: (usize, &Mention),
        tgt: Option<(usize, &Mention)>,
        found: &Found,
        code: &str,
        span: (usize, usize),
        modality: Modality,
        attribution: Vec<Attribution>,
        date: String,
        out: &mut Vec<Record>,
        notes: &mut Notes,
    ) {
        let Some(c) = self.kb.cameo(code) else {
            notes.add(|| format!("code {code} is not in the CAMEO table"));
            return;
        };
        let source = self.actor_ref(s, src.0, src.1);
        let mut target = tgt.map(|(k, m)| self.actor_ref(s, k, m));
        if target.as_ref().is_some_and(|t| t.code == source.code) {
            notes.add(|| format!("target dropped: source and target are both {}", source.code));
            target = None;
        }
        let (mut a, mut b) = span;
        a = a.min(source.start);
        b = b.max(source.end);
        if let Some(t) = &target {
            a = a.min(t.start);
            b = b.max(t.end);
        }
        let ev = Event {
            doc: doc_id.to_string(),
            sentence: s.index,
            date,
            source,
            target,
            cameo: c.code.clone(),
            cameo_name: c.name.clone(),
            goldstein: c.goldstein,
            quad_class: c.quad_class,
            plover: Plover {
                kind: c.plover_type.clone(),
                mode: c.plover_mode.clone(),
            },
            modality,
            attribution,
            evidence: Evidence {
                text: s.text.get(a..b).unwrap_or("").to_string(),
                start: a,
                end: b,
            },
            rule: format!("{} {}", found.origin, found.pattern),
            location: found.location.and_then(|k| {
                let m = s.mention[k].as_ref()?;
                Some(self.actor_ref(s, k, m))
            }),
        };
        notes.add(|| {
            format!(
                "EVENT {} -> {} {} ({}) {}",
                ev.source.code,
                ev.target.as_ref().map_or("-", |t| t.code.as_str()),
                ev.cameo,
                ev.modality.as_str(),
                ev.rule
            )
        });
        if !out.iter().any(|r| matches!(r, Record::Event(e) if e.sentence == ev.sentence && e.source.code == ev.source.code && e.target.as_ref().map(|t| &t.code) == ev.target.as_ref().map(|t| &t.code) && e.cameo == ev.cameo && e.evidence.start == ev.evidence.start)) {
            out.push(Record::Event(ev));
        }
    }

    fn events(
        &self,
        s: &Sent,
        doc_id: &str,
        doc_date: Option<NaiveDate>,
        out: &mut Vec<Record>,
        trace: Option<&mut SentenceTrace>,
    ) {
        let mut notes = Notes::new(trace.is_some());
        let mut consumed: Vec<(usize, usize)> = Vec::new();
        for v in 0..s.syn.vgs.len() {
            let vg = &s.syn.vgs[v];
            if vg.bare_modal {
                continue;
            }
            let lemma = s.words.lemma(vg.head);
            let Some(entry) = self.kb.verb(lemma) else {
                if !is_be(lemma) {
                    notes.add(|| format!("`{lemma}`: no verb block in the dictionaries"));
                }
                continue;
            };
            let vtext = span_text(s, vg.start, vg.end);
            let scope = Scope::after(vg.end);
            // coordinated subject, for `%` patterns ("Gondor and Arnor agree")
            let coordinated =
                !vg.passive && vg.subject.is_some_and(|k| s.syn.nps[k].group.len() > 1);
            let at = At {
                head: vg.head,
                limit: s.words.len(),
                scope: &scope,
                passive: vg.passive,
                mutual: coordinated,
            };
            let Some(mut found) = self.best_pattern(s, entry, &at) else {
                notes.add(|| format!("`{vtext}`: verb `{lemma}` has no pattern that matches here"));
                continue;
            };
            let Some(code) = found.code.clone() else {
                notes.add(|| {
                    format!(
                        "`{vtext}`: blocked by `---` pattern {} {}",
                        found.origin, found.pattern
                    )
                });
                continue;
            };
            consumed.push((vg.head, found.end));
            found.location = self.location(s, vg.end, vg.limit.min(s.words.len()));
            let is_say = self.cues.is(lemma, CueKind::Say) || self.cues.is(lemma, CueKind::Report);
            // sources and targets
            // Headlines drop the auxiliary of the passive: "Mayor of Gdansk stabbed on stage".
            let headline_passive = s.headline
                && vg.start == vg.head
                && matches!(s.words.tag(vg.head), Tag::VBN | Tag::VBD)
                && vg.object.is_none()
                && found.target.is_none();
            let (sources, targets): (Mentions, Mentions) = if vg.passive || headline_passive {
                let by = (vg.end..vg.limit.min(s.words.len()))
                    .find(|&i| s.words.norm(i) == "by")
                    .and_then(|i| s.syn.np_at(&s.words, i + 1));
                let src = by
                    .map(|b| self.group_mentions(s, b, false))
                    .unwrap_or_default();
                let tgt = vg
                    .subject
                    .map(|k| self.group_mentions(s, k, false))
                    .unwrap_or_default();
                (src, tgt)
            } else {
                // a pattern naming the subject noun ("DEATH TOLL *"): its possessor acts
                let names_subject = vg.subject.is_some_and(|k| {
                    let np = &s.syn.nps[k];
                    found.literal.iter().any(|&i| i >= np.start && i < np.end)
                });
                // PETRARCH reads "Ithilen's militia", "Caras Galadhon's new mayor" as their
                // possessor (a singular noun: "Putin's demands" are no actor)
                let petrarch_poss = self.petrarch_targets
                    && vg
                        .subject
                        .is_some_and(|k| s.words.tag(s.syn.nps[k].head) == Tag::NN);
                let src = self.subject_mentions(s, v, names_subject || petrarch_poss);
                let tgt = match found.target {
                    Some(t) => {
                        let mut m = self.group_mentions(s, t, true);
                        if m.is_empty() {
                            if let Some(md) = &s.modifier[t] {
                                m.push((t, md.clone()));
                            }
                        }
                        if m.is_empty() {
                            m = self.default_targets(s, v, &found.literal);
                        }
                        m
                    }
                    None => self.default_targets(s, v, &found.literal),
                };
                (src, tgt)
            };
            if s.words.tag(vg.head) == Tag::VBN && vg.start == vg.head && vg.subject.is_none() {
                notes.add(|| format!("`{vtext}`: a passive participle with no agent"));
                continue;
            }
            if sources.is_empty() {
                notes.add(|| {
                    format!(
                    "`{vtext}`: pattern {} `{}` matched ({code}) but the subject is no known actor",
                    found.origin, found.pattern
                )
                });
                continue;
            }
            let as_saying = vg.start > 0 && s.words.norm(vg.start - 1) == "as";
            if is_say
                && targets.is_empty()
                && (s.attribution_vg[v] || as_saying || self.has_complement(s, v))
            {
                notes.add(|| {
                    format!(
                    "`{vtext}`: a verb of saying with no addressee: coded as a quote, not an event"
                )
                });
                continue;
            }
            let (modality, chain, why) = self.modality(s, v);
            if !why.is_empty() {
                notes.add(|| format!("`{vtext}`: {} ({why})", modality.as_str()));
            }
            let attribution = self.attribution_list(s, &chain);
            let ahead = self.ahead(s, v, modality);
            // a date in a clause this verb governs is that clause's ("plans to attack on
            // Saturday": the attack's date, not the plan's)
            let own_end = ((v + 1)..s.syn.vgs.len())
                .find(|&u| s.syn.vgs[u].governor == Some(v) && s.syn.vgs[u].start < vg.limit)
                .map_or(vg.limit, |u| s.syn.vgs[u].start);
            let date = self.date_of(s, vg.clause_start, own_end, doc_date, ahead);
            let span = word_bytes(s, vg.start, found.end.max(vg.end));
            if self.petrarch_targets && targets.is_empty() && !vg.passive {
                // PETRARCH codes no event whose target is a name it does not know
                // ("restore ties with Gxndor")
                let end = scope.get(self, s);
                let unknown = (vg.end..end).find(|&i| {
                    s.syn.np_of[i].is_some_and(|k| {
                        let np = &s.syn.nps[k];
                        np.head == i
                            && matches!(s.words.tag(i), Tag::NNP | Tag::NNPS)
                            && s.mention[k].is_none()
                            && s.modifier[k].is_none()
                            && !s.date_word[i]
                    })
                });
                if let Some(i) = unknown {
                    notes.add(|| {
                        format!(
                            "`{vtext}`: its target `{}` is no known actor (PETRARCH codes nothing)",
                            s.words.norm(i)
                        )
                    });
                    continue;
                }
            }
            // "Gondor and Osgiliath have delayed their meeting": with no other target, each
            // of coordinated subjects acts on the others.
            // (a reciprocal verb whose subject comes through a purpose clause, "expanding
            // inventories to meet demand", is no meeting of its subjects)
            let reciprocal = self.cues.is(lemma, CueKind::Mutual)
                && (vg.subject.is_some()
                    || vg.governor.is_some_and(|g| {
                        let gl = s.words.lemma(s.syn.vgs[g].head);
                        self.cues.is(gl, CueKind::Intend) || self.cues.is(gl, CueKind::Mutual)
                    }));
            let mutual = (self.petrarch_targets || found.mutual || reciprocal)
                && targets.is_empty()
                && !vg.passive
                && sources.iter().all(|(_, m)| !m.bare)
                && sources
                    .iter()
                    .any(|(_, a)| sources.iter().any(|(_, b)| a.code != b.code));
            let targets = if mutual { sources.clone() } else { targets };
            for (sk, sm) in &sources {
                if targets.is_empty() {
                    self.emit(
                        s,
                        doc_id,
                        (*sk, sm),
                        None,
                        &found,
                        &code,
                        span,
                        modality,
                        attribution.clone(),
                        date.clone(),
                        out,
                        &mut notes,
                    );
                }
                for (tk, tm) in &targets {
                    if mutual && tm.code == sm.code {
                        continue;
                    }
                    self.emit(
                        s,
                        doc_id,
                        (*sk, sm),
                        Some((*tk, tm)),
                        &found,
                        &code,
                        span,
                        modality,
                        attribution.clone(),
                        date.clone(),
                        out,
                        &mut notes,
                    );
                }
            }
        }
        self.noun_events(s, doc_id, doc_date, &consumed, out, &mut notes);
        if let Some(t) = trace {
            t.notes.extend(notes.lines);
        }
    }

    /// Where PETRARCH's reading of a verb phrase that goes on at `after` ends: the whole verb
    /// phrase, complement clauses included ("allowed that Mordor isn't ..."), up to a
    /// subordinate clause of time or cause, or an attribution ("..., an official said").
    fn petrarch_scope(&self, s: &Sent, after: usize) -> usize {
        (after..s.words.len())
            .find(|&j| {
                // a subordinate clause or phrase of time or cause ends it
                let subordinator = crate::syntax::is_subordinator(s.words.norm(j));
                subordinator
                    || s.syn.vg_of[j].is_some_and(|u| {
                        let c = s.syn.vgs[u].clause_start;
                        // an adverbial clause ("after a hafling was reported") ends it
                        let adverbial = s.syn.vgs[u].finite
                            && c > 0
                            && matches!(s.words.tag(c - 1), Tag::IN | Tag::WRB)
                            && s.words.norm(c - 1) != "that";
                        adverbial
                            || s.attribution_vg[u]
                            || (s.syn.vgs[u].link == Link::Main
                                && s.syn.vgs[u].subject.is_some()
                                && self.cues.is(s.words.lemma(s.syn.vgs[u].head), CueKind::Say))
                    })
            })
            .map_or(s.words.len(), |j| match s.syn.vg_of[j] {
                Some(u) => s.syn.vgs[u].clause_start.clamp(after, j),
                None => j,
            })
    }

    /// How far a pattern's `...` reaches from `after`: PETRARCH's verb-phrase scope, but not
    /// past a later verb with patterns of its own, which codes what follows it ("said Russia
    /// has sent proposals" is no `say ... proposal`; "allowed that Mordor isn't a pleasant
    /// place" is `allow ... pleasant`).
    fn any_scope(&self, s: &Sent, after: usize) -> usize {
        let end = self.petrarch_scope(s, after);
        (after..end)
            .find(|&j| {
                s.syn.vg_of[j].is_some_and(|u| {
                    let lemma = s.words.lemma(s.syn.vgs[u].head);
                    s.syn.vgs[u].start == j && !is_be(lemma) && self.kb.verb(lemma).is_some()
                })
            })
            .unwrap_or(end)
    }

    /// The first place named in a locative phrase ("in Minsk", "at the Kremlin").
    fn location(&self, s: &Sent, from: usize, limit: usize) -> Option<usize> {
        (from..limit).find_map(|i| {
            if !matches!(s.words.norm(i), "in" | "at" | "near" | "outside" | "inside") {
                return None;
            }
            let k = s.syn.np_at(&s.words, i + 1)?;
            let m = s.mention[k].as_ref()?;
            matches!(m.kind, Some(ActorKind::Place) | Some(ActorKind::Country)).then_some(k)
        })
    }

    fn has_complement(&self, s: &Sent, v: usize) -> bool {
        s.syn
            .vgs
            .iter()
            .any(|x| x.governor == Some(v) && x.link == Link::Complement)
            || s.syn
                .quotes
                .iter()
                .any(|&(a, _, _)| a >= s.syn.vgs[v].end && a <= s.syn.vgs[v].end + 3)
    }

    fn default_targets(&self, s: &Sent, v: usize, literal: &[usize]) -> Vec<(usize, Mention)> {
        let vg = &s.syn.vgs[v];
        let limit = vg.limit.min(s.words.len());
        let consumed = |k: usize| {
            let np = &s.syn.nps[k];
            literal.iter().any(|&i| i >= np.start && i < np.end)
        };
        let mut after = vg.end;
        if let Some(o) = vg.object {
            let obj_np = &s.syn.nps[o];
            // the subject of a complement clause is no object: "said Putin informed"
            let complement_subject =
                s.syn.vgs.iter().any(|x| {
                    x.subject == Some(obj_np.group[0]) && x.start >= obj_np.end && x.finite
                });
            if complement_subject {
                // PETRARCH takes it as the target ("believe Dagolath can cope")
                if self.petrarch_targets {
                    let m = self.group_mentions(s, o, false);
                    if !m.is_empty() {
                        return m;
                    }
                }
                return Vec::new();
            }
            // "withdrew its troops": the subject's own forces are no target
            let own = matches!(s.words.norm(obj_np.start), "its" | "his" | "her" | "their")
                && obj_np.poss.is_none();
            let bare = s.mention[o].as_ref().is_some_and(|m| m.bare);
            if !(own || consumed(o) && bare) {
                let m = self.group_mentions(s, o, true);
                if !m.is_empty() {
                    return m;
                }
                if let Some(md) = &s.modifier[o] {
                    return vec![(o, md.clone())];
                }
            }
            after = obj_np.end;
            // "demanding guarantees (that) the alliance won't expand": the subject of the
            // clause that completes the object noun is what the demand is about.
            let mut j = after;
            while j < s.words.len()
                && (matches!(s.words.tag(j), Tag::OPEN_QUOTE | Tag::CLOSE_QUOTE)
                    || s.words.norm(j) == "that")
            {
                j += 1;
            }
            if let Some(k) = s.syn.np_at(&s.words, j) {
                let g0 = s.syn.nps[k].group[0];
                let end = s.syn.nps[k].end;
                if s.syn
                    .vgs
                    .iter()
                    .any(|x| x.subject == Some(g0) && x.start >= end)
                {
                    let m = self.group_mentions(s, k, false);
                    if !m.is_empty() {
                        return m;
                    }
                }
            }
        }
        // "agreed to keep Xi informed": the object of an infinitive complement
        if vg.object.is_none() {
            if let Some(u) = s
                .syn
                .vgs
                .iter()
                .position(|x| x.governor == Some(v) && x.link == Link::Nonfinite && x.inf)
            {
                if let Some(o) = s.syn.vgs[u].object {
                    let own = matches!(
                        s.words.norm(s.syn.nps[o].start),
                        "its" | "his" | "her" | "their"
                    );
                    let m = self.group_mentions(s, o, false);
                    if !own && !m.is_empty() && !m.iter().any(|(_, x)| x.bare) {
                        return m;
                    }
                }
            }
        }
        // first actor in a prepositional phrase after the verb (not a location: "in Minsk")
        let mut i = after;
        while i < limit {
            if let Some(k) = s.syn.np_of[i] {
                let k = s.syn.nps[k].owner.unwrap_or(k);
                // "with Gondor's government": the preposition stands before the possessor
                let mut first = k;
                while let Some(p) = s.syn.nps[first].poss {
                    if p >= first {
                        break;
                    }
                    first = p;
                }
                let st = s.syn.nps[first].start;
                let prep = if st > 0 { s.words.norm(st - 1) } else { "" };
                let is_prep = st > 0 && matches!(s.words.tag(st - 1), Tag::IN | Tag::TO);
                let locative = matches!(
                    prep,
                    "in" | "at" | "inside" | "throughout" | "across" | "within" | "during"
                );
                if is_prep && !locative {
                    let bare = s.mention[k].as_ref().is_some_and(|m| m.bare);
                    if !(consumed(k) && bare) {
                        // PETRARCH takes the possessor of an unknown noun: "ties with
                        // Gondor's polices"
                        let m = self.group_mentions(s, k, self.petrarch_targets);
                        if !m.is_empty() {
                            return m;
                        }
                    }
                    // "near the Ukrainian border": the country of a place
                    let head = s.words.lemma(s.syn.nps[k].head);
                    if self.cues.is(head, CueKind::Place) {
                        if let Some(md) = &s.modifier[k] {
                            return vec![(k, md.clone())];
                        }
                    }
                }
                i = s.syn.nps[k].end.max(i + 1);
            } else {
                i += 1;
            }
        }
        // Otherwise the first named actor among the complements, locative or modifying
        // ("shells at Seoul", "asylum in Gondor", "an anti- Gondor parade").
        // PETRARCH reads the whole verb phrase, clauses included ("expressed hopes that
        // Osgiliath could be drawn", "believe Dagolath can cope"), up to an attribution.
        let mut i = if self.petrarch_targets { after } else { limit };
        let limit = if self.petrarch_targets {
            self.petrarch_scope(s, after)
        } else {
            limit
        };
        while i < limit {
            if let Some(k) = s.syn.np_of[i] {
                let k = s.syn.nps[k].owner.unwrap_or(k);
                if s.syn.nps[k].pronoun {
                    i = s.syn.nps[k].end.max(i + 1);
                    continue;
                }
                let named = s.mention[k]
                    .as_ref()
                    .filter(|m| !m.bare && !s.syn.nps[k].pronoun)
                    .or(s.modifier[k].as_ref());
                if let Some(m) = named {
                    if !consumed(k) {
                        return vec![(k, m.clone())];
                    }
                }
                i = s.syn.nps[k].end.max(i + 1);
            } else {
                i += 1;
            }
        }
        Vec::new()
    }

    fn noun_events(
        &self,
        s: &Sent,
        doc_id: &str,
        doc_date: Option<NaiveDate>,
        consumed: &[(usize, usize)],
        out: &mut Vec<Record>,
        notes: &mut Notes,
    ) {
        for k in 0..s.syn.nps.len() {
            let np = &s.syn.nps[k];
            if np.pronoun || np.owner.is_some() {
                continue;
            }
            let lemma = s.words.lemma(np.head);
            let Some(entry) = self.kb.noun(lemma) else {
                continue;
            };
            if consumed.iter().any(|&(a, b)| np.head > a && np.head < b) {
                continue;
            }
            // source: the possessor, or a country/organisation named in the NP
            let src = np
                .poss
                .and_then(|p| s.mention[p].clone().map(|m| (p, m)))
                .or_else(|| s.modifier[k].clone().map(|m| (k, m)));
            let Some((sk, sm)) = src else { continue };
            let limit = (np.end..s.words.len())
                .find(|&i| matches!(s.words.norm(i), "," | ";" | ":") || s.syn.vg_of[i].is_some())
                .unwrap_or(s.words.len());
            let Some(found) = self.best_pattern(
                s,
                entry,
                &At {
                    head: np.head,
                    limit,
                    scope: &Scope::fixed(limit),
                    passive: false,
                    mutual: false,
                },
            ) else {
                notes.add(|| format!("noun `{lemma}`: no pattern matches here"));
                continue;
            };
            let Some(code) = found.code.clone() else {
                continue;
            };
            let targets = match found.target {
                Some(t) => self.group_mentions(s, t, true),
                None => {
                    let mut t = Vec::new();
                    let mut i = np.end;
                    while i < limit {
                        if let Some(x) = s.syn.np_of[i] {
                            let x = s.syn.nps[x].owner.unwrap_or(x);
                            let m = self.group_mentions(s, x, false);
                            if !m.is_empty() {
                                t = m;
                                break;
                            }
                            i = s.syn.nps[x].end.max(i + 1);
                        } else {
                            i += 1;
                        }
                    }
                    t
                }
            };
            // modality: from the verb it depends on
            let gov = s
                .syn
                .vgs
                .iter()
                .position(|v| v.object == Some(k) || v.subject == Some(k));
            let (mut modality, chain) = match gov {
                Some(v) => {
                    let (m, c, _) = self.modality(s, v);
                    let gl = s.words.lemma(s.syn.vgs[v].head);
                    let m = if s.syn.vgs[v].object == Some(k) && self.cues.is(gl, CueKind::Deny) {
                        Modality::Denied
                    } else if s.syn.vgs[v].object == Some(k)
                        && (self.cues.is(gl, CueKind::Intend) || self.cues.is(gl, CueKind::Fear))
                    {
                        Modality::Hypothetical
                    } else {
                        m
                    };
                    (m, c)
                }
                None => (Modality::Asserted, Vec::new()),
            };
            let pre = np.start;
            if pre >= 2
                && s.words.norm(pre - 1) == "of"
                && self.cues.is(s.words.lemma(pre - 2), CueKind::Fear)
            {
                modality = Modality::Hypothetical;
            }
            let attribution = self.attribution_list(s, &chain);
            let ahead = still_to_come(modality);
            let date = self.date_of(s, np.start, limit, doc_date, ahead);
            let span = word_bytes(s, np.start, found.end.max(np.end));
            let found2 = Found {
                location: None,
                literal: found.literal.clone(),
                code: found.code.clone(),
                pattern: found.pattern.clone(),
                origin: found.origin.clone(),
                target: found.target,
                end: found.end,
                mutual: found.mutual,
            };
            if targets.is_empty() {
                self.emit(
                    s,
                    doc_id,
                    (sk, &sm),
                    None,
                    &found2,
                    &code,
                    span,
                    modality,
                    attribution.clone(),
                    date.clone(),
                    out,
                    notes,
                );
            }
            for (tk, tm) in &targets {
                self.emit(
                    s,
                    doc_id,
                    (sk, &sm),
                    Some((*tk, tm)),
                    &found2,
                    &code,
                    span,
                    modality,
                    attribution.clone(),
                    date.clone(),
                    out,
                    notes,
                );
            }
        }
    }

    // ----- quotes -------------------------------------------------------------------------------

    fn quotes(
        &self,
        s: &Sent,
        doc_id: &str,
        open: &mut Option<(usize, usize)>,
        out: &mut Vec<Record>,
    ) {
        let n = s.words.len();
        for (qi, &(a, b, closed)) in s.syn.quotes.iter().enumerate() {
            if a >= b {
                continue;
            }
            let (start_byte, start_sentence) = match (*open, a == 0) {
                (Some((ob, os)), true) => (ob, os),
                _ => (s.words.items[a].span.start, s.index),
            };
            if !closed {
                *open = Some((start_byte, start_sentence));
                continue;
            }
            *open = None;
            let end_byte = s.words.items[b - 1].span.end;
            let text = s
                .text
                .get(start_byte..end_byte)
                .unwrap_or("")
                .trim()
                .to_string();
            if text.split_whitespace().count() < 2 {
                continue;
            }
            let (speaker, via) = match s.quote_speaker[qi].clone() {
                Some((sp, via)) => (Some(sp), via),
                None => (self.fragment_speaker(s, a), Vec::new()),
            };
            let Some(sp) = speaker else { continue };
            let ev_start = start_byte.min(np_bytes(s, sp).0);
            let ev_end = s.words.items[n - 1].span.end.max(end_byte);
            out.push(Record::Quote(Quote {
                doc: doc_id.to_string(),
                sentence: start_sentence,
                text,
                direct: true,
                speaker: self.speaker_ref(s, sp),
                via: via.iter().map(|&k| self.np_attr(s, k)).collect(),
                evidence: Evidence {
                    text: s.text.get(ev_start..ev_end).unwrap_or("").to_string(),
                    start: ev_start,
                    end: ev_end,
                },
            }));
        }
        // indirect: "X said (that) ..."
        let mut done: Vec<usize> = Vec::new();
        for v in 0..s.syn.vgs.len() {
            let vg = &s.syn.vgs[v];
            if vg.link != Link::Complement {
                continue;
            }
            let Some(g) = vg.governor else { continue };
            let gv = &s.syn.vgs[g];
            let gl = s.words.lemma(gv.head);
            if !(self.cues.is(gl, CueKind::Say) || self.cues.is(gl, CueKind::Report))
                || done.contains(&g)
            {
                continue;
            }
            if s.syn.quote_of[vg.head].is_some() && s.syn.quote_of[gv.head].is_some() {
                continue;
            }
            done.push(g);
            let Some(sp) = gv
                .subject
                .or_else(|| gv.subject_from.and_then(|x| s.syn.vgs[x].subject))
            else {
                continue;
            };
            let mut from = vg.clause_start;
            if from > 0 && s.words.norm(from - 1) == "that" {
                // keep "that" out of the quote text
            }
            let mut end = n;
            if let Some((_, tsp, _)) = &s.trailing {
                let ts = s.syn.nps[*tsp].start;
                if ts > from {
                    end = ts;
                }
            }
            while end > from && matches!(s.words.tag(end - 1), Tag::PERIOD | Tag::COMMA) {
                end -= 1;
            }
            if end <= from {
                continue;
            }
            if from >= n {
                from = n - 1;
            }
            let (a, b) = word_bytes(s, from, end);
            let mut via = Vec::new();
            let (_, chain, _) = self.modality(s, g);
            via.extend(self.attribution_list(s, &chain));
            let (sa, _) = np_bytes(s, sp);
            out.push(Record::Quote(Quote {
                doc: doc_id.to_string(),
                sentence: s.index,
                text: s.text.get(a..b).unwrap_or("").to_string(),
                direct: false,
                speaker: self.speaker_ref(s, sp),
                via,
                evidence: Evidence {
                    text: s.text.get(sa.min(a)..b).unwrap_or("").to_string(),
                    start: sa.min(a),
                    end: b,
                },
            }));
        }
    }

    fn np_attr(&self, s: &Sent, k: usize) -> Attribution {
        let m = s.mention[k].as_ref();
        Attribution {
            text: np_text(s, k),
            code: m.map(|m| m.code.clone()),
            name: m.and_then(|m| if m.resolved { m.name.clone() } else { None }),
        }
    }

    fn speaker_ref(&self, s: &Sent, sp: usize) -> ActorRef {
        let (a, b) = np_bytes(s, sp);
        let m = s.mention[sp].as_ref();
        ActorRef {
            text: s.text.get(a..b).unwrap_or("").to_string(),
            code: m.map(|m| m.code.clone()).unwrap_or_default(),
            start: a,
            end: b,
            name: m.and_then(|m| m.name.clone()),
        }
    }

    /// The speaker of a quoted fragment: the speaker of the reported clause it is in, else the
    /// subject of the nearest verb before it.
    fn fragment_speaker(&self, s: &Sent, a: usize) -> Option<usize> {
        let before: Vec<usize> = (0..s.syn.vgs.len())
            .filter(|&v| s.syn.vgs[v].head < a)
            .collect();
        for &v in before.iter().rev() {
            let vg = &s.syn.vgs[v];
            if vg.link == Link::Complement {
                if let Some(g) = vg.governor {
                    let gv = &s.syn.vgs[g];
                    if self.cues.is(s.words.lemma(gv.head), CueKind::Say) {
                        if let Some(sp) = gv.subject {
                            return Some(sp);
                        }
                    }
                }
            }
        }
        for &v in before.iter().rev() {
            let mut cur = v;
            for _ in 0..8 {
                let vg = &s.syn.vgs[cur];
                if let Some(sub) = vg.subject {
                    if s.mention[sub].is_some() {
                        return Some(sub);
                    }
                    break;
                }
                match vg.subject_from {
                    Some(g) if g != cur => cur = g,
                    _ => break,
                }
            }
        }
        None
    }
}

/// A code made of a base actor's country (or organisation) and an agent's sector code.
/// Where and how a pattern is matched.
#[derive(Clone, Copy)]
struct At<'x> {
    /// The head word (verb or noun).
    head: usize,
    /// Literal words after the head are looked for before it.
    limit: usize,
    /// How far `...` reaches.
    scope: &'x Scope,
    /// The verb group is passive.
    passive: bool,
    /// The subject is coordinated (for `%`).
    mutual: bool,
}

/// Where a pattern's `...` may reach: fixed, or PETRARCH's verb-phrase scope after a word,
/// computed on first use (most patterns have no `...`).
struct Scope {
    after: usize,
    end: std::cell::OnceCell<usize>,
}

impl Scope {
    fn after(after: usize) -> Self {
        Scope {
            after,
            end: std::cell::OnceCell::new(),
        }
    }

    fn fixed(end: usize) -> Self {
        Scope {
            after: end,
            end: std::cell::OnceCell::from(end),
        }
    }

    fn get(&self, c: &Engine<'_>, s: &Sent<'_>) -> usize {
        *self.end.get_or_init(|| c.any_scope(s, self.after))
    }
}

/// Modalities of events that have not happened yet (future, possible, conditional).
fn still_to_come(m: Modality) -> bool {
    matches!(
        m,
        Modality::Future | Modality::Hypothetical | Modality::Conditional
    )
}

fn combine(base: &str, agent: &str) -> String {
    if base.starts_with("IGO") {
        let mut c = base.to_string();
        if !c.ends_with(agent) {
            c.push_str(agent);
        }
        return c;
    }
    let mut c = country_of(base);
    if c.len() < 3 {
        return agent.to_string();
    }
    c.push_str(agent);
    c
}

/// The first segment of a code ("RUS" of "RUSGOV"), or the whole code for organisations.
fn country_of(code: &str) -> String {
    if code.starts_with("IGO") {
        return code.to_string();
    }
    code.get(..3).unwrap_or(code).to_string()
}

fn is_be(lemma: &str) -> bool {
    matches!(lemma, "be" | "have" | "do")
}

fn word_bytes(s: &Sent, a: usize, b: usize) -> (usize, usize) {
    let n = s.words.len();
    if n == 0 {
        return (0, 0);
    }
    let a = a.min(n - 1);
    let b = b.clamp(a + 1, n);
    (s.words.items[a].span.start, s.words.items[b - 1].span.end)
}

fn span_text(s: &Sent, a: usize, b: usize) -> String {
    let (x, y) = word_bytes(s, a, b);
    s.text.get(x..y).unwrap_or("").to_string()
}

/// Bytes of an NP including its possessors ("Putin's aide").
fn np_bytes(s: &Sent, k: usize) -> (usize, usize) {
    let np = &s.syn.nps[k];
    let mut start = np.start;
    let mut p = np.poss;
    let mut guard = 0;
    while let Some(x) = p {
        start = s.syn.nps[x].start;
        p = s.syn.nps[x].poss;
        guard += 1;
        if guard > 4 {
            break;
        }
    }
    word_bytes(s, start, np.end)
}

fn np_text(s: &Sent, k: usize) -> String {
    let (a, b) = np_bytes(s, k);
    s.text.get(a..b).unwrap_or("").to_string()
}

fn fill_trace(s: &Sent, t: &mut SentenceTrace) {
    for (i, w) in s.words.items.iter().enumerate() {
        t.words.push((
            w.span.slice(s.text).to_string(),
            w.tag.name(),
            s.words.lemma(i).to_string(),
        ));
    }
    for (k, np) in s.syn.nps.iter().enumerate() {
        t.nps
            .push((span_text(s, np.start, np.end), s.mention[k].clone()));
    }
    for vg in &s.syn.vgs {
        let mut d = format!(
            "`{}` lemma `{}`",
            span_text(s, vg.start, vg.end),
            s.words.lemma(vg.head)
        );
        if let Some(sub) = vg.subject {
            d.push_str(&format!(", subject `{}`", np_text(s, sub)));
        } else if vg.subject_from.is_some() {
            d.push_str(", subject inherited");
        }
        if let Some(o) = vg.object {
            d.push_str(&format!(", object `{}`", np_text(s, o)));
        }
        d.push_str(&format!(", {:?}", vg.link));
        if vg.passive {
            d.push_str(", passive");
        }
        if vg.neg {
            d.push_str(", negated");
        }
        if vg.conditional {
            d.push_str(", conditional");
        }
        if let Some(m) = vg.modal {
            d.push_str(&format!(", modal `{}`", s.words.norm(m)));
        }
        t.vgs.push(d);
    }
    let _ = (&s.date_word, &s.consumed);
}
