//! Property test: coding arbitrary text never panics and every span stays inside the text.

use petrel_coder::Coder;
use petrel_core::Document;
use petrel_dict::KnowledgeBase;
use petrel_events::Record;
use proptest::prelude::*;
use std::sync::OnceLock;

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::builtin().expect("built-in knowledge base loads"))
}

fn coder() -> &'static Coder<'static> {
    static C: OnceLock<Coder<'static>> = OnceLock::new();
    C.get_or_init(|| Coder::new(kb()))
}

fn check(text: String) {
    let coder = coder();
    let mut doc = Document::from_text("p", text);
    doc.date = chrono::NaiveDate::from_ymd_opt(2021, 12, 15);
    for r in coder.code(&doc) {
        let ev = match &r {
            Record::Event(e) => &e.evidence,
            Record::Quote(q) => &q.evidence,
        };
        assert!(ev.start <= ev.end && ev.end <= doc.text.len());
        assert_eq!(doc.text.get(ev.start..ev.end), Some(ev.text.as_str()));
    }
}

const WORDS: &[&str] = &[
    "Russia",
    "NATO",
    "Putin",
    "said",
    "that",
    "he",
    "it",
    "will",
    "not",
    "attack",
    "attacked",
    "Ukraine",
    "'s",
    "the",
    "alliance",
    "\"",
    "“",
    "”",
    ",",
    ".",
    "if",
    "should",
    "troops",
    "denies",
    "planning",
    "an",
    "invasion",
    "of",
    "fears",
    "who",
    "warned",
    "sanctions",
    "and",
    "was",
    "by",
    "quoted",
    "as",
    "saying",
    "[",
    "]",
    "…",
    "to",
    "Chinese",
    "president",
    "U.S.-led",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,200}") {
        check(s);
    }

    #[test]
    fn word_salad_never_panics(idx in proptest::collection::vec(0..WORDS.len(), 0..60)) {
        let text: Vec<&str> = idx.iter().map(|&i| WORDS[i]).collect();
        check(text.join(" "));
    }
}
