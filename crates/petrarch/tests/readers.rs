//! Reader tests, each on a small file of petrel's own in PETRARCH format (tests/data/).

use petrel_dict::PatternElem;
use petrel_petrarch::actors::ActorDict;
use petrel_petrarch::agents::{AgentDict, Placement};
use petrel_petrarch::verbs::{PatElem, Piece, VerbCode, VerbDict};
use petrel_petrarch::{load, Discards, Issues, LoadOptions, PetrarchFiles, Severity};
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(data(name)).expect("test data")
}

fn unreadable_lines(d: &[petrel_petrarch::Diagnostic]) -> Vec<usize> {
    d.iter()
        .filter(|d| d.severity == Severity::Unreadable)
        .map(|d| d.line)
        .collect()
}

#[test]
fn verbs_synsets_blocks_forms_and_patterns() {
    let (d, diags) = VerbDict::parse("verbs.txt", &read("verbs.txt"));
    // Bad lines are reported with their line numbers and skipped.
    assert_eq!(unreadable_lines(&diags), vec![37, 38, 39], "{diags:#?}");
    assert!(diags.iter().all(|d| d.file == "verbs.txt"));
    // Synonym sets, nested ones expanded, `_` joining words.
    assert_eq!(
        d.expand_set("ENVOY"),
        vec!["ENVOY", "EMISSARY", "SPECIAL ENVOY"]
    );
    assert_eq!(
        d.expand_set("PARLEY"),
        vec!["TALKS", "NEGOTIATIONS", "PARLEY"]
    );
    assert_eq!(d.blocks.len(), 5);
    let send = &d.blocks[0];
    assert_eq!(send.code, VerbCode::Null);
    assert_eq!(send.verbs[0].forms, vec!["SENDS", "SENDING", "SENT"]);
    assert_eq!(send.verbs[1].verb, "DISPATCH");
    assert_eq!(send.patterns.len(), 5);
    // `[042:043]`, `(...)`, `+`.
    let p = &send.patterns[0];
    assert_eq!(
        p.code,
        VerbCode::Event {
            forward: Some("042".into()),
            reverse: Some("043".into())
        }
    );
    assert!(matches!(&p.after[1], PatElem::Prep(v) if v.len() == 2 && v[1] == PatElem::Target));
    // `/` alternatives and `&SET`.
    assert_eq!(
        send.patterns[2].after[0],
        PatElem::Word(vec![Piece::Lit(vec!["BY".into(), "WITH".into()])])
    );
    assert_eq!(
        send.patterns[2].after[1],
        PatElem::Word(vec![Piece::Set("PARLEY".into())])
    );
    // `$` before the verb, `^`, `[---]`.
    assert_eq!(send.patterns[3].before, vec![PatElem::Source]);
    assert_eq!(send.patterns[3].after[0], PatElem::Skip);
    assert_eq!(send.patterns[3].code, VerbCode::Null);
    // Multi-word `+` forms with irregular forms, `{...}`, `%`, `[:075A]`.
    let pull = &d.blocks[1];
    assert_eq!(pull.verbs[0].verb, "PULL");
    assert_eq!(pull.verbs[0].post, vec!["OUT"]);
    assert_eq!(pull.verbs[0].forms, vec!["PULLS", "PULLING", "PULLED"]);
    assert!(
        matches!(&pull.patterns[0].after[0], PatElem::Prep(v) if matches!(&v[1], PatElem::Phrase(w) if w.len() == 2))
    );
    assert_eq!(pull.patterns[1].before.last(), Some(&PatElem::Target));
    assert!(matches!(&pull.patterns[1].after[0], PatElem::Prep(v) if v[1] == PatElem::Compound));
    assert_eq!(pull.patterns[1].code.to_petrel().as_deref(), Some(":075A"));
    // Verb-first multi-word form `KLM_+PRAISE`: words before the verb.
    let hail = &d.blocks[2];
    assert_eq!(hail.code.to_petrel().as_deref(), Some("051"));
    assert_eq!(hail.verbs[1].pre, vec!["KLM"]);
    assert_eq!(hail.verbs[1].verb, "PRAISE");
    // `*` inside underscores.
    assert_eq!(hail.patterns[0].after.len(), 1);
    assert_eq!(d.transformations.len(), 1);
}

#[test]
fn actors_aliases_dates_and_comments() {
    let (d, diags) = ActorDict::parse("actors.txt", &read("actors.txt"));
    let bad = unreadable_lines(&diags);
    assert_eq!(bad, vec![22, 23, 26], "{diags:#?}");
    let fr = &d.entries[0];
    assert_eq!(fr.names, vec!["FREEDONIA", "FREEDONIAN", "FREEDONIA CITY"]);
    assert_eq!(fr.codes[0].code, "FRD");
    let ff = &d.entries[2];
    assert_eq!(ff.names, vec!["RUFUS T. FIREFLY", "FIREFLY"]);
    assert_eq!(ff.codes.len(), 4);
    assert_eq!(ff.codes[0].from.unwrap().to_string(), "1930-01-01");
    assert_eq!(ff.codes[1].until.unwrap().to_string(), "1933-12-31");
    assert_eq!(ff.codes[2].from.unwrap().to_string(), "1940-01-01");
    assert!(ff.codes[3].is_default());
    // Consecutive names share the codes below them; `<` and spaced 8-digit ranges.
    let tr = &d.entries[3];
    assert_eq!(tr.names, vec!["TRENTINO", "AMBASSADOR TRENTINO"]);
    assert_eq!(tr.codes[0].until.unwrap().to_string(), "1995-05-31");
    assert_eq!(tr.codes[1].until.unwrap().to_string(), "1999-08-15");
}

#[test]
fn agents_substitutions_and_codes() {
    let (d, diags) = AgentDict::parse("agents.txt", &read("agents.txt"));
    assert_eq!(unreadable_lines(&diags), vec![12, 13], "{diags:#?}");
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
        1
    );
    let names: Vec<&str> = d
        .entries
        .iter()
        .flat_map(|a| a.names.iter().map(String::as_str))
        .collect();
    for n in [
        "TROOPS",
        "SOLDIERY",
        "FOREIGN MINISTER",
        "FOREIGN MINISTRY",
        "SPOKESWOMEN",
        "ECOLOGY OFFICE",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    let rg = d
        .entries
        .iter()
        .find(|a| a.names[0] == "RIGHTS GROUP")
        .unwrap();
    assert_eq!((rg.code.as_str(), rg.placement), ("NGO", Placement::Prefix));
    let po = d.entries.iter().find(|a| a.names[0] == "POLICE").unwrap();
    assert_eq!((po.code.as_str(), po.placement), ("COP", Placement::Suffix));
}

#[test]
fn discards_and_issues() {
    let (d, diags) = Discards::parse("discards.txt", &read("discards.txt"));
    assert!(diags.is_empty());
    assert!(d.matches("After the football match, fans rioted."));
    assert!(d.matches("Years later, they met."));
    assert!(d.phrases[1].whole_story);
    assert!(!d.matches("The match was played."));
    let (i, diags) = Issues::parse("issues.txt", &read("issues.txt"));
    assert_eq!(unreadable_lines(&diags), vec![10, 12], "{diags:#?}");
    assert_eq!(i.blocks.len(), 2);
    let hits = i.find("Droughts hit the region; clean water is scarce and wells dry.");
    let codes: Vec<&str> = hits.iter().map(|h| h.code.as_str()).collect();
    assert_eq!(codes, vec!["DROUGHT", "WATER_ACCESS", "WATER"]);
    assert!(i.find("Well done, the droughts are over").is_empty());
    assert_eq!(i.find("pre-schools opened")[0].code, "PRESCHOOL");
}

#[test]
fn converts_into_a_knowledge_base() {
    let files = PetrarchFiles {
        verbs: Some(data("verbs.txt")),
        actors: vec![data("actors.txt")],
        agents: Some(data("agents.txt")),
        discards: Some(data("discards.txt")),
        issues: Some(data("issues.txt")),
    };
    let l = load(&files, LoadOptions::default()).expect("loads");
    let kb = &l.kb;
    // Verbs: listed and generated forms, block patterns on every verb of the block.
    assert_eq!(kb.verb_lemma("sent"), Some("send"));
    assert_eq!(kb.verb_lemma("dispatched"), Some("dispatch"));
    let send = kb.verb("dispatch").expect("dispatch");
    let envoy = send
        .patterns
        .iter()
        .find(|p| p.code.as_deref() == Some("042:043"))
        .expect("envoy pattern");
    assert_eq!(
        envoy.after,
        vec![
            // words written apart may have any words between them
            PatternElem::Any,
            PatternElem::Words(vec![
                vec!["envoy".to_string()],
                vec!["emissary".to_string()],
                vec!["special".to_string(), "envoy".to_string()]
            ]),
            PatternElem::Any,
            // inside a bracketed phrase they are adjacent
            PatternElem::Words(vec![vec!["to".to_string()]]),
            PatternElem::Target,
        ]
    );
    // A block listed by an inflected form holds for that form only.
    let code = |text: &str| -> Vec<String> {
        let doc = petrel_core::Document::from_text("t", text);
        petrel_coder::Coder::new(kb)
            .with_petrarch_targets(true)
            .code(&doc)
            .into_iter()
            .filter_map(|r| match r {
                petrel_events::Record::Event(e) => Some(e.cameo),
                _ => None,
            })
            .collect()
    };
    assert_eq!(code("Freedonia left for Sylvania."), vec!["032"]);
    assert_eq!(code("Freedonia leaves for Sylvania."), vec!["012"]);
    // `IN_*_OUT`: joined to the verb by `_`, no gap.
    let hail = kb.verb("hail").expect("hail");
    let tight = hail
        .patterns
        .iter()
        .find(|p| p.code.as_deref() == Some("abc"))
        .unwrap();
    assert_eq!(
        (tight.before.clone(), tight.after.clone()),
        (
            vec![PatternElem::Words(vec![vec!["in".to_string()]])],
            vec![PatternElem::Words(vec![vec!["out".to_string()]])]
        )
    );
    // `[---]` is a pattern that codes nothing; `$` before the verb is kept.
    assert!(send
        .patterns
        .iter()
        .any(|p| p.code.is_none() && p.before.first() == Some(&PatternElem::Source)));
    // Multi-word verb: its particle comes first after the head.
    let pull = kb.verb("pull").expect("pull");
    let bare = pull
        .patterns
        .iter()
        .find(|p| p.code.as_deref() == Some("0874"))
        .unwrap();
    assert_eq!(
        bare.after,
        vec![PatternElem::Words(vec![vec!["out".to_string()]])]
    );
    // Codes absent from petrel's table are registered; pairs keep the data of the first.
    assert_eq!(
        kb.cameo("042:043").unwrap().quad_class,
        kb.cameo("042").unwrap().quad_class
    );
    assert!(kb.cameo(":075A").is_some());
    assert!(kb.cameo("abc").is_some());
    // Actors with dates; agents combine with PETRARCH country codes.
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    assert_eq!(kb.lookup("Freedonia", None).unwrap().1, "FRD");
    assert_eq!(kb.lookup("Firefly", d("1933-06-01")).unwrap().1, "FRDGOV");
    assert_eq!(kb.lookup("Firefly", d("1935-06-01")).unwrap().1, "FRDELI");
    assert_eq!(kb.lookup("Trentino", d("1994-01-01")).unwrap().1, "SYLGOV");
    assert_eq!(
        kb.resolve("Freedonian troops", None).unwrap().code,
        "FRDMIL"
    );
    // `{}` lists every plural: none for POLICE, SOLDIERY for SOLDIER.
    assert_eq!(
        kb.resolve("Freedonian police", None).unwrap().code,
        "FRDCOP"
    );
    assert!(kb
        .resolve("Freedonian polices", None)
        .is_none_or(|r| !r.code.ends_with("COP")));
    assert_eq!(
        kb.resolve("Freedonian soldiery", None).unwrap().code,
        "FRDMIL"
    );
    assert_eq!(
        kb.resolve("the Sylvanian foreign ministry", None)
            .unwrap()
            .code,
        "SYLGOV"
    );
    // The later conflicting FREEDONIA is a warning, not an error.
    assert!(l
        .diagnostics
        .iter()
        .any(|x| x.severity == Severity::Warning && x.reason.contains("FREEDONIA")));
    assert!(l.discards.matches("a football match"));
    assert_eq!(l.issues.blocks.len(), 2);
}
