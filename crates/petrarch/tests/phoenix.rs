//! The full Phoenix dictionaries and CAMEO.2.0 from `../shared/petrarch/` (read there, never
//! copied): every line the format allows is read, and the seed article codes with them.
//! Skipped when `../shared` is absent.

use petrel_petrarch::{load, LoadOptions, PetrarchFiles, Severity};
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.join("petrarch/CAMEO.2.0.txt").exists() {
        Some(dir)
    } else {
        eprintln!("note: ../shared/petrarch absent; skipping the Phoenix tests");
        None
    }
}

fn phoenix(dir: &std::path::Path) -> PetrarchFiles {
    let p = dir.join("petrarch");
    PetrarchFiles {
        verbs: Some(p.join("CAMEO.2.0.txt")),
        actors: [
            "Phoenix.Countries.actors.txt",
            "Phoenix.International.actors.txt",
            "Phoenix.MilNonState.actors.txt",
        ]
        .iter()
        .map(|f| p.join(f))
        .collect(),
        agents: Some(p.join("Phoenix.agents.txt")),
        discards: Some(p.join("Phoenix.discards.txt")),
        issues: Some(p.join("Phoenix.IssueCoding.txt")),
    }
}

#[test]
fn phoenix_loads_every_well_formed_line_and_codes_the_seed() {
    let Some(dir) = shared() else { return };
    let l = load(&phoenix(&dir), LoadOptions::default()).expect("Phoenix loads");
    // The only lines skipped are malformed ones the format does not allow (stray text after
    // a code, dates of 7, 9 or 10 digits, a range ending before it starts, a date without
    // `-`, `<` or `>`, an agent without a code, business figures pasted into an actor file).
    let mut bad: Vec<(String, usize)> = l
        .unreadable()
        .map(|d| {
            let f = d.file.rsplit('/').next().unwrap_or("").to_string();
            (f, d.line)
        })
        .collect();
    bad.sort();
    let want: Vec<(String, usize)> = [
        ("CAMEO.2.0.txt", 2374),
        ("CAMEO.2.0.txt", 7606),
        ("Phoenix.Countries.actors.txt", 2039),
        ("Phoenix.Countries.actors.txt", 14190),
        ("Phoenix.Countries.actors.txt", 18010),
        ("Phoenix.Countries.actors.txt", 22508),
        ("Phoenix.Countries.actors.txt", 22519),
        ("Phoenix.Countries.actors.txt", 31715),
        ("Phoenix.Countries.actors.txt", 43613),
        ("Phoenix.Countries.actors.txt", 51384),
        ("Phoenix.International.actors.txt", 40),
        ("Phoenix.International.actors.txt", 3696),
        ("Phoenix.International.actors.txt", 3726),
        ("Phoenix.International.actors.txt", 6605),
        ("Phoenix.agents.txt", 1927),
    ]
    .iter()
    .map(|(f, n)| (f.to_string(), *n))
    .collect();
    assert_eq!(bad, want);
    assert!(l
        .unreadable()
        .all(|d| d.severity == Severity::Unreadable && d.line > 0));
    let s = &l.stats;
    assert!(s.verb_blocks > 390 && s.patterns > 40_000, "{s:?}");
    assert!(s.actors > 25_000 && s.agents > 2_000, "{s:?}");
    assert_eq!(s.transformations, 8);
    assert!(!l.discards.phrases.is_empty());
    assert!(l.issues.blocks.len() > 20);
    let d = chrono::NaiveDate::from_ymd_opt(2021, 12, 15);
    assert_eq!(l.kb.lookup("Russia", d).map(|x| x.1), Some("RUS"));
    assert_eq!(
        l.kb.lookup("Vladimir Putin", d).map(|x| x.1),
        Some("RUSGOV")
    );

    // The seed article codes with these dictionaries.
    let text = std::fs::read_to_string(dir.join("seed/000_4461621a5e1b2a4d.txt")).expect("seed");
    let mut doc = petrel_core::Document::from_text("seed", text);
    doc.date = d;
    let recs = petrel_coder::Coder::new(&l.kb).code(&doc);
    let events: Vec<_> = recs
        .iter()
        .filter_map(|r| match r {
            petrel_events::Record::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert!(events.len() >= 3, "{} events", events.len());
    assert!(
        events.iter().any(|e| e.source.code.starts_with("RUS")),
        "an event by Russia: {:?}",
        events
            .iter()
            .map(|e| (&e.source.code, &e.cameo))
            .collect::<Vec<_>>()
    );
}
