//! Date resolution against a publication date, and dates read from datelines.

use chrono::NaiveDate;
use petrel_core::{Document, Span};
use petrel_text::{analyze, Granularity};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// (expression, from, to) for every date in `text`, resolved against `date`.
fn resolved(text: &str, date: Option<NaiveDate>) -> Vec<(String, NaiveDate, NaiveDate)> {
    let mut doc = Document::from_text("d", text);
    doc.date = date;
    let a = analyze(&doc);
    a.dates
        .iter()
        .map(|m| (m.span.slice(text).to_string(), m.from, m.to))
        .collect()
}

fn one(text: &str, date: NaiveDate) -> (String, NaiveDate, NaiveDate) {
    let mut all = resolved(text, Some(date));
    assert_eq!(all.len(), 1, "{text:?}: {all:?}");
    all.remove(0)
}

#[test]
fn relative_expressions_against_a_wednesday() {
    let wed = ymd(2021, 12, 15);
    let day = |s: &str, d: NaiveDate| {
        let (_, from, to) = one(s, wed);
        assert_eq!((from, to), (d, d), "{s}");
    };
    let range = |s: &str, a: NaiveDate, b: NaiveDate| {
        let (_, from, to) = one(s, wed);
        assert_eq!((from, to), (a, b), "{s}");
    };
    day("Interfax reported Wednesday.", wed);
    day("They met on Tuesday.", ymd(2021, 12, 14));
    day("They met on Thursday.", ymd(2021, 12, 9));
    day("They will meet next Tuesday.", ymd(2021, 12, 21));
    day("They will meet next Wednesday.", ymd(2021, 12, 22));
    day("They met last Wednesday.", ymd(2021, 12, 8));
    day("They meet this Friday.", ymd(2021, 12, 17));
    day("It happened yesterday.", ymd(2021, 12, 14));
    day("It happens today.", wed);
    day("It happens tomorrow.", ymd(2021, 12, 16));
    day("Shots were heard last night.", ymd(2021, 12, 14));
    day("They met two days ago.", ymd(2021, 12, 13));
    day("They met a week ago.", ymd(2021, 12, 8));
    range(
        "Biden last week warned Putin.",
        ymd(2021, 12, 6),
        ymd(2021, 12, 12),
    );
    range("Talks this week.", ymd(2021, 12, 13), ymd(2021, 12, 19));
    range("Talks next week.", ymd(2021, 12, 20), ymd(2021, 12, 26));
    range(
        "Protests last weekend.",
        ymd(2021, 12, 11),
        ymd(2021, 12, 12),
    );
    range("Talks next month.", ymd(2022, 1, 1), ymd(2022, 1, 31));
    range("Talks last month.", ymd(2021, 11, 1), ymd(2021, 11, 30));
    range("Talks this month.", ymd(2021, 12, 1), ymd(2021, 12, 31));
    range("Sales rose last year.", ymd(2020, 1, 1), ymd(2020, 12, 31));
    range(
        "Sales will rise next year.",
        ymd(2022, 1, 1),
        ymd(2022, 12, 31),
    );
}

#[test]
fn explicit_dates_and_months() {
    let wed = ymd(2021, 12, 15);
    let cases: &[(&str, &str, NaiveDate, NaiveDate)] = &[
        ("Talks on Dec 15.", "Dec 15", wed, wed),
        ("Talks on Dec. 15.", "Dec. 15", wed, wed),
        ("Talks on December 15, 2021.", "December 15, 2021", wed, wed),
        ("Talks on 15 December 2021.", "15 December 2021", wed, wed),
        ("Talks on 2021-12-15.", "2021-12-15", wed, wed),
        (
            "Talks on the 3rd of January.",
            "3rd of January",
            ymd(2022, 1, 3),
            ymd(2022, 1, 3),
        ),
        (
            "Talks on Jan. 10.",
            "Jan. 10",
            ymd(2022, 1, 10),
            ymd(2022, 1, 10),
        ),
        (
            "It began on Wednesday, Dec. 1.",
            "Wednesday, Dec. 1",
            ymd(2021, 12, 1),
            ymd(2021, 12, 1),
        ),
        (
            "It began in March 2020.",
            "March 2020",
            ymd(2020, 3, 1),
            ymd(2020, 3, 31),
        ),
        (
            "It began in March.",
            "March",
            ymd(2021, 3, 1),
            ymd(2021, 3, 31),
        ),
        (
            "It began in December.",
            "December",
            ymd(2021, 12, 1),
            ymd(2021, 12, 31),
        ),
        (
            "It will end next March.",
            "next March",
            ymd(2022, 3, 1),
            ymd(2022, 3, 31),
        ),
        (
            "Troops massed since mid-November.",
            "mid-November",
            ymd(2021, 11, 1),
            ymd(2021, 11, 30),
        ),
        (
            "Crimea was annexed in 2014.",
            "2014",
            ymd(2014, 1, 1),
            ymd(2014, 12, 31),
        ),
    ];
    for (text, expr, from, to) in cases {
        let got = one(text, wed);
        assert_eq!(got, (expr.to_string(), *from, *to), "{text}");
    }
}

#[test]
fn words_that_are_not_dates() {
    let wed = ymd(2021, 12, 15);
    for text in [
        "Russia may act militarily.",
        "Protesters march on the capital.",
        "The March on Washington was large.",
        "About 1,300 troops; 2021 was hard.",
        "This is the last word.",
        "Next, the ministers spoke.",
    ] {
        assert!(resolved(text, Some(wed)).is_empty(), "{text}");
    }
}

#[test]
fn granularity_and_sentence_index() {
    let mut doc = Document::from_text("g", "Talks failed. Biden spoke last week.");
    doc.date = Some(ymd(2021, 12, 15));
    let a = analyze(&doc);
    assert_eq!(a.dates.len(), 1);
    assert_eq!(a.dates[0].sentence, 1);
    assert_eq!(a.dates[0].granularity, Granularity::Week);
}

#[test]
fn without_a_date_only_absolute_dates_resolve() {
    let got = resolved(
        "On Wednesday, December 15, 2021, talks began. Dec 16 too.",
        None,
    );
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1, ymd(2021, 12, 15));
}

#[test]
fn publication_date_from_datelines() {
    let date_of = |text: &str, title: bool| {
        let mut doc = Document::from_text("d", text);
        if title {
            let end = text.find("\n\n").unwrap();
            doc.title_span = Some(Span::new(0, end));
        }
        analyze(&doc).date
    };
    assert_eq!(
        date_of(
            "MOSCOW, 2021-12-15 (Reuters) - Russia said on Tuesday.",
            false
        ),
        Some(ymd(2021, 12, 15))
    );
    assert_eq!(
        date_of(
            "Headline here\n\nPARIS, April 1, 1987 - The ministry said.",
            true
        ),
        Some(ymd(1987, 4, 1))
    );
    assert_eq!(
        date_of(
            "Title\n\nFriday, January 4, 2019\n\nA building collapsed.",
            true
        ),
        Some(ymd(2019, 1, 4))
    );
    // No year in the dateline: no date.
    assert_eq!(
        date_of("MOSCOW, Dec 15 (Reuters) - Russia said.", false),
        None
    );
    // A date deep in the first sentence is no dateline.
    assert_eq!(
        date_of(
            "Russia said a long time ago that talks held on December 15, 2021 failed.",
            false
        ),
        None
    );
    // Relative dates resolve against the dateline's date.
    let mut doc = Document::from_text("d", "MOSCOW, 2021-12-15 (Reuters) - Putin spoke on Monday.");
    doc.date = None;
    let a = analyze(&doc);
    let monday = a
        .dates
        .iter()
        .find(|m| m.span.slice(&doc.text) == "Monday")
        .unwrap();
    assert_eq!(monday.from, ymd(2021, 12, 13));
}
