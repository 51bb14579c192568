//! Date expressions over a sentence's tokens, resolved against the publication date.
//!
//! What is recognised (matching is on tokens, so offsets come for free):
//! - relative days: "yesterday", "today", "tonight", "tomorrow", "last night", "this morning";
//! - weekdays: "Wednesday", "on Tuesday" (the latest such day on or before the anchor),
//!   "last Tuesday" (strictly before), "next Tuesday"/"coming Tuesday" (strictly after),
//!   "this Tuesday" (in the anchor's Monday-to-Sunday week);
//! - periods: "last/this/next/coming week|weekend|month|year";
//! - "N days|weeks|months|years ago", N a digit string or a number word;
//! - explicit dates: "2021-12-15", "Dec 15", "Dec. 15", "December 15, 2021", "15 December 2021",
//!   "15th December", optionally after a weekday ("Wednesday, Dec. 15"); without a year, the
//!   year that puts the date nearest the anchor;
//! - months: "March 2020", "mid-March", and after a preposition or qualifier ("in March",
//!   "since May", "early June", "last March"): alone, the latest such month on or before the
//!   anchor's;
//! - years after a preposition: "in 2020", "since 2014".
//!
//! Without an anchor only expressions that carry their own year resolve.

use crate::{DateMention, Granularity, Sentence, Token};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Finds and resolves date expressions in `sentences`.
pub(crate) fn find_dates(
    text: &str,
    sentences: &[Sentence],
    anchor: Option<NaiveDate>,
) -> Vec<DateMention> {
    let mut out = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        find_in_tokens(text, &s.tokens, si, anchor, &mut out);
    }
    out
}

/// Finds date expressions in one token sequence.
pub(crate) fn find_in_tokens(
    text: &str,
    toks: &[Token],
    sentence: usize,
    anchor: Option<NaiveDate>,
    out: &mut Vec<DateMention>,
) {
    let cx = Cx { text, toks, anchor };
    let mut i = 0;
    while i < toks.len() {
        if !may_start_date(text, &toks[i]) {
            i += 1;
            continue;
        }
        match cx.match_at(i) {
            Some(m) => {
                out.push(DateMention {
                    span: toks[i].span.cover(toks[m.last].span),
                    sentence,
                    from: m.from,
                    to: m.to,
                    granularity: m.granularity,
                });
                i = m.last + 1;
            }
            None => i += 1,
        }
    }
}

/// A cheap filter: can a date expression start with this token? Digits, "mid-...", and the
/// words `match_at` looks for first (any case).
#[inline]
fn may_start_date(text: &str, t: &Token) -> bool {
    let Some(w) = text.get(t.span.start..t.span.end) else {
        return false;
    };
    let b = w.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_digit() => return true,
        Some(c) if c.is_ascii_alphabetic() => {}
        _ => return false,
    }
    if b.len() > 9 {
        return b.len() > 4 && b[..4].eq_ignore_ascii_case(b"mid-");
    }
    let mut buf = [0u8; 9];
    let lower = &mut buf[..b.len()];
    lower.copy_from_slice(b);
    lower.make_ascii_lowercase();
    if lower.starts_with(b"mid-") {
        return true;
    }
    let lower: &[u8] = lower;
    matches!(
        lower,
        b"yesterday"
            | b"recent"
            | b"today"
            | b"tonight"
            | b"tomorrow"
            | b"last"
            | b"previous"
            | b"this"
            | b"next"
            | b"coming"
            | b"a"
            | b"an"
            | b"one"
            | b"two"
            | b"three"
            | b"four"
            | b"five"
            | b"six"
            | b"seven"
            | b"eight"
            | b"nine"
            | b"ten"
            | b"eleven"
            | b"twelve"
            | b"monday"
            | b"tuesday"
            | b"wednesday"
            | b"thursday"
            | b"friday"
            | b"saturday"
            | b"sunday"
            | b"january"
            | b"february"
            | b"march"
            | b"april"
            | b"may"
            | b"june"
            | b"july"
            | b"august"
            | b"september"
            | b"october"
            | b"november"
            | b"december"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"jan."
            | b"feb."
            | b"mar."
            | b"apr."
            | b"jun."
            | b"jul."
            | b"aug."
            | b"sep."
            | b"sept."
            | b"oct."
            | b"nov."
            | b"dec."
    )
}

struct Match {
    last: usize,
    from: NaiveDate,
    to: NaiveDate,
    granularity: Granularity,
}

fn day(last: usize, d: NaiveDate) -> Match {
    Match {
        last,
        from: d,
        to: d,
        granularity: Granularity::Day,
    }
}

struct Cx<'a> {
    text: &'a str,
    toks: &'a [Token],
    anchor: Option<NaiveDate>,
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words before a lone month name that make it a date ("in March", "early June").
const MONTH_LEADS: [&str; 16] = [
    "in", "since", "until", "till", "by", "from", "during", "through", "before", "after", "of",
    "early", "late", "mid", "last", "this",
];

/// Words before a bare year that make it a date ("in 2020").
const YEAR_LEADS: [&str; 10] = [
    "in",
    "since",
    "until",
    "by",
    "from",
    "during",
    "through",
    "before",
    "after",
    "throughout",
];

fn capitalised(s: &str) -> bool {
    s.starts_with(|c: char| c.is_uppercase())
}

/// The month a token names ("March", "Dec", "Dec.", "Sept."), capitalised.
fn month_of(s: &str) -> Option<u32> {
    if !capitalised(s) || s.len() < 3 || s.len() > 10 {
        return None;
    }
    let s = s.strip_suffix('.').unwrap_or(s);
    if let Some(k) = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(s)) {
        return Some(k as u32 + 1);
    }
    if s.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    if s.len() == 3 && !s.eq_ignore_ascii_case("may") {
        return MONTHS
            .iter()
            .position(|m| m[..3].eq_ignore_ascii_case(s))
            .map(|k| k as u32 + 1);
    }
    None
}

/// Whether `s` names a month or a day of the week, in full, in any case ("Monday", "march").
pub fn is_calendar_word(s: &str) -> bool {
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(s))
        || WEEKDAYS.iter().any(|(n, _)| n.eq_ignore_ascii_case(s))
}

fn weekday_of(s: &str) -> Option<Weekday> {
    if !capitalised(s) {
        return None;
    }
    WEEKDAYS
        .iter()
        .find(|(n, _)| s.eq_ignore_ascii_case(n))
        .map(|&(_, w)| w)
}

/// A day of the month: "15", "15th", "1st".
fn day_of(s: &str) -> Option<u32> {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &s[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !matches!(
        suffix.to_ascii_lowercase().as_str(),
        "" | "st" | "nd" | "rd" | "th"
    ) {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A four-digit year from 1800 to 2199.
fn year_of(s: &str) -> Option<i32> {
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    (1800..2200).contains(&y).then_some(y)
}

fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = year_of(&s[..4])?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..10].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

fn count_of(s: &str) -> Option<u32> {
    let lower = s.to_ascii_lowercase();
    let n = match lower.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ if !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().ok()?
        }
        _ => return None,
    };
    Some(n)
}

fn month_range(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = first.checked_add_months(Months::new(1))?;
    Some((first, next.pred_opt()?))
}

fn year_range(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(y, 1, 1)?,
        NaiveDate::from_ymd_opt(y, 12, 31)?,
    ))
}

fn monday_of(d: NaiveDate) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(d.weekday().num_days_from_monday() as u64))
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// Which way a qualifier points.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rel {
    /// No qualifier, or a preposition ("on Tuesday", "in March").
    Bare,
    Last,
    This,
    Next,
}

fn rel_of(s: &str) -> Option<Rel> {
    let is = |w: &str| s.eq_ignore_ascii_case(w);
    if is("last") || is("previous") {
        Some(Rel::Last)
    } else if is("this") {
        Some(Rel::This)
    } else if is("next") || is("coming") {
        Some(Rel::Next)
    } else {
        None
    }
}

fn resolve_weekday(anchor: NaiveDate, wd: Weekday, rel: Rel) -> Option<NaiveDate> {
    let a = anchor.weekday().num_days_from_monday() as i64;
    let w = wd.num_days_from_monday() as i64;
    let back = (a - w).rem_euclid(7);
    match rel {
        Rel::Bare => add_days(anchor, -back),
        Rel::Last => add_days(anchor, -(if back == 0 { 7 } else { back })),
        Rel::Next => {
            let fwd = (w - a).rem_euclid(7);
            add_days(anchor, if fwd == 0 { 7 } else { fwd })
        }
        Rel::This => add_days(monday_of(anchor)?, w),
    }
}

fn resolve_month(anchor: NaiveDate, m: u32, rel: Rel) -> Option<(NaiveDate, NaiveDate)> {
    let (y, am) = (anchor.year(), anchor.month());
    let year = match rel {
        Rel::Bare => {
            if m <= am {
                y
            } else {
                y - 1
            }
        }
        Rel::Last => {
            if m < am {
                y
            } else {
                y - 1
            }
        }
        Rel::This => y,
        Rel::Next => {
            if m > am {
                y
            } else {
                y + 1
            }
        }
    };
    month_range(year, m)
}

/// The date with month `m` and day `d` nearest to `anchor` (ties: the earlier).
fn nearest_year(anchor: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let y = anchor.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .min_by_key(|c| (*c - anchor).num_days().abs())
}

impl<'a> Cx<'a> {
    fn w(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.span.start..t.span.end))
            .unwrap_or("")
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.w(i).eq_ignore_ascii_case(word)
    }

    fn match_at(&self, i: usize) -> Option<Match> {
        let t = self.w(i);
        let first = t.chars().next()?;
        if first.is_ascii_digit() {
            return self.numeric_at(i);
        }
        if !first.is_alphabetic() {
            return None;
        }
        if let Some(m) = self.relative_word(i) {
            return Some(m);
        }
        if let Some(m) = self.recent(i) {
            return Some(m);
        }
        if let Some(rel) = rel_of(t) {
            return self.qualified(i, rel);
        }
        if let Some(m) = self.ago(i) {
            return Some(m);
        }
        if let Some(wd) = weekday_of(t) {
            // "Wednesday, Dec. 15": the explicit date wins.
            let j = if self.is(i + 1, ",") { i + 2 } else { i + 1 };
            if let Some(m) = self.explicit_at(j) {
                return Some(m);
            }
            let a = self.anchor?;
            return Some(day(i, resolve_weekday(a, wd, Rel::Bare)?));
        }
        if month_of(t).is_some() {
            return self.month_at(i);
        }
        if let Some(rest) = t.strip_prefix("mid-").or_else(|| t.strip_prefix("Mid-")) {
            if let Some(m) = month_of(rest) {
                let (from, to) = resolve_month(self.anchor?, m, Rel::Bare)?;
                return Some(Match {
                    last: i,
                    from,
                    to,
                    granularity: Granularity::Month,
                });
            }
        }
        None
    }

    /// "yesterday", "today", "tonight", "tomorrow".
    fn relative_word(&self, i: usize) -> Option<Match> {
        let t = self.w(i);
        let is = |w: &str| t.eq_ignore_ascii_case(w);
        let offset = if is("yesterday") {
            -1
        } else if is("today") || is("tonight") {
            0
        } else if is("tomorrow") {
            1
        } else {
            return None;
        };
        Some(day(i, add_days(self.anchor?, offset)?))
    }

    /// "recent days" (the week up to the anchor), "recent weeks" (four weeks), "recent months"
    /// (three months).
    fn recent(&self, i: usize) -> Option<Match> {
        if !self.w(i).eq_ignore_ascii_case("recent") {
            return None;
        }
        let a = self.anchor?;
        let unit = self.w(i + 1).to_ascii_lowercase();
        let (from, granularity) = match unit.as_str() {
            "days" => (add_days(a, -7)?, Granularity::Week),
            "weeks" => (add_days(a, -28)?, Granularity::Month),
            "months" => (a.checked_sub_months(Months::new(3))?, Granularity::Month),
            _ => return None,
        };
        Some(Match {
            last: i + 1,
            from,
            to: a,
            granularity,
        })
    }

    /// "last week", "next Tuesday", "this month", "last night", "last March"...
    fn qualified(&self, i: usize, rel: Rel) -> Option<Match> {
        let a = self.anchor?;
        let next = self.w(i + 1);
        let lower = next.to_ascii_lowercase();
        let period = |from: NaiveDate, to: NaiveDate, g: Granularity| Match {
            last: i + 1,
            from,
            to,
            granularity: g,
        };
        match (rel, lower.as_str()) {
            (Rel::Last, "night") => return Some(day(i + 1, a.pred_opt()?)),
            (Rel::This, "morning" | "afternoon" | "evening") => return Some(day(i + 1, a)),
            _ => {}
        }
        let shift = match rel {
            Rel::Last => -1,
            Rel::Next => 1,
            Rel::This | Rel::Bare => 0,
        };
        match lower.as_str() {
            "week" => {
                let mon = add_days(monday_of(a)?, 7 * shift)?;
                Some(period(mon, add_days(mon, 6)?, Granularity::Week))
            }
            "weekend" => {
                let sat = add_days(monday_of(a)?, 7 * shift + 5)?;
                Some(period(sat, add_days(sat, 1)?, Granularity::Week))
            }
            "month" => {
                let first = NaiveDate::from_ymd_opt(a.year(), a.month(), 1)?;
                let first = match shift {
                    -1 => first.checked_sub_months(Months::new(1))?,
                    1 => first.checked_add_months(Months::new(1))?,
                    _ => first,
                };
                let (from, to) = month_range(first.year(), first.month())?;
                Some(period(from, to, Granularity::Month))
            }
            "year" => {
                let (from, to) = year_range(a.year() + shift as i32)?;
                Some(period(from, to, Granularity::Year))
            }
            _ => {
                if let Some(wd) = weekday_of(next) {
                    return Some(day(i + 1, resolve_weekday(a, wd, rel)?));
                }
                let m = month_of(next)?;
                // "last March 15" is rare; "last March" is a month.
                let (from, to) = resolve_month(a, m, rel)?;
                Some(period(from, to, Granularity::Month))
            }
        }
    }

    /// "two days ago", "a week ago", "3 years ago".
    fn ago(&self, i: usize) -> Option<Match> {
        if !self.is(i + 2, "ago") {
            return None;
        }
        let n = count_of(self.w(i))?;
        let a = self.anchor?;
        let unit = self.w(i + 1).to_ascii_lowercase();
        let unit = unit.strip_suffix('s').unwrap_or(&unit);
        let last = i + 2;
        match unit {
            "day" => Some(day(last, add_days(a, -(n as i64))?)),
            "week" => Some(day(last, add_days(a, -7 * n as i64)?)),
            "month" => {
                let d = a.checked_sub_months(Months::new(n))?;
                let (from, to) = month_range(d.year(), d.month())?;
                Some(Match {
                    last,
                    from,
                    to,
                    granularity: Granularity::Month,
                })
            }
            "year" => {
                let (from, to) = year_range(a.year() - n as i32)?;
                Some(Match {
                    last,
                    from,
                    to,
                    granularity: Granularity::Year,
                })
            }
            _ => None,
        }
    }

    /// A token starting with a digit: an ISO date, a day before a month, "2 days ago", or a
    /// year after a preposition.
    fn numeric_at(&self, i: usize) -> Option<Match> {
        let t = self.w(i);
        if let Some(d) = iso_date(t) {
            return Some(day(i, d));
        }
        if let Some(m) = self.explicit_at(i) {
            return Some(m);
        }
        if let Some(m) = self.ago(i) {
            return Some(m);
        }
        let y = year_of(t)?;
        let lead = self.w(i.checked_sub(1)?).to_ascii_lowercase();
        if !YEAR_LEADS.contains(&lead.as_str()) || month_of(self.w(i + 1)).is_some() {
            return None;
        }
        let (from, to) = year_range(y)?;
        Some(Match {
            last: i,
            from,
            to,
            granularity: Granularity::Year,
        })
    }

    /// An optional ", YYYY" after token `j - 1`: the year and the last token index.
    fn year_after(&self, j: usize) -> Option<(i32, usize)> {
        let k = if self.is(j, ",") { j + 1 } else { j };
        year_of(self.w(k)).map(|y| (y, k))
    }

    /// A day-level explicit date starting at `i`: "Dec 15[, 2021]", "15 December[ 2021]".
    fn explicit_at(&self, i: usize) -> Option<Match> {
        let t = self.w(i);
        if let Some(d) = iso_date(t) {
            return Some(day(i, d));
        }
        let (m, d, after) = if let Some(m) = month_of(t) {
            (m, day_of(self.w(i + 1))?, i + 2)
        } else {
            let d = day_of(t)?;
            let k = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
            (month_of(self.w(k))?, d, k + 1)
        };
        if let Some((y, last)) = self.year_after(after) {
            return Some(day(last, NaiveDate::from_ymd_opt(y, m, d)?));
        }
        Some(day(after - 1, nearest_year(self.anchor?, m, d)?))
    }

    /// A token naming a month: an explicit day, "March 2020", or "in March".
    fn month_at(&self, i: usize) -> Option<Match> {
        if let Some(m) = self.explicit_at(i) {
            return Some(m);
        }
        let m = month_of(self.w(i))?;
        if let Some((y, last)) = self.year_after(i + 1) {
            let (from, to) = month_range(y, m)?;
            return Some(Match {
                last,
                from,
                to,
                granularity: Granularity::Month,
            });
        }
        let lead = self.w(i.checked_sub(1)?).to_ascii_lowercase();
        if !MONTH_LEADS.contains(&lead.as_str()) {
            return None;
        }
        let (from, to) = resolve_month(self.anchor?, m, Rel::Bare)?;
        Some(Match {
            last: i,
            from,
            to,
            granularity: Granularity::Month,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize_into;
    use petrel_core::Span;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dates(s: &str, anchor: Option<NaiveDate>) -> Vec<(String, NaiveDate, NaiveDate)> {
        let mut toks = Vec::new();
        tokenize_into(s, Span::new(0, s.len()), &mut toks);
        let mut out = Vec::new();
        find_in_tokens(s, &toks, 0, anchor, &mut out);
        out.into_iter()
            .map(|m| (m.span.slice(s).to_string(), m.from, m.to))
            .collect()
    }

    #[test]
    fn relative() {
        let a = Some(ymd(2021, 12, 15)); // a Wednesday
        let d = dates("Putin said Wednesday that Biden last week warned him.", a);
        assert_eq!(
            d,
            vec![
                ("Wednesday".into(), ymd(2021, 12, 15), ymd(2021, 12, 15)),
                ("last week".into(), ymd(2021, 12, 6), ymd(2021, 12, 12)),
            ]
        );
        let d = dates("on Tuesday, next Tuesday, last Wednesday, yesterday", a);
        assert_eq!(d[0].1, ymd(2021, 12, 14));
        assert_eq!(d[1].1, ymd(2021, 12, 21));
        assert_eq!(d[2].1, ymd(2021, 12, 8));
        assert_eq!(d[3].1, ymd(2021, 12, 14));
        let d = dates(
            "Gollum in recent days did allow it; recent weeks, recent talks",
            a,
        );
        assert_eq!(
            d,
            vec![
                ("recent days".into(), ymd(2021, 12, 8), ymd(2021, 12, 15)),
                ("recent weeks".into(), ymd(2021, 11, 17), ymd(2021, 12, 15)),
            ]
        );
    }

    #[test]
    fn explicit() {
        let a = Some(ymd(2021, 12, 15));
        let d = dates(
            "Dec. 15 and December 15, 2021 and 15 December 2020 and 2021-12-01",
            a,
        );
        assert_eq!(d.len(), 4);
        assert_eq!(d[0].0, "Dec. 15");
        assert_eq!(d[1].0, "December 15, 2021");
        assert_eq!(d[2].1, ymd(2020, 12, 15));
        assert_eq!(d[3].1, ymd(2021, 12, 1));
        let d = dates("talks on Jan. 10", a);
        assert_eq!(d[0].1, ymd(2022, 1, 10));
        assert!(dates("Dec 15", None).is_empty());
        assert_eq!(dates("December 15, 2021", None).len(), 1);
    }

    #[test]
    fn months_and_years() {
        let a = Some(ymd(2021, 12, 15));
        let d = dates(
            "in March 2020, in May, you may go, last March, next month, in 2019",
            a,
        );
        let got: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            got,
            vec!["March 2020", "May", "last March", "next month", "2019"]
        );
        assert_eq!(d[1].1, ymd(2021, 5, 1));
        assert_eq!(d[2].1, ymd(2021, 3, 1));
        assert_eq!((d[3].1, d[3].2), (ymd(2022, 1, 1), ymd(2022, 1, 31)));
        assert_eq!((d[4].1, d[4].2), (ymd(2019, 1, 1), ymd(2019, 12, 31)));
    }
}
