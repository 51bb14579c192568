//! Date-bounded roles: ten people across role changes, with the role that gave each code.

use chrono::NaiveDate;
use petrel_dict::{KbBuilder, KnowledgeBase};
use std::path::PathBuf;

fn kb() -> KnowledgeBase {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/dicts");
    let mut b = KbBuilder::new();
    KnowledgeBase::load_dir_into(&mut b, &root.join("base"));
    KnowledgeBase::load_dir_into(&mut b, &root.join("people"));
    b.build().expect("test dictionaries load")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// (name, date, code, line of the role that gave it or None for the default code).
const CASES: &[(&str, &str, &str, Option<usize>)] = &[
    ("Joe Biden", "2000-06-01", "USALEG", Some(4)),
    ("Biden", "2009-01-19", "USAELI", None),
    ("Biden", "2009-01-20", "USAGOV", Some(5)),
    ("Joseph R. Biden", "2019-05-01", "USAELI", None),
    ("Joe Biden", "2021-12-15", "USAGOV", Some(6)),
    ("Biden", "2025-01-20", "USAELI", None),
    ("Vladimir Putin", "1999-01-01", "RUSSPY", Some(8)),
    ("Putin", "2005-01-01", "RUSGOV", Some(9)),
    ("Putin", "2008-05-07", "RUSELI", None),
    ("Putin", "2010-01-01", "RUSGOV", Some(10)),
    ("Putin", "2021-12-15", "RUSGOV", Some(11)),
    ("Dmitry Medvedev", "2005-01-01", "RUSBUS", Some(13)),
    ("Medvedev", "2010-01-01", "RUSGOV", Some(14)),
    ("Medvedev", "2015-01-01", "RUSGOV", Some(15)),
    ("Medvedev", "2021-12-15", "RUSGOV", Some(16)),
    ("Sergei Lavrov", "2000-01-01", "RUSGOV", Some(18)),
    ("Sergey Lavrov", "2004-03-09", "RUSGOV", Some(19)),
    ("Lavrov", "1990-01-01", "RUSELI", None),
    ("Erdogan", "1996-01-01", "TURGOV", Some(21)),
    ("Erdoğan", "2002-11-03", "TURPTY", Some(22)),
    ("Recep Tayyip Erdogan", "2010-01-01", "TURGOV", Some(23)),
    ("Erdogan", "2021-12-15", "TURGOV", Some(24)),
    ("Erdogan", "2000-01-01", "TURELI", None),
    ("Netanyahu", "1997-01-01", "ISRGOV", Some(26)),
    ("Netanyahu", "2007-01-01", "ISROPP", Some(27)),
    ("Benjamin Netanyahu", "2015-01-01", "ISRGOV", Some(28)),
    ("Netanyahu", "2021-12-15", "ISROPP", Some(29)),
    ("Netanyahu", "2023-06-01", "ISRGOV", Some(30)),
    ("Zelensky", "2015-01-01", "UKRBUS", None),
    ("Zelenskyy", "2019-03-31", "UKROPP", Some(32)),
    ("Volodymyr Zelensky", "2021-12-15", "UKRGOV", Some(33)),
    ("Blinken", "2016-01-01", "USAGOV", Some(35)),
    ("Blinken", "2019-01-01", "USAELI", None),
    ("Antony Blinken", "2021-12-15", "USAGOV", Some(36)),
    ("Blinken", "2025-02-01", "USAELI", None),
    ("Xi Jinping", "2010-01-01", "CHNGOV", Some(38)),
    ("Xi", "2021-12-15", "CHNGOV", Some(39)),
    ("Xi Jinping", "2005-01-01", "CHNGOV", None),
    ("Modi", "2010-01-01", "INDGOV", Some(41)),
    ("Narendra Modi", "2014-05-24", "INDPTY", None),
    ("Modi", "2021-12-15", "INDGOV", Some(42)),
];

#[test]
fn ten_people_across_role_changes() {
    let kb = kb();
    for &(name, date, code, line) in CASES {
        let (entry, got, role) = kb
            .lookup(name, Some(d(date)))
            .unwrap_or_else(|| panic!("{name} not found"));
        assert_eq!(got, code, "{name} on {date} ({})", entry.name);
        assert_eq!(role.map(|r| r.origin.line), line, "{name} on {date}");
    }
    let people: std::collections::HashSet<&str> = CASES
        .iter()
        .map(|c| kb.lookup(c.0, None).unwrap().0.name.as_str())
        .collect();
    assert_eq!(people.len(), 10);
}

#[test]
fn without_a_date_the_default_code_applies() {
    let kb = kb();
    assert_eq!(kb.lookup("Biden", None).unwrap().1, "USAELI");
    assert!(kb.lookup("Biden", None).unwrap().2.is_none());
}

#[test]
fn case_and_quotes_do_not_matter() {
    let kb = kb();
    assert_eq!(
        kb.lookup("SERGEI LAVROV", Some(d("2021-12-15"))).unwrap().1,
        "RUSGOV"
    );
    assert!(kb.lookup("Sergei", Some(d("2021-12-15"))).is_none());
}
