//! `petrel inspect` on small inputs of its own: datelines, errors and exit codes.

use serde_json::Value;
use std::process::Command;

fn petrel(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .arg("inspect")
        .args(args)
        .output()
        .expect("run petrel");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn dateline_date_is_used_without_date_flag() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("wire.txt");
    std::fs::write(
        &p,
        "Talks Open in Geneva\n\nGENEVA, 2022-01-10 (Reuters) - Russian and U.S. diplomats met on Monday. Gen. Mark Milley did not attend.\n",
    )
    .unwrap();
    let (code, stdout, stderr) = petrel(&[p.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let doc: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(doc["date"], "2022-01-10");
    assert_eq!(doc["date_source"], "dateline");
    let s = doc["sentences"].as_array().unwrap();
    assert_eq!(s.len(), 3, "{s:#?}");
    assert_eq!(s[0]["headline"], true);
    assert!(s[1]["text"]
        .as_str()
        .unwrap()
        .starts_with("GENEVA, 2022-01-10 (Reuters) - Russian"));
    assert_eq!(s[2]["text"], "Gen. Mark Milley did not attend.");
    let monday = s[1]["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["text"] == "Monday")
        .expect("Monday resolved");
    assert_eq!(monday["from"], "2022-01-10");
}

#[test]
fn bad_date_is_a_usage_error() {
    let (code, _, stderr) = petrel(&["x.txt", "--date", "2021-13-45"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn missing_file_fails_with_its_name() {
    let (code, _, stderr) = petrel(&["/nonexistent/petrel-inspect.txt"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("/nonexistent/petrel-inspect.txt"),
        "{stderr}"
    );
}

#[test]
fn empty_file_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.txt");
    std::fs::write(&p, "").unwrap();
    let (code, _, stderr) = petrel(&[p.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("warning"), "{stderr}");
}
