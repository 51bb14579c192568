//! Every actor of the reference coding (`../shared/seed/*.gold.json`, its `actors` list)
//! resolves through the built-in base to its listed code on the article's date (2021-12-15).
//! Reads ../shared/; skips with a note when it is absent.

use chrono::NaiveDate;
use petrel_dict::KnowledgeBase;
use std::path::PathBuf;

const GOLD: &str = "../../../shared/seed/000_4461621a5e1b2a4d.gold.json";

#[test]
fn gold_actors_resolve_on_the_article_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(GOLD);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} absent; skipping", path.display());
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&text).expect("gold JSON");
    let kb = KnowledgeBase::builtin().unwrap_or_else(|e| panic!("built-in base: {e}"));
    let date = NaiveDate::from_ymd_opt(2021, 12, 15);
    let actors = gold["actors"].as_array().expect("actors list");
    assert!(actors.len() >= 10);
    let mut failures = Vec::new();
    for a in actors {
        let want = a["code"].as_str().expect("code");
        let mention = a["mention"].as_str().expect("mention");
        for (i, variant) in mention.split(" / ").enumerate() {
            match kb.resolve(variant, date) {
                Some(r) if r.actor.is_none() && i > 0 => {
                    eprintln!("note: {variant:?} needs context (agent {} only)", r.code)
                }
                Some(r) if r.code == want => {}
                Some(r) => failures.push(format!("{variant:?}: got {}, want {want}", r.code)),
                // A bare description ("The president", "the alliance") names no actor: it is
                // resolved by coreference in the article, not by the dictionary. The first
                // variant of every mention must resolve.
                None if i > 0 => eprintln!("note: {variant:?} needs context"),
                None => failures.push(format!("{variant:?}: unresolved, want {want}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
