//! The loader never panics on bad input, and every error points at a line of its file.

use petrel_dict::{KbBuilder, KnowledgeBase};
use proptest::prelude::*;
use std::path::PathBuf;

const FRAGMENTS: &[&str] = &[
    "[person]",
    "[country]",
    "[bogus]",
    "[place",
    "Ivan Petrov",
    " | ",
    "|",
    " = ",
    "=",
    "RUSGOV",
    "RUS",
    "ZZZ",
    "RUSG",
    "    ",
    "\t",
    "2000-01-01",
    "..",
    "2001-02-30",
    "2001-01-01",
    "..x",
    "verb ",
    "noun ",
    "warn",
    "{",
    "}",
    "sent",
    "130",
    "999",
    "---",
    " + ",
    "+",
    "$",
    "@S",
    "@S = ",
    "a | b",
    "(",
    ")",
    "(a | b)",
    "of",
    "#",
    " # c",
    "é",
    "’",
    "\u{feff}",
    "Erdoğan",
    " ",
    "x",
];

fn file_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::collection::vec(prop::sample::select(FRAGMENTS), 0..8).prop_map(|v| v.concat()),
        0..12,
    )
    .prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn never_panics_and_errors_have_lines(actors in file_text(), agents in file_text(), verbs in file_text()) {
        let dir = tempfile::tempdir().unwrap();
        for (sub, text) in [("actors", &actors), ("agents", &agents), ("verbs", &verbs)] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
            std::fs::write(dir.path().join(sub).join("f.txt"), text).unwrap();
        }
        let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/dicts/base");
        let mut b = KbBuilder::new();
        KnowledgeBase::load_dir_into(&mut b, &base);
        KnowledgeBase::load_dir_into(&mut b, dir.path());
        if let Err(errors) = b.build() {
            for e in errors.errors() {
                let o = e.origin().expect("file errors have an origin");
                let text = std::fs::read_to_string(&o.file).unwrap();
                prop_assert!(o.line >= 1 && o.line <= text.lines().count().max(1), "{e}");
            }
        }
    }
}

#[test]
fn crlf_and_bom_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("actors")).unwrap();
    std::fs::write(
        dir.path().join("actors/a.txt"),
        "\u{feff}[person]\r\nIvan Petrov | Petrov = RUSELI\r\n    2000-01-01..2001-01-01 RUSGOV\r\n",
    )
    .unwrap();
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/dicts/base");
    let mut b = KbBuilder::new();
    KnowledgeBase::load_dir_into(&mut b, &base);
    KnowledgeBase::load_dir_into(&mut b, dir.path());
    let kb = b.build().unwrap_or_else(|e| panic!("{e}"));
    let d = chrono::NaiveDate::from_ymd_opt(2000, 6, 1);
    assert_eq!(kb.lookup("Petrov", d).unwrap().1, "RUSGOV");
}
