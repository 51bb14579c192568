//! The knowledge-base API over small test dictionaries: inflections, block merging, pattern
//! order, leftmost-longest matching, composition of actors and agents.

use petrel_dict::{KbBuilder, KnowledgeBase, Match, PatternElem};
use std::path::PathBuf;

fn kb(layers: &[&str]) -> KnowledgeBase {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/dicts");
    let mut b = KbBuilder::new();
    for l in layers {
        KnowledgeBase::load_dir_into(&mut b, &root.join(l));
    }
    b.build().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn verb_forms_generated_and_irregular() {
    let kb = kb(&["base", "merge"]);
    for (form, lemma) in [
        ("warns", "warn"),
        ("warned", "warn"),
        ("warning", "warn"),
        ("Warned", "warn"),
        ("sent", "send"),
        ("sends", "send"),
        ("sending", "send"),
        ("led", "lead"),
        ("stopped", "stop"),
        ("stopping", "stop"),
    ] {
        assert_eq!(kb.verb_lemma(form), Some(lemma), "{form}");
    }
    assert_eq!(kb.verb_lemma("stoped"), None);
    assert_eq!(kb.verb_lemma("sanction"), None);
    assert_eq!(kb.noun_lemma("invasions"), Some("invasion"));
    assert_eq!(kb.noun_lemma("talks"), Some("talk"));
    assert!(kb.verb("send").unwrap().forms.contains(&"sent".to_string()));
}

#[test]
fn blocks_merge_and_patterns_sort_most_specific_first() {
    let kb = kb(&["base", "merge"]);
    let warn = kb.verb("warn").unwrap();
    // base: 130, 1312 (@SANCTION), 138 (group); merge a.txt: 130 again (identical, tolerated),
    // 138 of war; b.txt: 138 of war again (tolerated), 1312 with three literal elements.
    let texts: Vec<&str> = warn.patterns.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(warn.patterns.len(), 5, "{texts:?}");
    assert_eq!(warn.patterns[0].text, "warn + of @SANCTION over");
    assert_eq!(warn.patterns.last().unwrap().text, "warn");
    let spec: Vec<usize> = warn.patterns.iter().map(|p| p.specificity()).collect();
    assert!(spec.windows(2).all(|w| w[0] >= w[1]), "{spec:?}");
    // A word set expands to its alternatives.
    let p = &warn.patterns[0];
    assert_eq!(
        p.after[2],
        PatternElem::Words(vec![vec!["sanction".into()], vec!["embargo".into()]])
    );
    // Noun patterns keep elements before the head.
    let inv = kb.noun("invasion").unwrap();
    assert_eq!(inv.patterns[0].before, vec![PatternElem::Source]);
    assert_eq!(kb.counts().verb_patterns, 5 + 1 + 1 + 1);
}

#[test]
fn actors_and_agents_leftmost_longest() {
    let kb = kb(&["base"]);
    let words = [
        "The",
        "North",
        "Atlantic",
        "Treaty",
        "Organization",
        "and",
        "Russian",
        "troops",
        "met",
        "Finnish",
        "policemen",
        "in",
        "Moscow",
    ];
    let a = kb.actors_in(&words);
    let names: Vec<&str> = a.iter().map(|m| kb.actor(m.id).name.as_str()).collect();
    assert_eq!(names, ["NATO", "Russia", "Finland", "Moscow"]);
    assert_eq!(
        a[0],
        Match {
            start: 1,
            end: 5,
            id: a[0].id
        }
    );
    let g = kb.agents_in(&words);
    let agents: Vec<(&str, usize)> = g
        .iter()
        .map(|m| (kb.agent(m.id).code.as_str(), m.start))
        .collect();
    assert_eq!(agents, [("MIL", 7), ("COP", 10)]);
    assert_eq!(kb.actors_and_agents_in(&words), (a.clone(), g.clone()));
    // Generated plural of the last word.
    assert_eq!(kb.agents_in(&["foreign", "ministries"]).len(), 1);
    assert_eq!(kb.agents_in(&["aides"]).len(), 1);
}

#[test]
fn descriptions_combine_actor_and_agent() {
    let kb = kb(&["base"]);
    for (text, code) in [
        ("Russian troops", "RUSMIL"),
        ("Russia's foreign ministry", "RUSGOV"),
        ("Russia’s Foreign Ministry", "RUSGOV"),
        ("his Finnish counterpart", "FINGOV"),
        ("the army of Russia", "RUSMIL"),
        ("NATO troops", "IGOWSTNATMIL"),
        ("Moscow", "RUS"),
        ("police", "COP"),
    ] {
        let r = kb
            .resolve(text, None)
            .unwrap_or_else(|| panic!("{text} unresolved"));
        assert_eq!(r.code, code, "{text}");
    }
    assert!(kb.resolve("Russian troops stormed", None).is_none());
    assert!(kb.resolve("", None).is_none());
}

#[test]
fn cameo_table() {
    let kb = KnowledgeBase::builtin().unwrap_or_else(|e| panic!("{e}"));
    assert!(kb.cameo_codes().len() >= 300);
    let c = kb.cameo("1312").unwrap();
    assert_eq!(c.goldstein, -5.8);
    assert_eq!(c.quad_class, 3);
    assert_eq!(c.plover_type, "THREATEN");
    for root in 1..=20 {
        assert!(kb.cameo(&format!("{root:02}")).is_some(), "root {root:02}");
    }
    // Every 3- and 4-digit code sits under a listed parent.
    for c in kb.cameo_codes() {
        if c.code.len() > 2 {
            assert!(
                kb.cameo(&c.code[..c.code.len() - 1]).is_some(),
                "{} has no parent",
                c.code
            );
        }
        let quad = match &c.code[..2] {
            "01" | "02" | "03" | "04" | "05" => 1,
            "06" | "07" | "08" => 2,
            "09" | "10" | "11" | "12" | "13" => 3,
            _ => 4,
        };
        assert_eq!(c.quad_class, quad, "{}", c.code);
    }
}
