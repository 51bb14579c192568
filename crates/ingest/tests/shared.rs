//! Tests on ../shared (the seed article and the news corpus). They skip when ../shared is absent.

use petrel_ingest::{read_inputs, Item, Options};
use std::path::{Path, PathBuf};

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("note: ../shared is absent, skipping");
        None
    }
}

#[test]
fn seed_article_loses_its_furniture() {
    let Some(shared) = shared() else { return };
    let path = shared.join("seed/000_4461621a5e1b2a4d.txt");
    let raw = std::fs::read_to_string(&path).unwrap();
    let opts = Options {
        date: chrono::NaiveDate::from_ymd_opt(2021, 12, 15),
        ..Default::default()
    };
    let items: Vec<Item> = read_inputs(&[path], &opts).collect();
    let [Item::Document(d)] = &items[..] else {
        panic!("{items:?}")
    };
    assert_eq!(d.id, "000_4461621a5e1b2a4d");
    assert_eq!(
        d.title.as_deref(),
        Some("Russia Sends Security Proposals to U.S. as Ukraine Tensions Soar")
    );
    assert_eq!(
        d.title_span.unwrap().slice(&d.text),
        d.title.as_deref().unwrap()
    );
    assert_eq!(d.date, chrono::NaiveDate::from_ymd_opt(2021, 12, 15));
    for gone in [
        "Support The Moscow Times",
        "Mikhail Metzel",
        "TASS",
        "(L)",
        "Read more",
    ] {
        assert!(!d.text.contains(gone), "{gone:?} left in the text");
    }
    assert!(d.text.starts_with("Russia Sends Security Proposals"));
    assert!(d
        .text
        .contains("President Vladimir Putin said Russia has sent the United States"));
    assert!(d
        .text
        .ends_with("decrying U.S.-led military exercises there."));
    assert_eq!(
        d.text.matches("\n\n").count(),
        12,
        "headline + 12 paragraphs"
    );
    // identity source map: every piece is the same bytes in the file
    let mapped: usize = d.source_map.iter().map(|m| m.len).sum();
    assert_eq!(mapped + 12 * 2, d.text.len());
    for m in &d.source_map {
        assert_eq!(
            &d.text[m.text_start..m.text_start + m.len],
            &raw[m.input_start..m.input_start + m.len]
        );
    }
}

#[test]
fn every_corpus_story_loads() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("corpus");
    let mut docs = 0;
    let mut with_date = 0;
    for item in read_inputs(&[dir], &Options::default()) {
        match item {
            Item::Document(d) => {
                docs += 1;
                with_date += usize::from(d.date.is_some());
                assert!(!d.text.is_empty());
                assert!(d.origin.contains(".jsonl:"));
                for m in &d.source_map {
                    assert!(m.text_start + m.len <= d.text.len());
                }
            }
            Item::Warning(w) => panic!("unexpected warning: {w}"),
            Item::Error(e) => panic!("corpus story failed: {e}"),
        }
    }
    // one story a line: 1,900 + 417 + 295 + 13,075 (corpus/README.md's table)
    assert_eq!(docs, 15_687);
    assert!(with_date > 10_000);
}

#[test]
fn corpus_source_maps_point_at_the_same_bytes() {
    let Some(shared) = shared() else { return };
    let path = shared.join("corpus/wikinews_2019_2020.jsonl");
    let raw = std::fs::read(&path).unwrap();
    let mut n = 0;
    for item in read_inputs(&[path], &Options::default()) {
        let Item::Document(d) = item else {
            panic!("{item:?}")
        };
        n += 1;
        for m in &d.source_map {
            assert_eq!(
                d.text.as_bytes()[m.text_start..m.text_start + m.len],
                raw[m.input_start..m.input_start + m.len]
            );
        }
    }
    assert_eq!(n, 295);
}

/// Reuters-21578 is newswire without page furniture: no rule may fire on any of its lines or
/// paragraphs (a guard against rules that eat article text).
#[test]
fn furniture_rules_leave_plain_newswire_alone() {
    let Some(shared) = shared() else { return };
    let f = petrel_ingest::furniture::Furniture::builtin();
    let mut checked = 0;
    let mut hits = Vec::new();
    for n in 1..=6 {
        let path = shared.join(format!("corpus/reuters21578-0{n}.jsonl"));
        for item in read_inputs(&[path], &Options::default()) {
            let Item::Document(d) = item else {
                panic!("{item:?}")
            };
            for para in d.text.split("\n\n") {
                checked += 1;
                for line in para.lines() {
                    if let Some(r) = f.line_rule(line) {
                        hits.push(format!("{}: line rule {} on {line:?}", d.id, r.line));
                    }
                }
                if let Some(r) = f.caption_rule(para) {
                    hits.push(format!("{}: caption rule {} on {para:?}", d.id, r.line));
                }
            }
        }
    }
    assert!(checked > 13_000);
    assert!(
        hits.is_empty(),
        "{} false positives:\n{}",
        hits.len(),
        hits.join("\n")
    );
}
