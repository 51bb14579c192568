//! Runs the sentence segmentation table in `tests/segmentation.txt`.

use petrel_core::{Document, Span};

struct Case {
    line: usize,
    input: String,
    headline: bool,
    expected: Vec<String>,
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).expect("bad \\u escape in table");
                out.push(char::from_u32(code).expect("bad \\u escape in table"));
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn cases() -> Vec<Case> {
    let data = include_str!("segmentation.txt");
    let mut cases: Vec<Case> = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if let Some(input) = line.strip_prefix("> ") {
            let (headline, input) = match input.strip_prefix("headline:") {
                Some(rest) => (true, rest),
                None => (false, input),
            };
            cases.push(Case {
                line: n + 1,
                input: unescape(input),
                headline,
                expected: Vec::new(),
            });
        } else if let Some(sentence) = line.strip_prefix("= ") {
            let case = cases
                .last_mut()
                .unwrap_or_else(|| panic!("segmentation.txt:{}: `=` before any `>`", n + 1));
            case.expected.push(unescape(sentence));
        } else {
            assert!(
                line.trim().is_empty() || line.starts_with('#'),
                "segmentation.txt:{}: unexpected line {line:?}",
                n + 1
            );
        }
    }
    cases
}

#[test]
fn segmentation_table() {
    let cases = cases();
    assert!(cases.len() >= 40, "the table must hold at least 40 cases");
    let mut failures = Vec::new();
    for case in &cases {
        assert!(
            !case.expected.is_empty(),
            "segmentation.txt:{}: no expected sentences",
            case.line
        );
        let got: Vec<String> = if case.headline {
            let title_end = case.input.find("\n\n").unwrap_or(case.input.len());
            let doc = Document {
                title: Some(case.input[..title_end].to_string()),
                title_span: Some(Span::new(0, title_end)),
                ..Document::from_text("t", case.input.clone())
            };
            let a = petrel_text::analyze(&doc);
            assert!(a.sentences[0].headline);
            assert!(a.sentences[1..].iter().all(|s| !s.headline));
            a.sentences
                .iter()
                .map(|s| s.span.slice(&doc.text).to_string())
                .collect()
        } else {
            let spans = petrel_text::segment(&case.input);
            // analyze() agrees with segment() on documents without a headline.
            let doc = Document::from_text("t", case.input.clone());
            let a = petrel_text::analyze(&doc);
            assert_eq!(
                a.sentences.iter().map(|s| s.span).collect::<Vec<_>>(),
                spans,
                "segmentation.txt:{}: analyze and segment disagree",
                case.line
            );
            spans
                .iter()
                .map(|s| s.slice(&case.input).to_string())
                .collect()
        };
        if got != case.expected {
            failures.push(format!(
                "segmentation.txt:{}: {:?}\n  expected {:?}\n  got      {:?}",
                case.line, case.input, case.expected, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
