//! Features of the coder's output beyond codes: names of resolved actors, attribution chains,
//! quotes with speakers and `via`, dates, locations, evidence spans.

use petrel_coder::Coder;
use petrel_core::Document;
use petrel_dict::KnowledgeBase;
use petrel_events::{Event, Modality, Quote, Record};
use std::sync::OnceLock;

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::builtin().expect("built-in knowledge base loads"))
}

fn code(text: &str) -> (Document, Vec<Event>, Vec<Quote>) {
    let mut doc = Document::from_text("t", text);
    doc.date = chrono::NaiveDate::from_ymd_opt(2021, 12, 15);
    let mut events = Vec::new();
    let mut quotes = Vec::new();
    for r in Coder::new(kb()).code(&doc) {
        match r {
            Record::Event(e) => events.push(e),
            Record::Quote(q) => quotes.push(q),
        }
    }
    (doc, events, quotes)
}

#[test]
fn quote_speaker_via_outlet_and_resolved_name() {
    let (_, _, quotes) = code(
        "Putin's senior aide Yury Ushakov met reporters. \
         \"We are ready for talks,\" Interfax quoted Putin's aide as saying.",
    );
    let q = quotes
        .iter()
        .find(|q| q.text.contains("ready for talks"))
        .expect("the direct quote");
    assert!(q.direct);
    assert_eq!(q.speaker.code, "RUSGOV");
    assert_eq!(q.speaker.name.as_deref(), Some("Yury Ushakov"));
    assert_eq!(q.via.len(), 1);
    assert_eq!(q.via[0].text, "Interfax");
    assert_eq!(q.via[0].code.as_deref(), Some("RUSMED"));
}

#[test]
fn attribution_chain_innermost_first() {
    let (_, events, _) = code(
        "Ushakov said Putin spoke with Xi. \
         \"The Chinese president stressed that he supports Russia,\" Interfax quoted him as saying.",
    );
    let e = events
        .iter()
        .find(|e| e.cameo.starts_with("05") && e.source.code == "CHNGOV")
        .expect("the support event");
    assert_eq!(e.modality, Modality::Reported);
    assert_eq!(e.target.as_ref().map(|t| t.code.as_str()), Some("RUS"));
    assert_eq!(e.source.name.as_deref(), Some("Xi Jinping"));
    let chain: Vec<&str> = e.attribution.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(chain, ["The Chinese president", "him", "Interfax"]);
    assert_eq!(e.attribution[1].name.as_deref(), Some("Yury Ushakov"));
}

#[test]
fn quotation_over_two_sentences_gets_its_speaker() {
    let (_, events, quotes) =
        code("\"Russia attacked Ukraine. It violated the law,\" Blinken said.");
    let q = quotes.iter().find(|q| q.direct).expect("direct quote");
    assert!(q.text.starts_with("Russia attacked Ukraine."));
    assert!(q.text.contains("It violated the law"));
    assert_eq!(q.speaker.code, "USAGOV");
    let attack = events
        .iter()
        .find(|e| e.cameo.starts_with("19"))
        .expect("the attack event");
    assert_eq!(attack.modality, Modality::Reported);
    assert_eq!(
        attack.attribution.first().map(|a| a.text.as_str()),
        Some("Blinken")
    );
}

#[test]
fn evidence_spans_point_into_the_text() {
    let (doc, events, quotes) =
        code("Russia's Foreign Ministry passed the offer to Karen Donfried.");
    assert!(!events.is_empty());
    for e in &events {
        assert_eq!(&doc.text[e.evidence.start..e.evidence.end], e.evidence.text);
        assert_eq!(&doc.text[e.source.start..e.source.end], e.source.text);
        assert_eq!(e.source.text, "Russia's Foreign Ministry");
        assert_eq!(e.source.code, "RUSGOV");
        assert!(e.rule.contains("dict/verbs/"), "{}", e.rule);
        assert!(!e.cameo_name.is_empty() && !e.plover.kind.is_empty());
    }
    for q in &quotes {
        assert_eq!(&doc.text[q.evidence.start..q.evidence.end], q.evidence.text);
    }
}

#[test]
fn location_and_publication_date() {
    let (_, events, _) = code("Erdogan met Putin in Sochi.");
    let e = events
        .iter()
        .find(|e| e.cameo.starts_with("04"))
        .expect("meeting");
    assert_eq!(e.date, "2021-12-15");
    assert_eq!(e.location.as_ref().map(|l| l.text.as_str()), Some("Sochi"));
}

#[test]
fn the_russian_leader_carries_the_name() {
    let (_, events, _) =
        code("Vladimir Putin spoke with Emmanuel Macron. The Russian leader criticized Ukraine.");
    let e = events
        .iter()
        .find(|e| e.cameo.starts_with("11"))
        .expect("criticism");
    assert_eq!(e.source.code, "RUSGOV");
    assert_eq!(e.source.text, "The Russian leader");
    assert_eq!(e.source.name.as_deref(), Some("Vladimir Putin"));
}

#[test]
fn threat_is_asserted_the_threatened_act_is_not() {
    let (_, events, _) = code(
        "Sergei Ryabkov warned that Moscow could act militarily if the talks do not materialize.",
    );
    let threat = events
        .iter()
        .find(|e| e.cameo.starts_with("13"))
        .expect("threat");
    assert_eq!(threat.modality, Modality::Asserted);
    assert!(events
        .iter()
        .filter(|e| !e.cameo.starts_with("13"))
        .all(|e| !e.modality.is_factual()));
}

/// `...` in a pattern lets any words stand between its elements, complement clauses
/// included (up to a verb with patterns of its own); without it only noun-phrase material may.
#[test]
fn any_words_element_reaches_into_complement_clauses() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("verbs")).unwrap();
    std::fs::write(
        dir.path().join("verbs/test.txt"),
        "verb muse\n    0311  muse ... treaty\n    040   muse\n",
    )
    .unwrap();
    let kb = KnowledgeBase::load(&[dir.path().to_path_buf()]).expect("loads");
    let codes = |kb: &KnowledgeBase, text: &str| -> Vec<String> {
        let mut doc = Document::from_text("t", text);
        doc.date = chrono::NaiveDate::from_ymd_opt(2021, 12, 15);
        Coder::new(kb)
            .code(&doc)
            .into_iter()
            .filter_map(|r| match r {
                Record::Event(e) if e.source.code == "RUS" => Some(e.cameo),
                _ => None,
            })
            .collect()
    };
    let ready = "Russia mused that Ukraine is ready for the treaty.";
    assert_eq!(codes(&kb, ready), vec!["0311".to_string()]);
    // `sign` codes what follows it: the gap stops there
    let sign = "Russia mused that Ukraine would sign the treaty.";
    assert_eq!(codes(&kb, sign), vec!["040".to_string()]);
    std::fs::write(
        dir.path().join("verbs/test.txt"),
        "verb muse\n    0311  muse treaty\n    040   muse\n",
    )
    .unwrap();
    let kb = KnowledgeBase::load(&[dir.path().to_path_buf()]).expect("loads");
    assert_eq!(codes(&kb, ready), vec!["040".to_string()]);
}

/// `%` before the head: a pattern for coordinated subjects, who act on each other.
#[test]
fn mutual_pattern_needs_a_coordinated_subject() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("verbs")).unwrap();
    std::fs::write(
        dir.path().join("verbs/test.txt"),
        "verb concur\n    030  % concur\n    040  concur\n",
    )
    .unwrap();
    let kb = KnowledgeBase::load(&[dir.path().to_path_buf()]).expect("loads");
    let coded = |text: &str| -> Vec<(String, String, String)> {
        let mut doc = Document::from_text("t", text);
        doc.date = chrono::NaiveDate::from_ymd_opt(2021, 12, 15);
        let mut v: Vec<_> = Coder::new(&kb)
            .code(&doc)
            .into_iter()
            .filter_map(|r| match r {
                Record::Event(e) => Some((
                    e.source.code,
                    e.target.map(|t| t.code).unwrap_or_default(),
                    e.cameo,
                )),
                _ => None,
            })
            .collect();
        v.sort();
        v
    };
    let t = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        coded("Russia and China concur."),
        vec![t("CHN", "RUS", "030"), t("RUS", "CHN", "030")]
    );
    assert_eq!(coded("Russia concurs."), vec![t("RUS", "", "040")]);
}

/// A bare weekday is the past one for what happened and the next one for what is to come; a
/// date in a governed clause is that clause's (article date: Wednesday 2021-12-15).
#[test]
fn weekdays_look_ahead_for_events_to_come() {
    let mut doc = Document::from_text(
        "t",
        "Putin met Biden on Monday. Putin will meet Biden on Thursday. \
         Russia plans to attack Ukraine on Saturday.",
    );
    doc.date = chrono::NaiveDate::from_ymd_opt(2021, 12, 15);
    let got: Vec<(String, String)> = Coder::new(kb())
        .code(&doc)
        .into_iter()
        .filter_map(|r| match r {
            Record::Event(e) => Some((e.cameo, e.date)),
            _ => None,
        })
        .collect();
    let want = |c: &str, d: &str| (c.to_string(), d.to_string());
    assert_eq!(
        got,
        vec![
            want("040", "2021-12-13"),
            want("040", "2021-12-16"),
            // the plan is a threat made now; the attack would come on Saturday
            want("1384", "2021-12-15"),
            want("190", "2021-12-18"),
        ]
    );
}
