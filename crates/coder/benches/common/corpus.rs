//! The corpus sample the coder's bench and the `throughput` example share: the first 300
//! stories of three files of ../shared/corpus (empty when it is absent), with their dates.

use petrel_core::Document;

/// Title and text of each story as one document, dated when the story is.
pub fn sample() -> Vec<Document> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut docs = Vec::new();
    for name in [
        "agnews_world_test.jsonl",
        "bbc_politics.jsonl",
        "wikinews_2019_2020.jsonl",
    ] {
        let Ok(text) = std::fs::read_to_string(dir.join(name)) else {
            continue;
        };
        for line in text.lines().take(300) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let body = v["text"].as_str().unwrap_or("");
            let title = v["title"].as_str().unwrap_or("");
            let mut d = Document::from_text(
                v["id"].as_str().unwrap_or("x"),
                format!("{title}\n\n{body}"),
            );
            d.date = v["date"]
                .as_str()
                .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
            docs.push(d);
        }
    }
    docs
}
