//! One test per loader error kind: each asserts the kind, the file and the line.

use petrel_dict::{DictError, DictErrors, KbBuilder, KnowledgeBase};
use std::path::PathBuf;

fn dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/dicts")
        .join(name)
}

/// Loads the small base layer, then `case` on top; no built-in files.
fn load(case: &str) -> Result<KnowledgeBase, DictErrors> {
    let mut b = KbBuilder::new();
    KnowledgeBase::load_dir_into(&mut b, &dir("base"));
    KnowledgeBase::load_dir_into(&mut b, &dir(case));
    b.build()
}

fn errors(case: &str) -> Vec<DictError> {
    match load(case) {
        Ok(_) => panic!("{case}: expected errors"),
        Err(e) => e.0,
    }
}

/// Asserts `e`'s message names `file:line:` (file relative to the case folder).
fn at(e: &DictError, case: &str, file: &str, line: usize) {
    let msg = e.to_string();
    let want = format!("{}:{line}:", dir(case).join(file).display());
    assert!(msg.starts_with(&want), "{msg:?} should start with {want:?}");
    let o = e.origin().expect("has origin");
    assert_eq!(o.line, line, "{msg}");
}

#[test]
fn base_layer_is_valid() {
    let mut b = KbBuilder::new();
    KnowledgeBase::load_dir_into(&mut b, &dir("base"));
    let kb = b.build().expect("base loads");
    assert_eq!(kb.counts().cameo_codes, 6);
    assert_eq!(kb.counts().actors, 4);
}

#[test]
fn unknown_segment() {
    let e = errors("unknown_code");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        matches!(&e[0], DictError::UnknownCode { code, segment, .. } if code == "RUSXYZ" && segment == "XYZ")
    );
    at(&e[0], "unknown_code", "actors/a.txt", 3);
    assert!(e[0].to_string().contains("unknown code RUSXYZ"));
}

#[test]
fn unknown_event_code() {
    let e = errors("unknown_event_code");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(matches!(&e[0], DictError::UnknownEventCode { code, .. } if code == "999"));
    at(&e[0], "unknown_event_code", "verbs/v.txt", 3);
}

#[test]
fn bad_date() {
    let e = errors("bad_date");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(matches!(&e[0], DictError::BadDate { text, .. } if text == "2021-13-01"));
    at(&e[0], "bad_date", "actors/a.txt", 4);
}

#[test]
fn bad_range() {
    let e = errors("bad_range");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(matches!(&e[0], DictError::BadRange { .. }));
    at(&e[0], "bad_range", "actors/a.txt", 4);
    assert!(e[0]
        .to_string()
        .contains("2008-05-07..2000-05-07 (end before start)"));
}

#[test]
fn overlapping_roles() {
    let e = errors("overlap");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        matches!(&e[0], DictError::OverlappingRoles { code, other_line: 3, other_code, .. } if code == "RUSMIL" && other_code == "RUSGOV")
    );
    at(&e[0], "overlap", "actors/a.txt", 4);
}

#[test]
fn entry_without_code() {
    let e = errors("no_code");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(matches!(&e[0], DictError::NoCode { name, .. } if name == "Pyotr Ivanov"));
    at(&e[0], "no_code", "actors/a.txt", 3);
}

#[test]
fn duplicate_alias_in_one_layer() {
    let e = errors("duplicate_alias");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        matches!(&e[0], DictError::DuplicateAlias { name, code, earlier_code, .. } if name == "moscow" && code == "RUSGOV" && earlier_code == "RUS")
    );
    at(&e[0], "duplicate_alias", "actors/b.txt", 4);
    // The earlier definition is named too.
    let earlier = format!(
        "{}:2",
        dir("duplicate_alias").join("actors/a.txt").display()
    );
    assert!(e[0].to_string().contains(&earlier), "{}", e[0]);
}

#[test]
fn malformed_patterns_all_reported() {
    let e = errors("malformed_pattern");
    assert_eq!(e.len(), 3, "{e:?}");
    let reasons: Vec<String> = e.iter().map(|e| e.to_string()).collect();
    at(&e[0], "malformed_pattern", "verbs/v.txt", 3);
    assert!(
        reasons[0].contains("unknown word set @FORCE"),
        "{}",
        reasons[0]
    );
    at(&e[1], "malformed_pattern", "verbs/v.txt", 4);
    assert!(
        reasons[1].contains("unbalanced parentheses"),
        "{}",
        reasons[1]
    );
    at(&e[2], "malformed_pattern", "verbs/v.txt", 5);
    assert!(reasons[2].contains("no lemma"), "{}", reasons[2]);
    assert!(e
        .iter()
        .all(|e| matches!(e, DictError::MalformedPattern { .. })));
}

#[test]
fn pattern_outside_block() {
    let e = errors("outside_block");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(matches!(&e[0], DictError::PatternOutsideBlock { .. }));
    at(&e[0], "outside_block", "verbs/v.txt", 3);
}

#[test]
fn unknown_section() {
    let e = errors("unknown_section");
    // The section is unknown, and its entry is outside any known section.
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(matches!(&e[0], DictError::UnknownSection { name, .. } if name == "people"));
    at(&e[0], "unknown_section", "actors/a.txt", 3);
    assert!(matches!(&e[1], DictError::EntryOutsideSection { .. }));
    at(&e[1], "unknown_section", "actors/a.txt", 4);
}

#[test]
fn conflicting_patterns_in_one_layer() {
    let e = errors("conflicting_pattern");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        matches!(&e[0], DictError::ConflictingPattern { code, earlier_code, .. } if code == "138" && earlier_code == "1312")
    );
    at(&e[0], "conflicting_pattern", "verbs/w.txt", 2);
}

#[test]
fn role_outside_entry_and_entry_outside_section() {
    let e = errors("role_outside");
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(matches!(&e[0], DictError::RoleOutsideEntry { .. }));
    at(&e[0], "role_outside", "actors/a.txt", 1);
    assert!(matches!(&e[1], DictError::EntryOutsideSection { .. }));
    at(&e[1], "role_outside", "actors/a.txt", 2);
}

#[test]
fn missing_folder() {
    let e = errors("does-not-exist");
    assert_eq!(e.len(), 1);
    assert!(matches!(&e[0], DictError::Io { .. }));
    assert!(e[0].to_string().contains("does-not-exist"));
}

#[test]
fn later_layer_overrides() {
    let kb = load("override").expect("override layer loads");
    // Alias redefined in a later layer replaces the earlier mapping.
    let (_, code, _) = kb.lookup("Moscow", None).unwrap();
    assert_eq!(code, "RUSGOV");
    assert_eq!(kb.lookup("Ivan Petrov", None).unwrap().1, "RUSGOV");
    // Pattern with the same elements: the later layer's code wins.
    let warn = kb.verb("warn").unwrap();
    let p = warn
        .patterns
        .iter()
        .find(|p| p.text.starts_with("warn + of (military"))
        .unwrap();
    assert_eq!(p.code.as_deref(), Some("130"));
    assert_eq!(warn.patterns.len(), 3);
    // A word set used above its definition.
    assert_eq!(kb.verb("caution").unwrap().patterns.len(), 1);
}

#[test]
fn segment_defined_with_two_kinds() {
    let errs = errors("segment_kind_conflict");
    assert_eq!(errs.len(), 1, "{errs:?}");
    at(&errs[0], "segment_kind_conflict", "segments/s.txt", 3);
    assert!(
        errs[0]
            .to_string()
            .contains("segment XQA defined as Sector"),
        "{}",
        errs[0]
    );
}
