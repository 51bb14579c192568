//! Reader of PETRARCH2 agent dictionaries (Phoenix.agents.txt and the like).
//!
//! - `!NAME! = A, B, C` defines a substitution set; `!NAME!` inside an agent name stands for
//!   each member in turn, glued to what surrounds it (`CATTLE!PERSON!` gives CATTLEMAN, ...).
//! - `NAME {PLURALS} [~CODE]`: an agent; `_` or spaces join words; the braces (optional,
//!   possibly empty) list every plural (without them, regular plurals are generated); `[~GOV]` is a suffix code (added after the actor's
//!   code: Russian + `~MIL` = RUSMIL), `[NGO~]` a prefix code (put before it).

use crate::error::Sink;
use crate::lines::{content_lines, phrase_text, Line};
use crate::Diagnostic;
use std::collections::BTreeMap;

/// Where an agent's code goes relative to the actor's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// `[~GOV]`: after.
    Suffix,
    /// `[NGO~]`: before.
    Prefix,
}

/// One agent, with substitution sets expanded.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentDef {
    /// Names as plain words (the first as written, substitutions expanded), then the
    /// irregular plurals of the braces.
    pub names: Vec<String>,
    /// The code without `~`.
    pub code: String,
    /// Whether regular plurals are generated: only when the entry has no braces (`{}` or
    /// `{MEN}` lists every plural there is).
    pub regular_plurals: bool,
    /// Suffix or prefix.
    pub placement: Placement,
    /// 1-based line.
    pub line: usize,
}

/// A whole agent dictionary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgentDict {
    /// Substitution sets by name (without `!`).
    pub substitutions: BTreeMap<String, Vec<String>>,
    /// Agents in file order.
    pub entries: Vec<AgentDef>,
}

impl AgentDict {
    /// Reads an agent dictionary. Unreadable lines are reported and skipped.
    pub fn parse(file: &str, text: &str) -> (AgentDict, Vec<Diagnostic>) {
        let mut sink = Sink::new(file);
        let mut d = AgentDict::default();
        for Line { no, text } in content_lines(text) {
            let t = text.trim();
            if t.starts_with('!') && t.contains('=') {
                let (lhs, rhs) = t.split_once('=').expect("checked");
                let name = lhs.trim().trim_matches('!');
                if name.is_empty() || name.contains(char::is_whitespace) {
                    sink.unreadable(no, "bad substitution set name (want `!NAME! = A, B`)");
                    continue;
                }
                let members: Vec<String> = rhs
                    .split(',')
                    .map(|m| m.trim().to_string())
                    .filter(|m| !m.is_empty())
                    .collect();
                if members.is_empty() {
                    sink.unreadable(no, "substitution set without members");
                    continue;
                }
                d.substitutions.insert(name.to_string(), members);
                continue;
            }
            match parse_agent(t, &d.substitutions) {
                Ok((def, notes)) => {
                    for n in notes {
                        sink.warn(no, n);
                    }
                    d.entries.push(AgentDef { line: no, ..def });
                }
                Err(e) => sink.unreadable(no, e),
            }
        }
        (d, sink.out)
    }
}

fn parse_agent(
    t: &str,
    subs: &BTreeMap<String, Vec<String>>,
) -> Result<(AgentDef, Vec<String>), String> {
    let mut notes = Vec::new();
    let open = t.rfind('[').ok_or("agent without a [CODE]")?;
    let tail = &t[open + 1..];
    let close = match tail.find(']') {
        Some(c) => c,
        None => {
            let c = tail.find('}').ok_or("`[` without `]`")?;
            notes.push("code closed by `}` instead of `]`; read as `]`".to_string());
            c
        }
    };
    if !tail[close + 1..].trim().is_empty() {
        return Err(format!(
            "text after the code: {:?}",
            tail[close + 1..].trim()
        ));
    }
    let raw = tail[..close].trim();
    let (code, placement) = if let Some(c) = raw.strip_prefix('~') {
        (c.trim(), Placement::Suffix)
    } else if let Some(c) = raw.strip_suffix('~') {
        (c.trim(), Placement::Prefix)
    } else {
        return Err(format!("code [{raw}] has no `~` (want [~CODE] or [CODE~])"));
    };
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("bad code [{raw}]"));
    }
    let head = &t[..open];
    let (name, plurals) = match head.find('{') {
        Some(o) => {
            let c = head[o..].find('}').ok_or("`{` without `}`")? + o;
            (&head[..o], Some(&head[o + 1..c]))
        }
        None => (head, None),
    };
    let regular_plurals = plurals.is_none();
    let plurals = plurals.unwrap_or_default();
    let name = name.trim();
    if name.is_empty() {
        return Err("agent without a name".into());
    }
    let mut names = Vec::new();
    for n in expand(name, subs)? {
        let n = phrase_text(&n);
        if !n.is_empty() && !names.contains(&n) {
            names.push(n);
        }
    }
    for p in plurals.split_whitespace() {
        for n in expand(p, subs)? {
            let n = phrase_text(&n);
            if !n.is_empty() && !names.contains(&n) {
                names.push(n);
            }
        }
    }
    Ok((
        AgentDef {
            names,
            code: code.to_string(),
            regular_plurals,
            placement,
            line: 0,
        },
        notes,
    ))
}

/// Every spelling of `name` with its `!SET!` markers replaced by each member.
fn expand(name: &str, subs: &BTreeMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(a) = name.find('!') else {
        return Ok(vec![name.to_string()]);
    };
    let b = name[a + 1..]
        .find('!')
        .map(|b| b + a + 1)
        .ok_or("unclosed `!` substitution")?;
    let set = &name[a + 1..b];
    let members = subs
        .get(set)
        .ok_or_else(|| format!("substitution set !{set}! is not defined"))?;
    let mut out = Vec::new();
    for m in members {
        let replaced = format!("{}{}{}", &name[..a], m, &name[b + 1..]);
        out.extend(expand(&replaced, subs)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitution_and_codes() {
        let mut subs = BTreeMap::new();
        subs.insert(
            "PERSON".to_string(),
            vec!["MAN".to_string(), "MEN".to_string()],
        );
        let (a, _) = parse_agent("CATTLE!PERSON! [~AGR]", &subs).unwrap();
        assert_eq!(a.names, vec!["CATTLEMAN", "CATTLEMEN"]);
        let (a, _) = parse_agent("HUMAN_RIGHTS_BODY  [NGO~]", &subs).unwrap();
        assert_eq!((a.code.as_str(), a.placement), ("NGO", Placement::Prefix));
        let (a, n) = parse_agent("DEPARMENT_OF_ENVIRONMENT [~ENV}", &subs).unwrap();
        assert_eq!(a.code, "ENV");
        assert_eq!(n.len(), 1);
        let (a, _) = parse_agent("GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]", &subs).unwrap();
        assert_eq!(a.names, vec!["GOLDEN GOOSE", "GOLDEN GEESE"]);
        assert!(!a.regular_plurals);
        let (a, _) = parse_agent("POLICE {} [~COP]", &subs).unwrap();
        assert_eq!((a.names.len(), a.regular_plurals), (1, false));
        let (a, _) = parse_agent("SOLDIER [~MIL]", &subs).unwrap();
        assert!(a.regular_plurals);
        assert!(parse_agent("X!NOPE! [~A]", &subs).is_err());
        assert!(parse_agent("X [GOV]", &subs).is_err());
    }
}
