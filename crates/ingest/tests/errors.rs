//! Every error and warning case of ingestion, on files made in a temporary directory.

use petrel_ingest::{read_bytes, read_inputs, IngestError, InputFormat, Item, Options, Warning};
use std::path::PathBuf;

fn write(dir: &tempfile::TempDir, name: &str, data: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, data).unwrap();
    p
}

fn describe(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Item::Document(d) => format!("doc {}", d.id),
            Item::Warning(w) => format!("warning {w}"),
            Item::Error(e) => format!("error {e}"),
        })
        .collect()
}

#[test]
fn invalid_utf8_names_file_and_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "bad.txt", b"Headline\n\nCaf\xe9 talks.\n");
    let items: Vec<Item> = read_inputs(std::slice::from_ref(&p), &Options::default()).collect();
    let [Item::Error(e @ IngestError::InvalidUtf8 { offset, line, .. })] = &items[..] else {
        panic!("{items:?}")
    };
    assert_eq!(*offset, 13);
    assert_eq!(*line, None);
    assert_eq!(e.file(), p.display().to_string());
    assert!(e.to_string().contains("invalid UTF-8 at byte offset 13"));
}

#[test]
fn lossy_replaces_and_warns_and_keeps_the_map_right() {
    let dir = tempfile::tempdir().unwrap();
    let raw = b"Talks in Caf\xe9 Resume\n\nDiplomats met in the caf\xe9 on Monday.\n";
    let p = write(&dir, "bad.txt", raw);
    let opts = Options {
        lossy: true,
        ..Default::default()
    };
    let items: Vec<Item> = read_inputs(&[p], &opts).collect();
    let [Item::Warning(Warning::Replaced {
        count: 2,
        offset: 12,
        ..
    }), Item::Document(d)] = &items[..]
    else {
        panic!("{items:?}")
    };
    assert_eq!(d.title.as_deref(), Some("Talks in Caf\u{FFFD} Resume"));
    assert!(d.text.contains("the caf\u{FFFD} on Monday."));
    for m in &d.source_map {
        assert_eq!(
            d.text.as_bytes()[m.text_start..m.text_start + m.len],
            raw[m.input_start..m.input_start + m.len]
        );
    }
    let at = d.text.find("Diplomats").unwrap();
    assert_eq!(d.input_offset(at), Some(22));
}

#[test]
fn invalid_utf8_in_jsonl_names_line_and_file_offset() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "s.jsonl",
        b"{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":\"caf\xe9\"}\n{\"id\":\"c\",\"text\":\"ok\"}\n",
    );
    let items: Vec<Item> = read_inputs(&[p], &Options::default()).collect();
    let d = describe(&items);
    assert_eq!(d[0], "doc a");
    assert!(
        d[1].ends_with("s.jsonl:2: invalid UTF-8 at byte offset 44 (lossy decoding replaces it)"),
        "{}",
        d[1]
    );
    assert_eq!(d[2], "doc c");
}

#[test]
fn empty_files_warn_and_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(&dir, "empty.txt", b"");
    let b = write(&dir, "blank.html", b"  \n\n\t\n");
    let c = write(&dir, "none.jsonl", b"\n\n");
    let d = write(&dir, "furniture.txt", b"Read more\n\nShare this\n");
    let items: Vec<Item> = read_inputs(&[a, b, c, d], &Options::default()).collect();
    assert_eq!(items.len(), 4);
    assert!(matches!(items[0], Item::Warning(Warning::EmptyFile { .. })));
    assert!(matches!(items[1], Item::Warning(Warning::EmptyFile { .. })));
    assert!(matches!(items[2], Item::Warning(Warning::EmptyFile { .. })));
    assert!(matches!(items[3], Item::Warning(Warning::NoText { .. })));
    assert!(describe(&items)[0].ends_with("empty.txt: empty file, skipped"));
}

#[test]
fn malformed_json_line_is_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "s.jsonl",
        b"{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\n{\"id\":\"c\",\"text\":\"three\"}\n",
    );
    let mut it = read_inputs(std::slice::from_ref(&p), &Options::default());
    let items: Vec<Item> = it.by_ref().collect();
    assert!(it.failed());
    let d = describe(&items);
    assert_eq!(d.len(), 3);
    assert_eq!(d[0], "doc a");
    assert!(
        d[1].starts_with(&format!("error {}:2: malformed JSON: ", p.display())),
        "{}",
        d[1]
    );
    assert_eq!(d[2], "doc c");
}

#[test]
fn strict_stops_at_the_first_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "s.jsonl",
        b"{\"id\":\"a\",\"text\":\"one\"}\nnope\n{\"id\":\"c\",\"text\":\"three\"}\n",
    );
    let q = write(&dir, "t.txt", b"More text.\n");
    let opts = Options {
        strict: true,
        ..Default::default()
    };
    let items: Vec<Item> = read_inputs(&[p, q], &opts).collect();
    let d = describe(&items);
    assert_eq!(d.len(), 2, "{d:?}");
    assert_eq!(d[0], "doc a");
    assert!(d[1].contains("s.jsonl:2: malformed JSON"));
    // without strict, both files go on
    let items = read_bytes(b"nope\n{\"text\":\"x\"}\n", "w.jsonl", &Options::default());
    assert_eq!(items.len(), 2);
}

#[test]
fn missing_file_is_an_error_and_others_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let ok = write(&dir, "ok.txt", b"Diplomats met.\n");
    let mut it = read_inputs(&[missing.clone(), ok], &Options::default());
    let items: Vec<Item> = it.by_ref().collect();
    assert!(it.failed());
    let d = describe(&items);
    assert_eq!(
        d,
        [
            format!("error {}: no such file or directory", missing.display()),
            "doc ok".to_string()
        ]
    );
}

#[test]
fn bad_and_missing_fields_name_the_field() {
    let items = read_bytes(
        b"{\"id\":\"a\",\"text\":\"x\",\"date\":\"2021-13-45\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"x\",\"title\":7}\n{\"id\":[1],\"text\":\"x\"}\n",
        "w.jsonl",
        &Options::default(),
    );
    let d = describe(&items);
    assert_eq!(
        d,
        [
            "error w.jsonl:1: field `date`: \"2021-13-45\" is not a date (expected YYYY-MM-DD or RFC 3339)",
            "error w.jsonl:2: field `text` is missing",
            "error w.jsonl:3: field `title`: expected a string, found a number",
            "error w.jsonl:4: field `id`: expected a string or a number, found an array",
        ]
    );
    match &items[0] {
        Item::Error(e) => {
            assert_eq!(e.line(), Some(1));
            assert_eq!(e.file(), "w.jsonl");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn date_option_fills_in_but_metadata_wins() {
    let opts = Options {
        date: chrono::NaiveDate::from_ymd_opt(2021, 12, 15),
        ..Default::default()
    };
    let items = read_bytes(
        b"{\"id\":\"a\",\"text\":\"x\",\"date\":\"2020-01-02\"}\n{\"id\":\"b\",\"text\":\"x\",\"date\":null}\n",
        "w.jsonl",
        &opts,
    );
    let dates: Vec<_> = items
        .iter()
        .map(|i| match i {
            Item::Document(d) => d.date.unwrap().to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(dates, ["2020-01-02", "2021-12-15"]);
}

#[test]
fn directories_recurse_sorted_and_skip_hidden_and_unknown_files() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir, "b/2.txt", b"Two.\n");
    write(&dir, "b/1.html", b"<p>One.</p>");
    write(&dir, "a.txt", b"Zero.\n");
    write(&dir, ".hidden.txt", b"Hidden.\n");
    write(&dir, "notes.json", b"{\"x\": 1}");
    write(&dir, "c/s.ndjson", b"{\"id\":\"s1\",\"text\":\"x\"}\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("a.txt"), dir.path().join("d-link.txt")).unwrap();
    let items: Vec<Item> = read_inputs(&[dir.path().to_path_buf()], &Options::default()).collect();
    #[cfg(unix)]
    assert_eq!(
        describe(&items),
        ["doc a", "doc 1", "doc 2", "doc s1", "doc d-link"]
    );
    // with a forced format every non-hidden file is read
    let opts = Options {
        format: InputFormat::Text,
        ..Default::default()
    };
    let n = read_inputs(&[dir.path().to_path_buf()], &opts).count();
    assert_eq!(n, if cfg!(unix) { 6 } else { 5 });
}

#[test]
fn formats_are_sniffed_without_an_extension() {
    let dir = tempfile::tempdir().unwrap();
    let j = write(&dir, "stories", b"\n{\"id\":\"s1\",\"text\":\"x\"}\n");
    let h = write(
        &dir,
        "page",
        b"<!DOCTYPE html><html><body><p>Diplomats met in Geneva.</p></body></html>",
    );
    let t = write(&dir, "note", b"Diplomats met in Geneva.\n");
    let items: Vec<Item> = read_inputs(&[j, h, t], &Options::default()).collect();
    let d: Vec<_> = items
        .iter()
        .map(|i| match i {
            Item::Document(d) => (d.id.clone(), d.text.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(d[0].0, "s1");
    assert_eq!(d[1], ("page".into(), "Diplomats met in Geneva.".into()));
    assert_eq!(d[2], ("note".into(), "Diplomats met in Geneva.".into()));
    assert_eq!("jsonl".parse::<InputFormat>(), Ok(InputFormat::Jsonl));
    assert!("pdf".parse::<InputFormat>().is_err());
}

#[test]
fn stdin_names() {
    let items = read_bytes(b"{\"text\":\"x\"}\n", "-", &Options::default());
    let [Item::Document(d)] = &items[..] else {
        panic!("{items:?}")
    };
    assert_eq!(d.origin, "-:1");
    assert_eq!(d.id, "stdin-1");
    let items = read_bytes(b"Just text.", "-", &Options::default());
    let [Item::Document(d)] = &items[..] else {
        panic!("{items:?}")
    };
    assert_eq!((d.id.as_str(), d.origin.as_str()), ("stdin", "-"));
    let items = read_bytes(b"\xff", "-", &Options::default());
    assert_eq!(
        describe(&items),
        ["error <stdin>: invalid UTF-8 at byte offset 0 (lossy decoding replaces it)"]
    );
}

#[test]
fn malformed_html_does_not_panic() {
    for h in [
        &b"<html><body><p>Unclosed <b>bold <i>italic</p></div></table>"[..],
        b"<<<>>><p>x",
        b"<!-- never closed",
        b"<script>var a = '</p>';",
        b"<div><div><div><div><p>Deep</p>",
        b"<p class=\"share\">Only furniture</p>",
        b"<html><head><title></title></head><body></body></html>",
    ] {
        let _ = read_bytes(h, "x.html", &Options::default());
    }
    // deeper than dom_smoothie is given (its own walker), and deeper than any parser is given
    // (markup stripped)
    for depth in [1_000, 50_000] {
        let deep = "<div>".repeat(depth) + "<p>Deep text here.</p><nav>x</nav><p>Read more</p>";
        let items = read_bytes(deep.as_bytes(), "deep.html", &Options::default());
        let [Item::Document(d)] = &items[..] else {
            panic!("{items:?}")
        };
        assert!(d.text.starts_with("Deep text here."), "{}", d.text);
        assert!(!d.text.contains("Read more"));
    }
}
