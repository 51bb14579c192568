//! Date-bounded roles in the built-in base: ten people across their role changes.
//! Dates are well inside each role, so the test checks facts, not exact boundary days.

use chrono::NaiveDate;
use petrel_dict::KnowledgeBase;

const CASES: &[(&str, &str, &str)] = &[
    ("Joe Biden", "2012-06-01", "USAGOV"),
    ("Joe Biden", "2019-06-01", "USAELI"),
    ("Joe Biden", "2021-12-15", "USAGOV"),
    ("Joe Biden", "2025-06-01", "USAELI"),
    ("Vladimir Putin", "2004-06-01", "RUSGOV"),
    ("Vladimir Putin", "2010-06-01", "RUSGOV"),
    ("Vladimir Putin", "2021-12-15", "RUSGOV"),
    ("Dmitry Medvedev", "2010-06-01", "RUSGOV"),
    ("Dmitry Medvedev", "2016-06-01", "RUSGOV"),
    ("Sergei Lavrov", "2010-06-01", "RUSGOV"),
    ("Sergei Lavrov", "2021-12-15", "RUSGOV"),
    ("Recep Tayyip Erdogan", "2008-06-01", "TURGOV"),
    ("Recep Tayyip Erdogan", "2021-12-15", "TURGOV"),
    ("Benjamin Netanyahu", "2015-06-01", "ISRGOV"),
    ("Benjamin Netanyahu", "2021-12-15", "ISROPP"),
    ("Benjamin Netanyahu", "2023-06-01", "ISRGOV"),
    ("Volodymyr Zelensky", "2021-12-15", "UKRGOV"),
    ("Antony Blinken", "2019-06-01", "USAELI"),
    ("Antony Blinken", "2021-12-15", "USAGOV"),
    ("Xi Jinping", "2021-12-15", "CHNGOV"),
    ("Narendra Modi", "2010-06-01", "INDLOC"), // chief minister of Gujarat
    ("Narendra Modi", "2021-12-15", "INDGOV"),
];

#[test]
fn builtin_people_across_role_changes() {
    let kb = KnowledgeBase::builtin().unwrap_or_else(|e| panic!("built-in base: {e}"));
    let mut failures = Vec::new();
    for &(name, date, want) in CASES {
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        match kb.lookup(name, Some(d)) {
            Some((_, code, _)) if code == want => {}
            Some((e, code, role)) => failures.push(format!(
                "{name} on {date}: got {code} ({}), want {want}",
                role.map(|r| r.origin.to_string())
                    .unwrap_or_else(|| e.origin.to_string())
            )),
            None => failures.push(format!("{name}: not in the built-in base")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn named_groups_keep_their_code_with_an_agent() {
    let kb = petrel_dict::KnowledgeBase::builtin().expect("built-in base loads");
    let d = chrono::NaiveDate::from_ymd_opt(2023, 11, 1);
    let hamas = kb.resolve("Hamas fighters", d).expect("resolves").code;
    assert_eq!(hamas, kb.resolve("Hamas", d).unwrap().code);
    assert!(hamas.ends_with("HAM"), "{hamas}");
    assert_eq!(kb.resolve("Russian troops", d).unwrap().code, "RUSMIL");
}
