//! The bundled examples (examples/ at the repository root) read as their authors meant.

use chrono::NaiveDate;
use petrel_core::Document;
use petrel_ingest::{read_inputs, Item, Options};
use std::path::{Path, PathBuf};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

fn docs(path: PathBuf, opts: &Options) -> Vec<Document> {
    read_inputs(&[path], opts)
        .map(|i| match i {
            Item::Document(d) => *d,
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn html_page_yields_only_the_article() {
    let path = example("kyiv-talks.html");
    let raw = std::fs::read_to_string(&path).unwrap();
    let d = docs(path, &Options::default()).remove(0);
    assert_eq!(d.id, "kyiv-talks");
    assert_eq!(
        d.title.as_deref(),
        Some("Ukraine and Russia Agree to Second Round of Talks")
    );
    assert_eq!(d.date, NaiveDate::from_ymd_opt(2022, 3, 1));
    let paragraphs = [
        "Ukraine and Russia Agree to Second Round of Talks",
        "KYIV, March 1 (Courier) - Ukrainian and Russian negotiators agreed on Tuesday to meet again within days after five hours of talks near the Belarusian border ended without a ceasefire, officials on both sides said.",
        "Mykhailo Podolyak, an adviser to the Ukrainian president, said Kyiv had demanded an immediate truce and the withdrawal of Russian troops. \"The parties identified a number of priority topics on which certain decisions were outlined,\" he told reporters.",
        "The head of the Russian delegation, Vladimir Medinsky, said the two sides had found \"points on which common positions can be foreseen\" but gave no details.",
        "Ukrainian President Volodymyr Zelenskiy said Kyiv would not give up any territory. He urged the European Union to admit Ukraine under a special procedure.",
        "Russian forces kept up their advance in the south on Tuesday, and a Ukrainian official accused Moscow of shelling residential areas of Kharkiv, a charge the Russian Defence Ministry denied.",
    ];
    for furniture in [
        "cookies",
        "Privacy policy",
        "Accept all",
        "Home",
        "Politics",
        "Opinion",
        "Support The Kyiv Courier",
        "Donate",
        "(L)",
        "Hrytsenko",
        "Read more",
        "EU widens sanctions",
        "Share",
        "Facebook",
        "Related stories",
        "Markets rally",
        "About us",
        "Terms of use",
        "©",
        "All rights reserved",
        "dataLayer",
        "By Olena Marchuk",
    ] {
        assert!(
            !d.text.contains(furniture),
            "{furniture:?} leaked into:\n{}",
            d.text
        );
    }
    assert_eq!(d.text, paragraphs.join("\n\n"), "text:\n{}", d.text);
    // the source map points at the same words in the page
    assert!(!d.source_map.is_empty());
    for m in &d.source_map {
        assert_eq!(
            &d.text[m.text_start..m.text_start + m.len],
            &raw[m.input_start..m.input_start + m.len]
        );
    }
    let at = d.text.find("Mykhailo Podolyak").unwrap();
    assert_eq!(d.input_offset(at), raw.find("Mykhailo Podolyak"));
}

#[test]
fn text_example_has_headline_and_no_furniture() {
    let opts = Options {
        date: NaiveDate::from_ymd_opt(2021, 12, 17),
        ..Default::default()
    };
    let d = docs(example("moscow-proposals.txt"), &opts).remove(0);
    assert_eq!(
        d.title.as_deref(),
        Some("Moscow Presses NATO for Written Guarantees as Talks Loom")
    );
    assert_eq!(d.date, NaiveDate::from_ymd_opt(2021, 12, 17));
    for gone in [
        "Support The Moscow Times",
        "Ivan Sokolov",
        "TASS",
        "(R)",
        "Read more",
    ] {
        assert!(!d.text.contains(gone), "{gone:?} in {}", d.text);
    }
    assert!(d
        .text
        .contains("\n\nMOSCOW, Dec 17 (Petrel Wire) - Russia on Friday"));
    assert!(d.text.ends_with("a State Department spokesman said."));
}

#[test]
fn jsonl_example_gives_dated_stories() {
    let ds = docs(example("wire.jsonl"), &Options::default());
    assert_eq!(ds.len(), 5);
    assert!(ds.iter().all(|d| d.date.is_some() && d.title.is_some()));
    assert_eq!(ds[2].date, NaiveDate::from_ymd_opt(2022, 3, 8));
    assert_eq!(
        ds[0].origin,
        format!("{}:1", example("wire.jsonl").display())
    );
}

#[test]
fn the_examples_directory_reads_in_sorted_order() {
    let ds = docs(example(""), &Options::default());
    let ids: Vec<&str> = ds.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "kyiv-talks",
            "moscow-proposals",
            "wire-001",
            "wire-002",
            "wire-003",
            "wire-004",
            "wire-005"
        ]
    );
}
