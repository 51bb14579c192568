//! The coder's test table (`tests/sentences.txt`), run with the built-in knowledge base.

use petrel_coder::Coder;
use petrel_core::Document;
use petrel_dict::KnowledgeBase;
use petrel_events::{Event, Record};

const TABLE: &str = include_str!("sentences.txt");

#[derive(Debug)]
struct Expect {
    source: String,
    target: Option<String>,
    cameo: String,
    modality: String,
}

#[derive(Debug, Default)]
struct Case {
    line: usize,
    sentences: Vec<String>,
    date: Option<chrono::NaiveDate>,
    expect: Vec<Expect>,
    none: bool,
}

fn parse() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut cur: Option<Case> = None;
    for (n, line) in TABLE.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if let Some(c) = cur.take() {
                cases.push(c);
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let c = cur.get_or_insert_with(|| Case {
            line: n + 1,
            ..Default::default()
        });
        if let Some(s) = line.strip_prefix("> ") {
            c.sentences.push(s.to_string());
        } else if let Some(d) = line.strip_prefix("@ ") {
            c.date = Some(
                d.trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("line {}: bad date", n + 1)),
            );
        } else if let Some(e) = line.strip_prefix("= ") {
            let f: Vec<&str> = e.split_whitespace().collect();
            if f == ["none"] {
                c.none = true;
                continue;
            }
            assert_eq!(
                f.len(),
                4,
                "line {}: expected `= SOURCE TARGET CAMEO MODALITY`",
                n + 1
            );
            c.expect.push(Expect {
                source: f[0].into(),
                target: (f[1] != "-").then(|| f[1].to_string()),
                cameo: f[2].into(),
                modality: f[3].into(),
            });
        } else {
            panic!("line {}: unexpected `{line}`", n + 1);
        }
    }
    if let Some(c) = cur.take() {
        cases.push(c);
    }
    cases
}

fn matches(x: &Expect, e: &Event) -> bool {
    e.source.code == x.source
        && e.target.as_ref().map(|t| t.code.as_str()) == x.target.as_deref()
        && e.cameo.starts_with(&x.cameo)
        && e.modality.as_str() == x.modality
}

fn show(e: &Event) -> String {
    format!(
        "= {} {} {} {}   ({})",
        e.source.code,
        e.target.as_ref().map_or("-", |t| t.code.as_str()),
        e.cameo,
        e.modality.as_str(),
        e.rule
    )
}

#[test]
fn table_is_large_and_covers_every_root() {
    let cases = parse();
    let sentences: usize = cases.iter().map(|c| c.sentences.len()).sum();
    assert!(sentences >= 150, "only {sentences} sentences");
    for root in 1..=20 {
        let r = format!("{root:02}");
        assert!(
            cases
                .iter()
                .any(|c| c.expect.iter().any(|x| x.cameo.starts_with(&r))),
            "no case expects CAMEO root {r}"
        );
    }
    for m in [
        "asserted",
        "negated",
        "denied",
        "hypothetical",
        "conditional",
        "future",
        "reported",
    ] {
        assert!(
            cases
                .iter()
                .any(|c| c.expect.iter().any(|x| x.modality == m)),
            "no case expects modality {m}"
        );
    }
    for c in &cases {
        assert!(
            c.none == c.expect.is_empty(),
            "line {}: a case needs expectations or `= none`, not both",
            c.line
        );
    }
}

#[test]
fn every_case_codes_as_expected() {
    let kb = KnowledgeBase::builtin().expect("built-in knowledge base loads");
    let coder = Coder::new(&kb);
    let mut failures = Vec::new();
    let cases = parse();
    for c in &cases {
        let mut doc = Document::from_text(format!("case-{}", c.line), c.sentences.join(" "));
        doc.date = c.date.or(chrono::NaiveDate::from_ymd_opt(2021, 12, 15));
        let events: Vec<Event> = coder
            .code(&doc)
            .into_iter()
            .filter_map(|r| match r {
                Record::Event(e) => Some(e),
                Record::Quote(_) => None,
            })
            .collect();
        let missing: Vec<&Expect> = c
            .expect
            .iter()
            .filter(|x| !events.iter().any(|e| matches(x, e)))
            .collect();
        let extra: Vec<&Event> = events
            .iter()
            .filter(|e| !c.expect.iter().any(|x| matches(x, e)))
            .collect();
        if !missing.is_empty() || !extra.is_empty() {
            let mut msg = format!("line {}: {}\n", c.line, c.sentences.join(" "));
            for m in &missing {
                msg.push_str(&format!(
                    "   missing = {} {} {} {}\n",
                    m.source,
                    m.target.as_deref().unwrap_or("-"),
                    m.cameo,
                    m.modality
                ));
            }
            for e in &extra {
                msg.push_str(&format!("   extra   {}\n", show(e)));
            }
            for e in &events {
                msg.push_str(&format!("   got     {}\n", show(e)));
            }
            failures.push(msg);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
