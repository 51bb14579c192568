//! Tokenization with byte offsets.
//!
//! Rules, in the order they apply inside a run of letters, digits and inner connectors:
//! - dotted abbreviations and initials are one token with their periods ("U.S.", "a.m.", "W.");
//!   a hyphen after one is its own token ("U.S.-led" -> "U.S.", "-", "led");
//! - clitics are their own tokens: "Russia's" -> "Russia", "'s"; "don't" -> "do", "n't";
//! - hyphenated words stay whole ("so-called"), as do numbers with separators ("1,300", "3.5",
//!   "2021-12-15", "10:30") and words with inner periods ("Amazon.com");
//! - a final period belongs to a listed abbreviation ("Gen.", "Inc.", "No." before a number),
//!   otherwise it is a punctuation token of its own.
//!
//! Outside words, every quotation mark is a [`TokenKind::Quote`] token, runs of periods ("...")
//! and of hyphens ("--") are one punctuation token, and any other symbol is one token.

use crate::lexicon::{listed_abbreviation, AbbrevClass};
use crate::{Token, TokenKind};
use petrel_core::Span;

/// The character at byte `i`, with an ASCII fast path.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&x) if x < 0x80 => Some(x as char),
        Some(_) => text.get(i..).and_then(|s| s.chars().next()),
        None => None,
    }
}

/// Letters, digits and combining marks.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200C | 0x200D)
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '`' | '“' | '”' | '‘' | '’' | '«' | '»' | '‹' | '›' | '„' | '‚'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Characters that may join two word chunks.
fn is_connector(c: char) -> bool {
    matches!(c, '.' | ',' | ':' | '/' | '&') || is_hyphen(c) || is_apostrophe(c)
}

#[inline]
fn push(out: &mut Vec<Token>, text: &str, s: usize, e: usize) {
    let kind = kind_of(&text[s..e]);
    out.push(Token {
        span: Span::new(s, e),
        kind,
    });
}

#[inline]
fn kind_of(s: &str) -> TokenKind {
    if s.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return TokenKind::Word;
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => {
            if chars.all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | '/' | '-')) {
                TokenKind::Number
            } else {
                TokenKind::Word
            }
        }
        Some(c) if is_word_char(c) => TokenKind::Word,
        Some(c) if is_apostrophe(c) && s.len() > c.len_utf8() => TokenKind::Word,
        Some(c) if is_quote(c) => TokenKind::Quote,
        _ => TokenKind::Punct,
    }
}

/// Appends the tokens of `text[span]` to `out`. A span outside `text` or off char boundaries
/// yields no tokens.
pub(crate) fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let end = span.end;
    if text.get(span.start..end).is_none() {
        return;
    }
    let b = text.as_bytes();
    out.reserve(span.len() / 5);
    let mut i = span.start;
    while i < end {
        if b[i] == b' ' {
            i += 1;
            continue;
        }
        let Some(c) = char_at(text, i) else {
            break;
        };
        let cl = c.len_utf8();
        if c.is_whitespace() {
            i += cl;
            continue;
        }
        if is_word_char(c) {
            i = word_run(text, i, end, out);
            continue;
        }
        if is_apostrophe(c) && i > span.start {
            let prev_space = text[span.start..i]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
            if !prev_space {
                if let Some(l) = clitic_len(text, i, end) {
                    out.push(Token {
                        span: Span::new(i, i + l),
                        kind: TokenKind::Word,
                    });
                    i += l;
                    continue;
                }
            }
        }
        if c == '.' || c == '-' {
            let mut j = i;
            while j < end && b[j] == c as u8 {
                j += 1;
            }
            push(out, text, i, j);
            i = j;
            continue;
        }
        push(out, text, i, i + cl);
        i += cl;
    }
}

/// Length of the clitic ("'s", "’re", "'ll", ...) starting with the apostrophe at `p`, if one
/// does and it ends before `end` or a non-word character.
fn clitic_len(text: &str, p: usize, end: usize) -> Option<usize> {
    let a = char_at(text, p)?;
    if !is_apostrophe(a) {
        return None;
    }
    let start = p + a.len_utf8();
    let rest = text.get(start..end)?;
    let n = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(k, _)| k);
    let letters = &rest[..n];
    if let Some(c) = rest[n..].chars().next() {
        if is_word_char(c) {
            return None;
        }
    }
    let lower = letters.to_ascii_lowercase();
    matches!(lower.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m").then_some(start + n - p)
}

/// Length of "n't" at `p` ("n" + apostrophe + "t", then no more letters), if there.
fn nt_len(text: &str, p: usize, end: usize) -> Option<usize> {
    if !matches!(text.as_bytes().get(p), Some(b'n' | b'N')) {
        return None;
    }
    let rest = text.get(p..end)?;
    let mut chars = rest.chars();
    let n = chars.next()?;
    let a = chars.next()?;
    let t = chars.next()?;
    let ok = matches!(n, 'n' | 'N') && is_apostrophe(a) && matches!(t, 't' | 'T');
    let after = chars.next();
    (ok && !after.is_some_and(is_word_char)).then(|| 1 + a.len_utf8() + 1)
}

/// End of a dotted abbreviation ("U.S.", "a.m.", "Ph.D.", or an initial "W.") at `p`, its
/// periods included, if one starts there. `j` is the end of the run and `final_dot` whether
/// `text[j]` is a period that may close it.
fn dotted_at(text: &str, p: usize, j: usize, final_dot: bool) -> Option<usize> {
    let limit = if final_dot { j + 1 } else { j };
    let mut q = p;
    let mut groups = 0;
    let mut first_group = "";
    loop {
        let g0 = q;
        let mut n = 0;
        while q < j && n <= 3 {
            match char_at(text, q) {
                Some(c) if c.is_alphabetic() => {
                    q += c.len_utf8();
                    n += 1;
                }
                _ => break,
            }
        }
        if !(1..=3).contains(&n) || q >= limit || text.as_bytes()[q] != b'.' {
            // No period after this group: the pattern ended at the previous group.
            q = g0;
            break;
        }
        if groups == 0 {
            first_group = &text[g0..q];
        }
        groups += 1;
        q += 1;
        if q >= limit {
            break;
        }
        if !char_at(text, q).is_some_and(char::is_alphabetic) {
            break;
        }
    }
    // What follows the pattern must not continue a word ("Amazon.com" is no abbreviation).
    if q < j && char_at(text, q).is_some_and(is_word_char) {
        return None;
    }
    let single_initial = groups == 1 && {
        let mut cs = first_group.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
    };
    (groups >= 2 || single_initial).then_some(q)
}

/// Tokenizes the run starting with the word character at `a`; returns where it ended.
fn word_run(text: &str, a: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let b = text.as_bytes();
    // The run: word chunks joined by single connectors.
    let mut j = a;
    let mut plain = true;
    loop {
        while j < end && b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        while let Some(c) = char_at(text, j).filter(|&c| j < end && is_word_char(c)) {
            j += c.len_utf8();
        }
        match char_at(text, j) {
            Some(c) if j < end && is_connector(c) => {
                let r = j + c.len_utf8();
                if r < end && char_at(text, r).is_some_and(is_word_char) {
                    j = r;
                    plain = false;
                    continue;
                }
            }
            _ => {}
        }
        break;
    }
    let final_dot = j < end && b[j] == b'.' && !(j + 1 < end && b[j + 1] == b'.');
    if plain && !final_dot {
        // The common case: one word, nothing to split.
        push(out, text, a, j);
        return j;
    }
    let mut p = a;
    while p < j {
        let Some(c) = char_at(text, p) else {
            break;
        };
        if is_apostrophe(c) {
            let l = clitic_len(text, p, j).unwrap_or(c.len_utf8());
            push(out, text, p, p + l);
            p += l;
            continue;
        }
        if let Some(l) = nt_len(text, p, j) {
            push(out, text, p, p + l);
            p += l;
            continue;
        }
        if !is_word_char(c) {
            push(out, text, p, p + c.len_utf8());
            p += c.len_utf8();
            continue;
        }
        if let Some(q) = dotted_at(text, p, j, final_dot) {
            push(out, text, p, q);
            p = q;
            continue;
        }
        let mut q = scan_word(text, p, j, final_dot);
        if q == j && final_dot && final_period_belongs(text, p, j, end) {
            q = j + 1;
        }
        push(out, text, p, q);
        p = q;
    }
    p.max(j)
}

/// Whether the period at `j` belongs to the word `text[p..j]` (a listed abbreviation).
fn final_period_belongs(text: &str, p: usize, j: usize, end: usize) -> bool {
    match listed_abbreviation(&text[p..j]) {
        Some(AbbrevClass::Title | AbbrevClass::General) => true,
        Some(AbbrevClass::Number) => text[j + 1..end]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit()),
        None => false,
    }
}

/// End of the word starting at `p` inside the run `..j`: word chunks joined by the connectors
/// that keep a word whole (see the module docs).
fn scan_word(text: &str, p: usize, j: usize, final_dot: bool) -> usize {
    let mut q = p;
    loop {
        let chunk_start = q;
        while let Some(c) = char_at(text, q).filter(|&c| q < j && is_word_char(c)) {
            q += c.len_utf8();
        }
        if q >= j {
            return q;
        }
        let chunk = &text[chunk_start..q];
        let Some(c) = char_at(text, q) else {
            return q;
        };
        let r = q + c.len_utf8();
        let next_chunk_len = text[r..j]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(j - r, |(k, _)| k);
        let next_chunk = &text[r..r + next_chunk_len];
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let join = match c {
            '.' => {
                (all_digits(chunk) && next_chunk.starts_with(|c: char| c.is_ascii_digit()))
                    || (chunk.chars().count() >= 2
                        && next_chunk.chars().count() >= 2
                        && !all_digits(chunk))
            }
            ',' => all_digits(chunk) && next_chunk.len() == 3 && all_digits(next_chunk),
            ':' | '/' => all_digits(chunk) && all_digits(next_chunk),
            '&' => true,
            c if is_hyphen(c) => dotted_at(text, r, j, final_dot).is_none(),
            c if is_apostrophe(c) => {
                if clitic_len(text, q, j).is_some() {
                    false
                } else if q > chunk_start && nt_len(text, q - 1, j).is_some() {
                    // "don't": the word ends before the "n" (unless it is all of the chunk).
                    return if q - 1 > p { q - 1 } else { q };
                } else {
                    true
                }
            }
            _ => false,
        };
        if !join {
            return q;
        }
        q = r;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize_into(s, Span::new(0, s.len()), &mut out);
        out.iter().map(|t| t.span.slice(s)).collect()
    }

    #[test]
    fn words_and_clitics() {
        assert_eq!(toks("U.S.-led drills"), vec!["U.S.", "-", "led", "drills"]);
        assert_eq!(toks("Russia's"), vec!["Russia", "'s"]);
        assert_eq!(toks("Russia’s"), vec!["Russia", "’s"]);
        assert_eq!(toks("don't"), vec!["do", "n't"]);
        assert_eq!(toks("won't"), vec!["wo", "n't"]);
        assert_eq!(toks("O'Brien"), vec!["O'Brien"]);
        assert_eq!(
            toks("so-called anti-government"),
            vec!["so-called", "anti-government"]
        );
        assert_eq!(toks("1,300 and 3.5."), vec!["1,300", "and", "3.5", "."]);
        assert_eq!(toks("Gen. Smith left."), vec!["Gen.", "Smith", "left", "."]);
        assert_eq!(toks("No. 5 and no."), vec!["No.", "5", "and", "no", "."]);
        assert_eq!(
            toks("\"Yes,\" he said"),
            vec!["\"", "Yes", ",", "\"", "he", "said"]
        );
        assert_eq!(toks("anti-U.S. rally"), vec!["anti", "-", "U.S.", "rally"]);
        assert_eq!(toks("the U.S.'s role"), vec!["the", "U.S.", "'s", "role"]);
        assert_eq!(toks("wait..."), vec!["wait", "..."]);
        assert_eq!(toks("George W. Bush"), vec!["George", "W.", "Bush"]);
    }
}
