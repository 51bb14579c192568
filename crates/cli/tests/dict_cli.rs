//! `petrel dict check | lookup | codes` from the command line.

use std::process::Command;

fn petrel(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(args)
        .output()
        .expect("run petrel");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_passes_on_the_builtin_base_and_prints_counts() {
    let (code, out, err) = petrel(&["dict", "check"]);
    assert_eq!(code, 0, "{err}");
    for kind in [
        "actors",
        "agents",
        "verbs",
        "nouns",
        "cameo codes",
        "person",
        "country",
    ] {
        assert!(out.contains(kind), "{kind} missing from:\n{out}");
    }
}

#[test]
fn check_reports_every_error_with_file_and_line_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("actors")).unwrap();
    std::fs::create_dir_all(dir.path().join("verbs")).unwrap();
    std::fs::write(
        dir.path().join("actors/mine.txt"),
        "[person]\nIvan Petrov = RUSELI\n    2008-05-07..2000-05-07 RUSGOV\nAnna Petrova = RUSQQQ\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("verbs/mine.txt"),
        "verb warn\n    999 warn\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, _, err) = petrel(&["dict", "check", d]);
    assert_eq!(code, 1);
    let file = dir.path().join("actors/mine.txt");
    assert!(
        err.contains(&format!("{}:3: bad date range", file.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:4: unknown code RUSQQQ", file.display())),
        "{err}"
    );
    let verbs = dir.path().join("verbs/mine.txt");
    assert!(
        err.contains(&format!(
            "{}:2: unknown CAMEO event code 999",
            verbs.display()
        )),
        "{err}"
    );
    assert!(err.contains("3 error(s)"), "{err}");
}

#[test]
fn lookup_prints_code_and_the_line_that_gave_it() {
    let (code, out, err) = petrel(&["dict", "lookup", "Sergei Ryabkov", "--date", "2021-12-15"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("RUSGOV on 2021-12-15"), "{out}");
    assert!(out.contains("Ryabkov"), "{out}");
    assert!(out.contains("dict/actors/"), "{out}");

    let (code, out, _) = petrel(&["dict", "lookup", "Russia's Foreign Ministry"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("RUSGOV"), "{out}");
    assert!(out.contains("agent"), "{out}");

    let (code, _, err) = petrel(&["dict", "lookup", "Zzyzx Qwerty"]);
    assert_eq!(code, 1);
    assert!(err.contains("no actor or agent"), "{err}");
}

#[test]
fn lookup_uses_user_layers() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("actors")).unwrap();
    std::fs::write(
        dir.path().join("actors/mine.txt"),
        "[person]\nZzyzx Qwerty = FINGOV\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = petrel(&["dict", "lookup", "Zzyzx Qwerty", "--dict", d]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("FINGOV"), "{out}");
}

#[test]
fn codes_lists_the_cameo_table() {
    let (code, out, err) = petrel(&["dict", "codes"]);
    assert_eq!(code, 0, "{err}");
    let line = out
        .lines()
        .find(|l| l.starts_with("1312 "))
        .expect("1312 listed");
    assert!(
        line.contains("-5.8") && line.contains("THREATEN") && line.contains("restrict"),
        "{line}"
    );
    assert!(out.lines().count() > 300);
    let (_, out, _) = petrel(&["dict", "codes", "19"]);
    assert!(out.lines().skip(1).all(|l| l.starts_with("19")), "{out}");
}
