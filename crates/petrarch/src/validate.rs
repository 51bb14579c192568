//! PETRARCH validation records: reading the XML and scoring petrel against it.
//!
//! The file is `<Validation>` with an `<Environment>` naming the dictionaries (relative to the
//! XML file: `<Verbfile>`, `<Actorfile>`, `<Agentfile>`, `<Discardfile>`, `<Issuefile>`) and
//! `<Sentences>` of `<Sentence date="YYYYMMDD" id=".." category="..">` records, each with
//! `<EventCoding sourcecode targetcode eventcode>` elements (or one `noevents="True"`) and a
//! `<Text>`; `<Parse>` is ignored (petrel does its own analysis). A `<Stop>` element ends
//! the records, as in PETRARCH.
//!
//! A record passes when the set of (source, target, code) petrel codes equals the expected
//! set. PETRARCH codes what is said to happen whatever its modality ("Bree will meet Eriador"
//! is coded 031), so every event counts, negated ones included unless
//! [`RunOptions::factual_only`]; an event without target has target `---`, an agent found
//! without an actor is `---` and its code (`---GOV`); an event whose
//! code is `A:B` counts as (source, target, A) and (target, source, B). A record whose text
//! holds a discard phrase expects nothing from petrel. A record whose coding is
//! `error="storydiscard"` (or `"sentencediscard"`) passes when a `+` (or plain) discard phrase
//! discards it; `error="bad_input_parse"` tests PETRARCH's reading of a broken parse tree and
//! `error="dateline"` its dateline handling: petrel reads no parse trees, so these count as
//! failed (`expected_error` in the report).

use crate::{PetrarchError, PetrarchFiles};
use chrono::NaiveDate;
use petrel_core::Document;
use petrel_dict::{KnowledgeBase, SegmentKind};
use petrel_events::Record;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

/// One coded event as PETRARCH's validation compares it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Triple {
    /// Source actor code.
    pub source: String,
    /// Target actor code (`---` when none).
    pub target: String,
    /// Event code.
    pub code: String,
}

/// One validation record.
#[derive(Debug, Clone, PartialEq)]
pub struct TestRecord {
    /// Its `id`.
    pub id: String,
    /// Its `category`.
    pub category: String,
    /// Its `date`, if readable.
    pub date: Option<NaiveDate>,
    /// The text to code.
    pub text: String,
    /// The expected events (empty for `noevents`).
    pub expected: BTreeSet<Triple>,
    /// `<EventCoding error="...">`: the record expects PETRARCH to discard it
    /// (`storydiscard`, `sentencediscard`) or to reject its input (`bad_input_parse`,
    /// `dateline`; petrel reads no parse trees, so those cannot pass).
    pub expected_error: Option<String>,
}

/// A validation file: the dictionaries its environment names and its records.
#[derive(Debug, Clone)]
pub struct Suite {
    /// The dictionaries, resolved against the file's folder.
    pub files: PetrarchFiles,
    /// The records, in file order.
    pub records: Vec<TestRecord>,
}

/// Reads a validation file.
pub fn read_suite(path: &Path) -> Result<Suite, PetrarchError> {
    let text = crate::lines::read_text(path)?;
    let name = path.display().to_string();
    let doc = roxmltree::Document::parse(&text).map_err(|e| PetrarchError::Xml {
        path: name.clone(),
        reason: e.to_string(),
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    let mut files = PetrarchFiles::default();
    let root = doc.root_element();
    if let Some(env) = root.children().find(|n| n.has_tag_name("Environment")) {
        for n in env.children().filter(|n| n.is_element()) {
            let v = n.text().unwrap_or("").trim();
            if v.is_empty() {
                continue;
            }
            let p = base.join(v);
            match n.tag_name().name() {
                "Verbfile" => files.verbs = Some(p),
                "Actorfile" => files
                    .actors
                    .extend(v.split(',').map(|s| base.join(s.trim()))),
                "Agentfile" => files.agents = Some(p),
                "Discardfile" => files.discards = Some(p),
                "Issuefile" => files.issues = Some(p),
                _ => {}
            }
        }
    }
    let mut records = Vec::new();
    let sentences = root
        .descendants()
        .filter(|n| n.has_tag_name("Sentence") || n.has_tag_name("Stop"));
    for s in sentences {
        if s.has_tag_name("Stop") {
            break;
        }
        let pos = doc.text_pos_at(s.range().start);
        let id = s
            .attribute("id")
            .ok_or_else(|| PetrarchError::Records {
                path: format!("{name}:{}", pos.row),
                reason: "<Sentence> without id".into(),
            })?
            .to_string();
        let category = s.attribute("category").unwrap_or("").to_string();
        let date = s
            .attribute("date")
            .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y%m%d").ok());
        let text = s
            .children()
            .find(|n| n.has_tag_name("Text"))
            .and_then(|n| n.text())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .ok_or_else(|| PetrarchError::Records {
                path: format!("{name}:{}", pos.row),
                reason: format!("record {id} has no <Text>"),
            })?;
        let mut expected = BTreeSet::new();
        let mut expected_error = None;
        for e in s.children().filter(|n| n.has_tag_name("EventCoding")) {
            if e.attribute("noevents").is_some() {
                continue;
            }
            if let Some(err) = e.attribute("error") {
                expected_error = Some(err.to_string());
                continue;
            }
            let a = |k: &str| e.attribute(k).unwrap_or("").trim().to_string();
            let mut target = a("targetcode");
            if target.is_empty() {
                target = "---".into();
            }
            expected.insert(Triple {
                source: a("sourcecode"),
                target,
                code: a("eventcode"),
            });
        }
        records.push(TestRecord {
            id,
            category,
            date,
            text,
            expected,
            expected_error,
        });
    }
    Ok(Suite { files, records })
}

/// How to run a suite.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunOptions {
    /// Count only asserted and reported events (petrel's default output), not negated,
    /// hypothetical or future ones.
    pub factual_only: bool,
}

/// Totals of one category.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    /// Records.
    pub total: usize,
    /// Records that passed.
    pub passed: usize,
}

/// The outcome of one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordResult {
    /// Record id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// True when `got` equals `expected`.
    pub passed: bool,
    /// Expected events.
    pub expected: Vec<Triple>,
    /// Events petrel coded.
    pub got: Vec<Triple>,
    /// The error PETRARCH is expected to report instead of events (`storydiscard`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_error: Option<String>,
}

/// The outcome of a suite.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Records.
    pub total: usize,
    /// Records that passed.
    pub passed: usize,
    /// Per category.
    pub categories: BTreeMap<String, CategoryCount>,
    /// Per record, in file order.
    pub records: Vec<RecordResult>,
}

/// Actor codes as PETRARCH writes them: an agent found without any actor ("a senior
/// official") has `---` before its code (`---GOV`). `actor_codes` holds every code an actor
/// of the knowledge base has; a code outside it that starts with a sector segment (`GOV`,
/// `LEG`, `MIL` ...) is such an agent.
pub struct CodeStyle<'a> {
    kb: &'a KnowledgeBase,
    actor_codes: HashSet<&'a str>,
}

impl<'a> CodeStyle<'a> {
    /// The style for `kb`.
    pub fn new(kb: &'a KnowledgeBase) -> Self {
        let mut actor_codes = HashSet::new();
        for a in kb.actors() {
            actor_codes.extend(a.default_code.as_deref());
            actor_codes.extend(a.roles.iter().map(|r| r.code.as_str()));
        }
        CodeStyle { kb, actor_codes }
    }

    /// `code` as PETRARCH writes it.
    pub fn petrarch(&self, code: &str) -> String {
        let agent_only = !self.actor_codes.contains(code)
            && code
                .get(..3)
                .and_then(|s| self.kb.segment(s))
                .is_some_and(|s| s.kind == SegmentKind::Sector)
            && !["IGO", "NGO", "IMG", "ISM", "NGM"].contains(&code.get(..3).unwrap_or(""));
        if agent_only {
            format!("---{code}")
        } else {
            code.to_string()
        }
    }
}

/// The (source, target, code) triples of coded records (events only; `A:B` codes expanded;
/// codes written as PETRARCH does, see [`CodeStyle`]).
pub fn triples(records: &[Record], style: &CodeStyle<'_>, opts: RunOptions) -> BTreeSet<Triple> {
    let mut out = BTreeSet::new();
    for r in records {
        let Record::Event(e) = r else { continue };
        if opts.factual_only && !e.modality.is_factual() {
            continue;
        }
        let src = style.petrarch(&e.source.code);
        let tgt = e
            .target
            .as_ref()
            .map(|t| style.petrarch(&t.code))
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| "---".into());
        let (fwd, rev) = crate::split_code(&e.cameo);
        if let Some(f) = fwd {
            out.insert(Triple {
                source: src.clone(),
                target: tgt.clone(),
                code: f.to_string(),
            });
        }
        if let Some(r) = rev {
            out.insert(Triple {
                source: tgt,
                target: src,
                code: r.to_string(),
            });
        }
    }
    out
}

/// Codes every record of `suite` with `kb` and compares.
pub fn run(
    suite: &Suite,
    kb: &KnowledgeBase,
    discards: &crate::Discards,
    opts: RunOptions,
) -> Report {
    // PETRARCH's records follow PETRARCH's target conventions (see Coder::with_petrarch_targets).
    let coder = petrel_coder::Coder::new(kb).with_petrarch_targets(true);
    let style = CodeStyle::new(kb);
    let mut rep = Report::default();
    for r in &suite.records {
        let discard = discards.find(&petrel_dict::words(&r.text));
        let got = if discard.is_some() {
            BTreeSet::new()
        } else {
            let mut doc = Document::from_text(r.id.clone(), r.text.clone());
            doc.date = r.date;
            triples(&coder.code(&doc), &style, opts)
        };
        let passed = match (r.expected_error.as_deref(), discard) {
            (None, _) => got == r.expected,
            (Some("storydiscard"), Some(d)) => d.whole_story,
            (Some("sentencediscard"), Some(d)) => !d.whole_story,
            _ => false,
        };
        rep.total += 1;
        let c = rep.categories.entry(r.category.clone()).or_default();
        c.total += 1;
        if passed {
            rep.passed += 1;
            c.passed += 1;
        }
        rep.records.push(RecordResult {
            id: r.id.clone(),
            category: r.category.clone(),
            passed,
            expected: r.expected.iter().cloned().collect(),
            got: got.into_iter().collect(),
            expected_error: r.expected_error.clone(),
        });
    }
    rep
}
