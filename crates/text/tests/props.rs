//! Property tests: arbitrary strings never make the text layer panic, and every span it makes
//! is well formed.

use chrono::NaiveDate;
use petrel_core::{Document, Span};
use petrel_text::{analyze, segment, sentence_spans, tokenize, Analysis};
use proptest::prelude::*;

fn check_span(text: &str, s: Span) {
    assert!(s.start < s.end, "empty span {s:?}");
    assert!(
        s.end <= text.len(),
        "span {s:?} past the end ({})",
        text.len()
    );
    assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
}

fn check_sentences(text: &str, spans: &[Span]) {
    let mut prev_end = 0;
    for &s in spans {
        check_span(text, s);
        assert!(s.start >= prev_end, "sentences overlap or are out of order");
        let t = s.slice(text);
        assert_eq!(t, t.trim(), "sentence not trimmed: {t:?}");
        prev_end = s.end;
    }
}

fn check_tokens(text: &str, sentence: Span) {
    let mut prev_end = sentence.start;
    for t in tokenize(text, sentence) {
        check_span(text, t.span);
        assert!(sentence.contains(t.span), "token outside its sentence");
        assert!(
            t.span.start >= prev_end,
            "tokens overlap or are out of order"
        );
        assert!(!t.span.slice(text).trim().is_empty(), "whitespace token");
        for p in t.hyphen_parts(text) {
            check_span(text, p);
            assert!(t.span.contains(p), "hyphen part outside its token");
        }
        prev_end = t.span.end;
    }
}

fn check_analysis(doc: &Document, a: &Analysis) {
    let spans: Vec<Span> = a.sentences.iter().map(|s| s.span).collect();
    check_sentences(&doc.text, &spans);
    for s in &a.sentences {
        let mut prev = s.span.start;
        for t in &s.tokens {
            check_span(&doc.text, t.span);
            assert!(s.span.contains(t.span) && t.span.start >= prev);
            prev = t.span.end;
        }
    }
    assert!(a.sentences.iter().filter(|s| s.headline).count() <= 1);
    let mut prev = 0;
    for d in &a.dates {
        check_span(&doc.text, d.span);
        assert!(a.sentences[d.sentence].span.contains(d.span));
        assert!(d.from <= d.to);
        assert!(d.span.start >= prev);
        prev = d.span.end;
    }
}

/// Strings built from pieces that exercise the splitter's and tokenizer's rules.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(". ".to_string()),
        Just("U.S.".to_string()),
        Just(" Gen. ".to_string()),
        Just("No. ".to_string()),
        Just("’s ".to_string()),
        Just("n't".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("…".to_string()),
        Just("...".to_string()),
        Just("\n\n".to_string()),
        Just("\n    ".to_string()),
        Just(" - ".to_string()),
        Just("1,300".to_string()),
        Just("3.5".to_string()),
        Just("-".to_string()),
        Just(" last week ".to_string()),
        Just(" Wednesday ".to_string()),
        Just("Dec. 15, 2021".to_string()),
        Just("2021-12-15".to_string()),
        Just(" mid-March ".to_string()),
        Just(" 2 days ago".to_string()),
        Just("MOSCOW, Dec 15 (Reuters) -".to_string()),
        "[A-Za-z]{1,8}",
        "[ \\t\\n\u{a0}]{1,3}",
        "[0-9]{1,4}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn doc_with(text: String, title: Option<(usize, usize)>, date: Option<NaiveDate>) -> Document {
    let mut doc = Document::from_text("p", text);
    doc.date = date;
    if let Some((a, b)) = title {
        let (a, b) = (a.min(b), a.max(b));
        doc.title_span = Some(Span::new(a, b));
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn segment_and_tokenize_any_string(text in any::<String>()) {
        let spans = segment(&text);
        check_sentences(&text, &spans);
        for s in spans {
            check_tokens(&text, s);
        }
    }

    #[test]
    fn segment_and_tokenize_newsy(text in newsy()) {
        let spans = segment(&text);
        check_sentences(&text, &spans);
        for s in spans {
            check_tokens(&text, s);
        }
    }

    #[test]
    fn tokenize_any_span(text in newsy(), a in 0usize..200, b in 0usize..200) {
        // Spans off char boundaries or past the end give no tokens, never a panic.
        let span = Span { start: a.min(b), end: a.max(b) };
        for t in tokenize(&text, span) {
            check_span(&text, t.span);
            prop_assert!(span.contains(t.span));
        }
    }

    #[test]
    fn analyze_any_document(
        text in newsy(),
        title in proptest::option::of((0usize..300, 0usize..300)),
        days in proptest::option::of(-100_000i64..100_000),
    ) {
        let date = days.and_then(|d| {
            NaiveDate::from_ymd_opt(2000, 1, 1)?.checked_add_signed(chrono::Duration::days(d))
        });
        let doc = doc_with(text, title, date);
        let a = analyze(&doc);
        check_analysis(&doc, &a);
        let spans: Vec<Span> = a.sentences.iter().map(|s| s.span).collect();
        prop_assert_eq!(sentence_spans(&doc), spans);
    }

    #[test]
    fn analyze_extreme_dates(text in newsy(), max in any::<bool>()) {
        let date = Some(if max { NaiveDate::MAX } else { NaiveDate::MIN });
        let doc = doc_with(text, None, date);
        let a = analyze(&doc);
        check_analysis(&doc, &a);
    }
}
