//! Ingestion through the `petrel` binary: input flags, messages on stderr and exit codes
//! (0 ok, 1 some input failed, 2 usage error).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn petrel(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run petrel");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn examples_read_cleanly() {
    let o = petrel(&["code", "examples/"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("petrel: error"), "{}", stderr(&o));
}

#[test]
fn missing_file_fails_the_run_but_others_are_read() {
    let o = petrel(
        &["code", "no/such/file.txt", "examples/moscow-proposals.txt"],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("petrel: error: no/such/file.txt: no such file or directory"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_date_is_a_usage_error() {
    for date in ["2021-13-01", "15/12/2021", "Wednesday"] {
        let o = petrel(&["code", "--date", date, "examples/"], b"");
        assert_eq!(o.status.code(), Some(2), "--date {date}: {}", stderr(&o));
    }
    let o = petrel(&["code", "--input-format", "pdf", "examples/"], b"");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn zero_threads_is_a_usage_error() {
    let o = petrel(&["code", "--threads", "0", "examples/"], b"");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--threads"), "{}", stderr(&o));
}

#[test]
fn stats_count_the_sentences_the_coder_reads() {
    // The headline is one sentence whatever punctuation it holds.
    let line =
        b"{\"title\":\"Talks end. Diplomats leave\",\"text\":\"Diplomats met on Monday.\"}\n";
    let o = petrel(&["code", "--stats", "--input-format", "jsonl", "-"], line);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 documents, 2 sentences"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn empty_file_is_a_warning_and_quiet_silences_it() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let e = empty.to_str().unwrap();
    let o = petrel(&["code", e], b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains(&format!("petrel: warning: {e}: empty file")),
        "{}",
        stderr(&o)
    );
    let o = petrel(&["code", "--quiet", e], b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
}

#[test]
fn malformed_json_line_names_file_and_line_and_strict_stops() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.jsonl");
    std::fs::write(
        &p,
        "{\"id\":\"a\",\"text\":\"Diplomats met.\"}\n{\"id\":\"b\",\n{\"id\":\"c\",\"text\":\"x\",\"date\":\"soon\"}\n",
    )
    .unwrap();
    let s = p.to_str().unwrap();
    let o = petrel(&["code", s], b"");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("petrel: error: {s}:2: malformed JSON")),
        "{err}"
    );
    assert!(
        err.contains(&format!("petrel: error: {s}:3: field `date`")),
        "{err}"
    );
    let o = petrel(&["code", "--strict", s], b"");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(":2: malformed JSON"), "{err}");
    assert!(!err.contains(":3:"), "--strict went on: {err}");
}

#[test]
fn stdin_with_invalid_utf8_and_lossy() {
    let o = petrel(&["code", "-"], b"Talks resumed in Gen\xe8ve on Monday.\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("petrel: error: <stdin>: invalid UTF-8 at byte offset 20"),
        "{}",
        stderr(&o)
    );
    let o = petrel(
        &["code", "--lossy", "-"],
        b"Talks resumed in Gen\xe8ve on Monday.\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("petrel: warning: <stdin>: replaced 1 invalid UTF-8 sequence"));
}

#[test]
fn stdin_formats() {
    let html = std::fs::read("../../examples/kyiv-talks.html")
        .or_else(|_| {
            std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/kyiv-talks.html"),
            )
        })
        .unwrap();
    let o = petrel(&["code", "--input-format", "html", "-"], &html);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = petrel(
        &["code", "--input-format", "jsonl"],
        b"{\"id\":\"x\",\"text\":\"Diplomats met.\"}\nnot json\n",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("petrel: error: <stdin>:2: malformed JSON"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_closed_output_pipe_ends_quietly() {
    // About 1 MB of output: far more than a pipe holds, so petrel is still writing when the
    // reader goes away.
    let story = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/moscow-proposals.txt"),
    )
    .unwrap();
    let mut lines = String::new();
    for i in 0..300 {
        lines.push_str(&serde_json::json!({"id": format!("d{i}"), "text": story}).to_string());
        lines.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    std::fs::write(&input, lines).unwrap();
    for format in ["jsonl", "csv"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_petrel"))
            .args(["code", "--format", format, input.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 100];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(!stderr(&o).contains("error"), "{format}: {}", stderr(&o));
    }
}
