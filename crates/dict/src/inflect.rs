//! Regular English inflections for verb lemmas and noun plurals.
//!
//! The generator over-produces rather than misses: where the spelling rule depends on stress
//! ("visited" but "admitted") both spellings are generated. Forms that are not words never
//! occur in text, so they cost nothing; irregular forms are listed in the dictionaries.

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Number of vowel groups ("plan" 1, "visit" 2).
fn vowel_groups(w: &[u8]) -> usize {
    let mut n = 0;
    let mut prev = false;
    for &c in w {
        let v = is_vowel(c);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n
}

/// Ends consonant-vowel-consonant, the last not w, x or y: candidates for doubling.
fn ends_cvc(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && !is_vowel(w[n - 1])
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
        && w[n - 1].is_ascii_alphabetic()
        && is_vowel(w[n - 2])
        && !is_vowel(w[n - 3])
}

/// Whether doubling is (a) required and (b) possible: (double_only, double_too).
fn doubling(w: &str) -> (bool, bool) {
    let b = w.as_bytes();
    if !ends_cvc(b) {
        return (false, false);
    }
    if vowel_groups(b) <= 1 {
        (true, true)
    } else {
        (false, true)
    }
}

/// Third person singular ("warns", "pushes", "tries", "goes").
pub(crate) fn third_person(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || (n >= 2 && b[n - 1] == b'o' && !is_vowel(b[n - 2]))
    {
        format!("{w}es")
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &w[..n - 1])
    } else {
        format!("{w}s")
    }
}

/// Past tense and participle forms ("warned", "agreed", "tried", "stopped").
pub(crate) fn past(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with('e') {
        return vec![format!("{w}d")];
    }
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        return vec![format!("{}ied", &w[..n - 1])];
    }
    let last = w.chars().last().map(String::from).unwrap_or_default();
    match doubling(w) {
        (true, _) => vec![format!("{w}{last}ed")],
        (false, true) => vec![format!("{w}ed"), format!("{w}{last}ed")],
        _ => vec![format!("{w}ed")],
    }
}

/// Present participle forms ("warning", "making", "dying", "agreeing", "stopping").
pub(crate) fn gerund(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with("ie") {
        return vec![format!("{}ying", &w[..n - 2])];
    }
    if w.ends_with("ee") || w.ends_with("ye") || w.ends_with("oe") || n <= 2 {
        return vec![format!("{w}ing")];
    }
    if w.ends_with('e') {
        return vec![format!("{}ing", &w[..n - 1])];
    }
    let last = w.chars().last().map(String::from).unwrap_or_default();
    match doubling(w) {
        (true, _) => vec![format!("{w}{last}ing")],
        (false, true) => vec![format!("{w}ing"), format!("{w}{last}ing")],
        _ => vec![format!("{w}ing")],
    }
}

/// All regular forms of a verb lemma, the lemma first.
pub(crate) fn verb_forms(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string(), third_person(lemma)];
    out.extend(past(lemma));
    out.extend(gerund(lemma));
    out.dedup();
    out
}

/// Regular plurals of a noun ("talks", "crises" is irregular; "armies", "vetoes"/"vetos").
pub(crate) fn plurals(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let n = b.len();
    if n == 0 {
        return Vec::new();
    }
    if w.ends_with("man") && n > 4 {
        return vec![format!("{}men", &w[..n - 3])];
    }
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
    {
        return vec![format!("{w}es")];
    }
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        return vec![format!("{}ies", &w[..n - 1])];
    }
    if n >= 2 && b[n - 1] == b'o' && !is_vowel(b[n - 2]) {
        return vec![format!("{w}s"), format!("{w}es")];
    }
    vec![format!("{w}s")]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(v: &[String], s: &str) -> bool {
        v.iter().any(|x| x == s)
    }

    #[test]
    fn verbs() {
        let f = verb_forms("warn");
        for s in ["warn", "warns", "warned", "warning"] {
            assert!(has(&f, s), "{s} in {f:?}");
        }
        let f = verb_forms("agree");
        for s in ["agrees", "agreed", "agreeing"] {
            assert!(has(&f, s), "{s} in {f:?}");
        }
        let f = verb_forms("try");
        for s in ["tries", "tried", "trying"] {
            assert!(has(&f, s), "{s} in {f:?}");
        }
        let f = verb_forms("stop");
        for s in ["stops", "stopped", "stopping"] {
            assert!(has(&f, s), "{s} in {f:?}");
        }
        assert!(!has(&f, "stoped"));
        let f = verb_forms("admit");
        for s in ["admits", "admitted", "admitting"] {
            assert!(has(&f, s), "{s} in {f:?}");
        }
        let f = verb_forms("visit");
        assert!(has(&f, "visited") && has(&f, "visiting"));
        let f = verb_forms("make");
        assert!(has(&f, "making") && has(&f, "makes"));
        let f = verb_forms("die");
        assert!(has(&f, "dying") && has(&f, "died"));
        let f = verb_forms("push");
        assert!(has(&f, "pushes") && has(&f, "pushed"));
        let f = verb_forms("play");
        assert!(has(&f, "plays") && has(&f, "played") && has(&f, "playing"));
        let f = verb_forms("veto");
        assert!(has(&f, "vetoes") && has(&f, "vetoed"));
    }

    #[test]
    fn nouns() {
        assert_eq!(plurals("talk"), vec!["talks"]);
        assert_eq!(plurals("army"), vec!["armies"]);
        assert_eq!(plurals("embassy"), vec!["embassies"]);
        assert_eq!(plurals("attorney"), vec!["attorneys"]);
        assert_eq!(plurals("policeman"), vec!["policemen"]);
        assert_eq!(plurals("crash"), vec!["crashes"]);
        assert!(plurals("veto").contains(&"vetoes".to_string()));
    }
}
