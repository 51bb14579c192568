//! Reader of PETRARCH2/TABARI actor dictionaries (Phoenix.*.actors.txt and the like).
//!
//! An entry starts with a line in column 0: its primary name (`_` or spaces join words; a
//! trailing `_` marks an exact word in TABARI and is dropped), optionally followed by codes.
//! Lines `+NAME` add synonyms. Codes stand in brackets, on the entry line or on indented
//! lines below it, several to a line if need be:
//! - `[RUS]`: the code at any date (the default when dated codes also exist);
//! - `[RUSGOV 991231-080507]`: from the first date to the second, both included;
//! - `[USAGOV >090120]`: from that date on; `[HOB < 950601]`: before that date.
//!
//! Consecutive name lines with no code between them name one actor, whose codes follow.
//!
//! Dates are `YYMMDD` (years 30-99 are 19xx, 00-29 are 20xx) or `YYYYMMDD`; spaces around
//! `-`, `<`, `>` are allowed.

use crate::error::Sink;
use crate::lines::{content_lines, phrase_text, Line};
use crate::Diagnostic;
use chrono::NaiveDate;

/// A code, possibly bounded in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// The code as written (`RUSGOV`, `---`).
    pub code: String,
    /// First day (inclusive), if bounded.
    pub from: Option<NaiveDate>,
    /// Last day (inclusive), if bounded.
    pub until: Option<NaiveDate>,
    /// 1-based line.
    pub line: usize,
}

impl DatedCode {
    /// True when the code has no date restriction.
    pub fn is_default(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }
}

/// One actor entry.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorDef {
    /// Names as plain words: the primary name first, then the `+` synonyms.
    pub names: Vec<String>,
    /// Its codes, in file order.
    pub codes: Vec<DatedCode>,
    /// 1-based line of the primary name.
    pub line: usize,
}

/// A whole actor dictionary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorDict {
    /// Entries in file order.
    pub entries: Vec<ActorDef>,
}

impl ActorDict {
    /// Reads an actor dictionary. Unreadable lines or codes are reported and skipped.
    pub fn parse(file: &str, text: &str) -> (ActorDict, Vec<Diagnostic>) {
        let mut sink = Sink::new(file);
        let mut d = ActorDict::default();
        let mut cur: Option<ActorDef> = None;
        let finish = |cur: &mut Option<ActorDef>, d: &mut ActorDict, sink: &mut Sink| {
            if let Some(e) = cur.take() {
                if e.codes.is_empty() {
                    sink.unreadable(e.line, format!("actor {:?} has no code", e.names[0]));
                } else {
                    d.entries.push(e);
                }
            }
        };
        for Line { no, text } in content_lines(text) {
            let indented = text.starts_with([' ', '\t']);
            let t = text.trim();
            let (name_part, codes_part) = match t.find('[') {
                Some(p) => (t[..p].trim(), &t[p..]),
                None => (t, ""),
            };
            if indented && !name_part.is_empty() {
                sink.warn(no, "indented name; read as a name of the entry above");
            }
            if let Some(syn) = name_part.strip_prefix('+') {
                let Some(e) = cur.as_mut() else {
                    sink.unreadable(no, "synonym `+` before any actor");
                    continue;
                };
                let n = phrase_text(syn);
                if n.is_empty() {
                    sink.unreadable(no, "empty synonym");
                } else {
                    e.names.push(n);
                }
            } else if !name_part.is_empty() {
                // Consecutive names with no code between them share the codes that follow.
                if let Some(e) = cur.as_mut().filter(|e| e.codes.is_empty() || indented) {
                    let n = phrase_text(name_part);
                    if !n.is_empty() && !e.names.contains(&n) {
                        e.names.push(n);
                    }
                    if !codes_part.is_empty() {
                        parse_codes(codes_part, no, &mut e.codes, &mut sink);
                    }
                    continue;
                }
                finish(&mut cur, &mut d, &mut sink);
                let n = phrase_text(name_part);
                cur = Some(ActorDef {
                    names: vec![n],
                    codes: Vec::new(),
                    line: no,
                });
            } else if cur.is_none() {
                sink.unreadable(no, "code before any actor");
                continue;
            }
            if !codes_part.is_empty() {
                let e = cur.as_mut().expect("an entry is open here");
                parse_codes(codes_part, no, &mut e.codes, &mut sink);
            }
        }
        finish(&mut cur, &mut d, &mut sink);
        (d, sink.out)
    }
}

fn parse_codes(s: &str, no: usize, out: &mut Vec<DatedCode>, sink: &mut Sink) {
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix('[') else {
            sink.unreadable(no, format!("unexpected text {rest:?} among codes"));
            return;
        };
        let Some(close) = inner.find(']') else {
            sink.unreadable(no, "`[` without `]`");
            return;
        };
        match parse_one(&inner[..close]) {
            Ok((code, from, until)) => out.push(DatedCode {
                code,
                from,
                until,
                line: no,
            }),
            Err(e) => sink.unreadable(no, e),
        }
        rest = inner[close + 1..].trim_start();
    }
}

type Parsed = (String, Option<NaiveDate>, Option<NaiveDate>);

fn parse_one(s: &str) -> Result<Parsed, String> {
    let s = s.trim();
    let (code, restr) = match s.find(char::is_whitespace) {
        Some(p) => (&s[..p], s[p..].trim()),
        None => (s, ""),
    };
    if code.is_empty() {
        return Err("empty code `[]`".into());
    }
    let code = code.to_string();
    let r: String = restr.chars().filter(|c| !c.is_whitespace()).collect();
    if r.is_empty() {
        return Ok((code, None, None));
    }
    let bad = |what: &str| format!("bad date restriction {restr:?} in [{s}]: {what}");
    if let Some(d) = r.strip_prefix('>') {
        return Ok((code, Some(parse_date(d).map_err(|e| bad(&e))?), None));
    }
    if let Some(d) = r.strip_prefix('<') {
        let d = parse_date(d).map_err(|e| bad(&e))?;
        return Ok((code, None, d.pred_opt()));
    }
    let Some((a, b)) = r.split_once('-') else {
        return Err(bad("want FROM-TO, >FROM or <UNTIL"));
    };
    let a = parse_date(a).map_err(|e| bad(&e))?;
    let b = parse_date(b).map_err(|e| bad(&e))?;
    if b < a {
        return Err(bad("ends before it starts"));
    }
    Ok((code, Some(a), Some(b)))
}

/// Parses `YYMMDD` or `YYYYMMDD`.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("{s:?} is not a date"));
    }
    let (y, md) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().map_err(|_| format!("{s:?}"))?;
            (if yy >= 30 { 1900 + yy } else { 2000 + yy }, &s[2..])
        }
        8 => (s[..4].parse().map_err(|_| format!("{s:?}"))?, &s[4..]),
        _ => return Err(format!("{s:?} has {} digits (want 6 or 8)", s.len())),
    };
    let m: u32 = md[..2].parse().map_err(|_| format!("{s:?}"))?;
    let d: u32 = md[2..].parse().map_err(|_| format!("{s:?}"))?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("{s:?} is not a calendar date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("991231").unwrap().to_string(), "1999-12-31");
        assert_eq!(parse_date("080507").unwrap().to_string(), "2008-05-07");
        assert_eq!(parse_date("19270101").unwrap().to_string(), "1927-01-01");
        assert!(parse_date("9008223").is_err());
        assert!(parse_date("991331").is_err());
    }

    #[test]
    fn restrictions() {
        let (c, f, u) = parse_one("HOBGOV 19950601 - 19990815").unwrap();
        assert_eq!(c, "HOBGOV");
        assert_eq!(f.unwrap().to_string(), "1995-06-01");
        assert_eq!(u.unwrap().to_string(), "1999-08-15");
        let (_, f, u) = parse_one("HOB < 950601").unwrap();
        assert!(f.is_none());
        assert_eq!(u.unwrap().to_string(), "1995-05-31");
        let (_, f, u) = parse_one("USAGOV >090120").unwrap();
        assert_eq!(f.unwrap().to_string(), "2009-01-20");
        assert!(u.is_none());
        assert!(parse_one("X 990101-980101").is_err());
        assert!(parse_one("X 99").is_err());
    }
}
