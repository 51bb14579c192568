//! The validation-record reader and scorer on a small file of petrel's own (tests/data/).

use petrel_petrarch::validate::{read_suite, run, RunOptions, Triple};
use petrel_petrarch::{load, LoadOptions};
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

#[test]
fn reads_records_and_environment() {
    let s = read_suite(&data("records.xml")).expect("reads");
    assert_eq!(s.files.verbs, Some(data("verbs.txt")));
    assert_eq!(s.files.actors, vec![data("actors.txt")]);
    assert_eq!(s.files.discards, Some(data("discards.txt")));
    // `<Stop>` ends the records.
    let ids: Vec<&str> = s.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, vec!["T-01", "T-02", "T-03", "T-04"]);
    let r = &s.records[0];
    assert_eq!(r.text, "Freedonia sent an envoy to Sylvania on Monday.");
    assert_eq!(r.date.unwrap().to_string(), "2020-01-02");
    assert!(r.expected.contains(&Triple {
        source: "SYL".into(),
        target: "FRD".into(),
        code: "043".into()
    }));
    assert_eq!(
        s.records[1].expected_error.as_deref(),
        Some("sentencediscard")
    );
    assert!(s.records[3].date.is_none());
    assert!(s.records[3].expected.is_empty());
}

#[test]
fn scores_records() {
    let s = read_suite(&data("records.xml")).expect("reads");
    let l = load(&s.files, LoadOptions::default()).expect("loads");
    let rep = run(&s, &l.kb, &l.discards, RunOptions::default());
    assert_eq!(rep.total, 4);
    let by_id = |id: &str| rep.records.iter().find(|r| r.id == id).unwrap();
    // A plain discard phrase discards the sentence, not the story.
    assert!(by_id("T-02").passed);
    assert!(!by_id("T-03").passed);
    assert!(by_id("T-02").got.is_empty());
    assert!(by_id("T-04").passed, "{:?}", by_id("T-04"));
    for r in &rep.records {
        if r.expected_error.is_none() {
            assert_eq!(r.passed, r.expected == r.got, "{}", r.id);
        }
    }
    let sum: usize = rep.categories.values().map(|c| c.passed).sum();
    assert_eq!(sum, rep.passed);
    assert_eq!(rep.categories["DISCARD"].total, 2);
}

#[test]
fn malformed_xml_names_the_file() {
    let dir = std::env::temp_dir().join(format!("petrel-petrarch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("broken.xml");
    std::fs::write(&p, "<Validation><Sentences><Sentence id='a'>").unwrap();
    let e = read_suite(&p).unwrap_err().to_string();
    assert!(e.contains("broken.xml"), "{e}");
    std::fs::write(
        &p,
        "<Validation><Sentences><Sentence id='a'></Sentence></Sentences></Validation>",
    )
    .unwrap();
    let e = read_suite(&p).unwrap_err().to_string();
    assert!(e.contains("no <Text>"), "{e}");
    std::fs::remove_dir_all(&dir).ok();
}
