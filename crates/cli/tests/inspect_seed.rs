//! `petrel inspect` on the seed article (reads `../shared/seed/`; skipped when it is absent).

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn seed() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/000_4461621a5e1b2a4d.txt");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("note: ../shared/seed absent; skipping the inspect seed test");
        None
    }
}

fn inspect(args: &[&str]) -> (i32, String, String) {
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

const FURNITURE: [&str; 4] = [
    "Support The Moscow Times",
    "Mikhail Metzel / TASS",
    "Russian Foreign Minister Sergei Lavrov (L) and Russian presidential aide Yury Ushakov",
    "Read more",
];

#[test]
fn seed_json_shows_headline_body_and_dates() {
    let Some(path) = seed() else { return };
    let (code, stdout, stderr) =
        inspect(&[path.to_str().unwrap(), "--date", "2021-12-15", "--json"]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one document, one JSON line");
    let doc: Value = serde_json::from_str(lines[0]).expect("valid JSON");
    assert_eq!(doc["date"], "2021-12-15");
    let sentences = doc["sentences"].as_array().expect("sentences");
    let texts: Vec<&str> = sentences
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();

    // The headline is the first sentence, and the only headline.
    assert_eq!(
        texts[0],
        "Russia Sends Security Proposals to U.S. as Ukraine Tensions Soar"
    );
    assert_eq!(sentences[0]["headline"], true);
    assert!(sentences[1..].iter().all(|s| s["headline"] == false));

    // Body sentences, whole and separate.
    for expected in [
        "President Vladimir Putin said Russia has sent the United States its proposals on mutual security guarantees amid high tensions between the countries over Ukraine, Interfax\u{a0}reported Wednesday.",
        "Putin reiterated his request to “immediately launch negotiations” with the U.S. and NATO on international legal guarantees for Russia’s security.",
        "Putin previously informed his Finnish counterpart of the offer.",
        "Putin also accuses the West of provoking tensions in the Black Sea, decrying U.S.-led military exercises there.",
    ] {
        assert!(texts.contains(&expected), "missing sentence {expected:?} in {texts:#?}");
    }
    assert_eq!(texts.len(), 14, "headline + 13 body sentences: {texts:#?}");

    // No page furniture.
    for s in &texts {
        for f in FURNITURE {
            assert!(!s.contains(f), "furniture {f:?} in sentence {s:?}");
        }
    }

    // Dates: every "Wednesday" is 2021-12-15, "last week" is the week of 2021-12-06.
    let dates: Vec<&Value> = sentences
        .iter()
        .flat_map(|s| s["dates"].as_array().unwrap().iter())
        .collect();
    let wednesdays: Vec<&&Value> = dates.iter().filter(|d| d["text"] == "Wednesday").collect();
    assert_eq!(wednesdays.len(), 2, "{dates:#?}");
    for d in wednesdays {
        assert_eq!(
            (d["from"].as_str(), d["to"].as_str()),
            (Some("2021-12-15"), Some("2021-12-15"))
        );
    }
    let last_week = dates
        .iter()
        .find(|d| d["text"] == "last week")
        .expect("a `last week` date");
    assert_eq!(last_week["from"], "2021-12-06");
    assert_eq!(last_week["to"], "2021-12-12");
    assert_eq!(last_week["granularity"], "week");

    // Tokens: offsets point at their text; "U.S.-led" and "Russia’s" split as documented.
    let all_tokens: Vec<&Value> = sentences
        .iter()
        .flat_map(|s| s["tokens"].as_array().unwrap().iter())
        .collect();
    let tok_texts: Vec<&str> = all_tokens
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    let led = tok_texts.windows(3).any(|w| w == ["U.S.", "-", "led"]);
    assert!(led, "U.S.-led is U.S. + - + led");
    assert!(tok_texts.windows(2).any(|w| w == ["Russia", "’s"]));
    for t in all_tokens {
        let (s, e) = (t["start"].as_u64().unwrap(), t["end"].as_u64().unwrap());
        assert_eq!(e - s, t["text"].as_str().unwrap().len() as u64);
    }
}

#[test]
fn seed_text_output() {
    let Some(path) = seed() else { return };
    let (code, stdout, stderr) = inspect(&[path.to_str().unwrap(), "--date", "2021-12-15"]);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert!(stdout.contains("date: 2021-12-15"));
    assert!(stdout.contains(
        "headline\n  text:   Russia Sends Security Proposals to U.S. as Ukraine Tensions Soar"
    ));
    assert!(stdout.contains("\"Wednesday\"@"), "{stdout}");
    assert!(stdout.contains("-> 2021-12-15 (day)"));
    assert!(stdout.contains("-> 2021-12-06..2021-12-12 (week)"));
    assert!(stdout.contains("tokens: Russia@"));
    for f in FURNITURE {
        assert!(!stdout.contains(f), "furniture {f:?} in output");
    }
}
