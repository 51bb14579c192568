//! `petrel code --dict-format petrarch`: coding raw text with PETRARCH2 dictionaries, with
//! their discard list applied (a sentence holding a discard phrase is not coded; a story
//! holding a `+` phrase is not coded at all). Uses petrel's own small PETRARCH-format files in
//! crates/petrarch/tests/data.

use std::path::{Path, PathBuf};
use std::process::Command;

fn data(f: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../petrarch/tests/data")
        .join(f)
}

fn code(text: &str, with_discards: bool) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("story.txt");
    std::fs::write(&input, text).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_petrel"));
    cmd.args(["code", "--date", "2020-01-02", "--dict-format", "petrarch"])
        .arg("--verbs")
        .arg(data("verbs.txt"))
        .arg("--actors")
        .arg(data("actors.txt"))
        .arg("--agents")
        .arg(data("agents.txt"));
    if with_discards {
        cmd.arg("--discards").arg(data("discards.txt"));
    }
    let out = cmd.arg(&input).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["type"] == "event")
        .collect()
}

#[test]
fn petrarch_dictionaries_code_raw_text() {
    let events = code("Freedonia sent an envoy to Sylvania on Monday.", false);
    assert!(!events.is_empty());
    assert_eq!(events[0]["source"]["code"], "FRD");
    assert_eq!(events[0]["target"]["code"], "SYL");
}

#[test]
fn discarded_sentences_and_stories_are_not_coded() {
    let text = "Freedonia sent an envoy to Sylvania on Monday. \
                Freedonia sent an envoy to Sylvania before the football match.";
    let all = code(text, false);
    assert!(all.iter().any(|e| e["sentence"] == 1), "{all:?}");
    let kept = code(text, true);
    assert!(!kept.is_empty());
    assert!(kept.iter().all(|e| e["sentence"] == 0), "{kept:?}");

    let story = "Freedonia sent an envoy to Sylvania on Monday. The horoscope says so.";
    assert!(!code(story, false).is_empty());
    assert!(
        code(story, true).is_empty(),
        "a `+` phrase discards the whole story"
    );
}

#[test]
fn petrarch_files_without_the_format_flag_are_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(["code", "--verbs"])
        .arg(data("verbs.txt"))
        .arg(data("discards.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--dict-format petrarch"));
}
