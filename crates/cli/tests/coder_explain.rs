//! `petrel explain`: the coder's explanation from the command line.

use std::process::Command;

fn petrel(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(args)
        .output()
        .expect("run petrel");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn explains_a_denial() {
    let (ok, out, err) = petrel(&[
        "explain",
        "Putin denies planning an invasion.",
        "--date",
        "2021-12-15",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("tags: Putin/NNP denies/VBZ(deny)"), "{out}");
    assert!(
        out.contains("np: [Putin] = RUSGOV `Vladimir Putin`"),
        "{out}"
    );
    assert!(
        out.contains("verb: `denies` lemma `deny`, subject `Putin`"),
        "{out}"
    );
    assert!(out.contains("EVENT RUSGOV -> - 016 (asserted)"), "{out}");
    assert!(
        out.contains("`planning`:"),
        "why the plan is no event: {out}"
    );
}

#[test]
fn explains_modality_and_json() {
    let (ok, out, err) = petrel(&[
        "explain",
        "If Russia attacks Ukraine, NATO will impose sanctions.",
        "--date",
        "2021-12-15",
        "--json",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("(conditional)"), "{out}");
    assert!(out.contains("(future)"), "{out}");
    let json: Vec<serde_json::Value> = out
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(json.iter().any(|v| v["modality"] == "conditional"
        && v["cameo"].as_str().is_some_and(|c| c.starts_with("19"))));
}

#[test]
fn rejects_a_bad_date_and_empty_text() {
    let (ok, _, err) = petrel(&["explain", "NATO met.", "--date", "2021-13-40"]);
    assert!(!ok);
    assert!(err.contains("bad date"), "{err}");
    let (ok, _, err) = petrel(&["explain", "   "]);
    assert!(!ok);
    assert!(err.contains("empty"), "{err}");
}
