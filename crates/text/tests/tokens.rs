//! Tokenizer cases: token texts and kinds.

use petrel_core::Span;
use petrel_text::{tokenize, TokenKind};

fn toks(s: &str) -> Vec<&str> {
    tokenize(s, Span::new(0, s.len()))
        .iter()
        .map(|t| t.span.slice(s))
        .collect()
}

#[test]
fn token_table() {
    let cases: &[(&str, &[&str])] = &[
        ("U.S. troops", &["U.S.", "troops"]),
        ("U.S.-led drills", &["U.S.", "-", "led", "drills"]),
        ("Russia's security", &["Russia", "'s", "security"]),
        ("Russia’s security", &["Russia", "’s", "security"]),
        ("they're here", &["they", "'re", "here"]),
        ("we'll see", &["we", "'ll", "see"]),
        ("don't go", &["do", "n't", "go"]),
        ("won't expand", &["wo", "n't", "expand"]),
        ("can’t stop", &["ca", "n’t", "stop"]),
        ("isn't it", &["is", "n't", "it"]),
        ("O'Brien said", &["O'Brien", "said"]),
        (
            "so-called anti-government",
            &["so-called", "anti-government"],
        ),
        ("1,300 troops", &["1,300", "troops"]),
        ("3.5 percent", &["3.5", "percent"]),
        ("$3.5 billion", &["$", "3.5", "billion"]),
        (
            "at 10:30 on 2021-12-15",
            &["at", "10:30", "on", "2021-12-15"],
        ),
        ("the end.", &["the", "end", "."]),
        ("Gen. Milley", &["Gen.", "Milley"]),
        ("Apple Inc.", &["Apple", "Inc."]),
        ("No. 5", &["No.", "5"]),
        ("said no.", &["said", "no", "."]),
        ("George W. Bush", &["George", "W.", "Bush"]),
        ("6 p.m. Moscow", &["6", "p.m.", "Moscow"]),
        (
            "\"Yes,\" he said.",
            &["\"", "Yes", ",", "\"", "he", "said", "."],
        ),
        ("“legal guarantees”", &["“", "legal", "guarantees", "”"]),
        ("he [...] said", &["he", "[", "...", "]", "said"]),
        ("he […] said", &["he", "[", "…", "]", "said"]),
        ("wait -- no", &["wait", "--", "no"]),
        ("Amazon.com shares", &["Amazon.com", "shares"]),
        ("AT&T", &["AT&T"]),
        ("Dec. 15", &["Dec.", "15"]),
        ("the 1990s", &["the", "1990s"]),
        ("countries' leaders", &["countries", "'", "leaders"]),
        ("the U.S.'s role", &["the", "U.S.", "'s", "role"]),
        ("Russia,Ukraine", &["Russia", ",", "Ukraine"]),
        ("Москва заявила", &["Москва", "заявила"]),
        ("Zürich", &["Zürich"]),
    ];
    let mut failures = Vec::new();
    for (input, expected) in cases {
        let got = toks(input);
        if got != *expected {
            failures.push(format!("{input:?}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn kinds() {
    let s = "“U.S. sent 1,300 troops,” he said.";
    let kinds: Vec<TokenKind> = tokenize(s, Span::new(0, s.len()))
        .iter()
        .map(|t| t.kind)
        .collect();
    use TokenKind::*;
    assert_eq!(
        kinds,
        vec![Quote, Word, Word, Number, Word, Punct, Quote, Word, Word, Punct]
    );
}

#[test]
fn offsets_point_into_the_text() {
    let text = "Intro.\n\nPutin’s aide spoke.";
    let start = text.find("Putin").unwrap();
    let toks = tokenize(text, Span::new(start, text.len()));
    assert_eq!(toks[0].span, Span::new(start, start + 5));
    assert_eq!(toks[1].text(text), "’s");
    assert_eq!(toks.last().unwrap().span.end, text.len());
}

#[test]
fn hyphen_parts_of_compounds() {
    let s = "Kremlin-backed so-called U.S. 2021-12-15";
    let toks = tokenize(s, Span::new(0, s.len()));
    let parts =
        |i: usize| -> Vec<&str> { toks[i].hyphen_parts(s).iter().map(|p| p.slice(s)).collect() };
    assert_eq!(parts(0), vec!["Kremlin", "backed"]);
    assert_eq!(parts(1), vec!["so", "called"]);
    assert_eq!(parts(2), vec!["U.S."]);
    assert_eq!(parts(3), vec!["2021", "12", "15"]);
}
