//! petrel-events: the records petrel outputs, and the writers that print them.
//!
//! The coder produces [`Record`]s; the store, the server and the CLI consume them. Writers take
//! records the way ripgrep's printer takes matches: they know nothing of how records were made.
//!
//! Architecture invariant: every `start`/`end` in a record is a byte offset into the
//! document's text (`petrel_core::Document::text`).

use serde::{Deserialize, Serialize};
use std::io::Write;

mod write;
pub use write::{event_row, OutputFormat, RecordWriter, WriteError, EVENT_COLUMNS};

/// An actor mention as coded: the text, its CAMEO actor code, and where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// The mention as written ("Putin's aide", "he", "Russia").
    pub text: String,
    /// CAMEO actor code ("RUSGOV", "IGOWSTNAT"). Empty when the mention is not resolved.
    pub code: String,
    /// Byte offset of the mention in the document text.
    pub start: usize,
    /// One past the last byte of the mention.
    pub end: usize,
    /// The actor the mention refers to, when it was resolved from a description or pronoun
    /// ("Yury Ushakov" for "Putin's aide"), or the canonical name of a named entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A span of text that supports a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The text of the span.
    pub text: String,
    /// Byte offset in the document text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One link of an attribution chain: who said or reported it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// The speaker or outlet as written ("Interfax", "Ushakov").
    pub text: String,
    /// Its actor code, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The actor's name, when resolved from a description or pronoun.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// PLOVER event type and mode of a CAMEO code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plover {
    /// PLOVER event type ("THREATEN").
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode ("restrict"), empty when none.
    #[serde(default)]
    pub mode: String,
}

/// How an event was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as having happened or happening.
    Asserted,
    /// Stated as not having happened ("did not attack").
    Negated,
    /// The subject denies it ("denies planning an invasion": the invasion is `Denied`).
    Denied,
    /// Feared, possible, speculated ("fears of Russia invading", "could attack").
    Hypothetical,
    /// Under a condition ("should the troops launch an attack", "if ...").
    Conditional,
    /// Announced for the future ("will meet").
    Future,
    /// Told by someone else (reported speech); see the event's attribution.
    Reported,
}

impl Modality {
    /// All modalities, in declaration order.
    pub const ALL: [Modality; 7] = [
        Modality::Asserted,
        Modality::Negated,
        Modality::Denied,
        Modality::Hypothetical,
        Modality::Conditional,
        Modality::Future,
        Modality::Reported,
    ];

    /// True for events a reader counts as having happened or been said: asserted or reported.
    pub fn is_factual(self) -> bool {
        matches!(self, Modality::Asserted | Modality::Reported)
    }

    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Denied => "denied",
            Modality::Hypothetical => "hypothetical",
            Modality::Conditional => "conditional",
            Modality::Future => "future",
            Modality::Reported => "reported",
        }
    }
}

/// A coded event: who did what to whom, how it was said, according to whom, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Document id.
    pub doc: String,
    /// Index of the sentence in the document (0 is the headline when there is one).
    pub sentence: usize,
    /// Event date, YYYY-MM-DD: from the clause's date expression, else the publication date.
    /// Empty when neither is known.
    pub date: String,
    /// Who acted.
    pub source: ActorRef,
    /// Whom it was done to, if anyone.
    pub target: Option<ActorRef>,
    /// CAMEO event code ("1312").
    pub cameo: String,
    /// CAMEO name of the code.
    pub cameo_name: String,
    /// Goldstein score of the code.
    pub goldstein: f64,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// PLOVER type and mode.
    pub plover: Plover,
    /// How the event was said.
    pub modality: Modality,
    /// Who said it, innermost speaker first ("Ushakov", then "Interfax").
    pub attribution: Vec<Attribution>,
    /// The text span that supports the event.
    pub evidence: Evidence,
    /// The dictionary rule that fired (file:line and pattern), so a person can fix it.
    pub rule: String,
    /// Where it happened, when the clause names a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<ActorRef>,
}

/// A direct or indirect quote with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Document id.
    pub doc: String,
    /// Index of the sentence where the quote starts.
    pub sentence: usize,
    /// The quoted words (without the quotation marks for direct quotes).
    pub text: String,
    /// True for a direct quote (in quotation marks), false for reported speech.
    pub direct: bool,
    /// Who said it.
    pub speaker: ActorRef,
    /// Who reported the speaker, innermost first ("Interfax").
    pub via: Vec<Attribution>,
    /// The span of the whole quotation and its attribution.
    pub evidence: Evidence,
}

/// One line of output.
///
/// Events are larger than quotes; records are produced and consumed in batches, so the
/// variants are kept inline rather than boxed.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Record {
    /// An event.
    Event(Event),
    /// A quote.
    Quote(Quote),
}

impl Record {
    /// The document the record belongs to.
    pub fn doc(&self) -> &str {
        match self {
            Record::Event(e) => &e.doc,
            Record::Quote(q) => &q.doc,
        }
    }
}

/// Writes records as JSON Lines to `out` (convenience over [`RecordWriter`]).
pub fn write_jsonl<W: Write>(out: W, records: &[Record]) -> Result<(), WriteError> {
    let mut w = RecordWriter::new(out, OutputFormat::Jsonl);
    for r in records {
        w.write(r)?;
    }
    w.finish()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample_event() -> Event {
        Event {
            doc: "d1".into(),
            sentence: 3,
            date: "2021-12-15".into(),
            source: ActorRef {
                text: "Putin".into(),
                code: "RUSGOV".into(),
                start: 10,
                end: 15,
                name: Some("Vladimir Putin".into()),
            },
            target: Some(ActorRef {
                text: "his Finnish counterpart".into(),
                code: "FINGOV".into(),
                start: 36,
                end: 59,
                name: None,
            }),
            cameo: "040".into(),
            cameo_name: "Consult, not specified below".into(),
            goldstein: 1.0,
            quad_class: 1,
            plover: Plover {
                kind: "CONSULT".into(),
                mode: String::new(),
            },
            modality: Modality::Asserted,
            attribution: vec![Attribution {
                text: "Interfax".into(),
                code: Some("RUSMED".into()),
                name: None,
            }],
            evidence: Evidence {
                text: "Putin previously informed his Finnish counterpart".into(),
                start: 10,
                end: 59,
            },
            rule: "verbs/consult.txt:12 inform +".into(),
            location: None,
        }
    }

    #[test]
    fn event_json_shape() {
        let v = serde_json::to_value(Record::Event(sample_event())).unwrap();
        assert_eq!(v["type"], "event");
        assert_eq!(v["source"]["code"], "RUSGOV");
        assert_eq!(v["plover"]["type"], "CONSULT");
        assert_eq!(v["modality"], "asserted");
        assert_eq!(v["evidence"]["start"], 10);
        let back: Record = serde_json::from_value(v).unwrap();
        assert_eq!(back, Record::Event(sample_event()));
    }

    #[test]
    fn null_target_round_trips() {
        let mut e = sample_event();
        e.target = None;
        let s = serde_json::to_string(&Record::Event(e.clone())).unwrap();
        assert!(s.contains("\"target\":null"));
        assert_eq!(
            serde_json::from_str::<Record>(&s).unwrap(),
            Record::Event(e)
        );
    }
}
