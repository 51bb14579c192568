//! Plain text: paragraphs separated by blank lines, an optional headline on the first line,
//! page furniture dropped.

use crate::builder::{DocBuilder, Meta};
use crate::furniture::Furniture;
use petrel_core::Document;

/// A headline is at most this many bytes...
const HEADLINE_MAX_BYTES: usize = 200;
/// ...and this many words.
const HEADLINE_MAX_WORDS: usize = 30;

/// A line of the input: byte range without its line terminator.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

/// A paragraph candidate: consecutive kept lines, trimmed.
#[derive(Debug, Clone, Copy)]
struct Para {
    start: usize,
    end: usize,
    /// Number of input lines it spans.
    lines: usize,
    /// The input has a blank line (or the end) right after it.
    blank_after: bool,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        let body = l.strip_suffix('\n').unwrap_or(l);
        let body = body.strip_suffix('\r').unwrap_or(body);
        out.push(Line {
            start: pos,
            end: pos + body.len(),
        });
        pos += l.len();
    }
    out
}

/// Trims whitespace off `text[start..end]`, returning the trimmed range.
fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (start + lead, (end - trail).max(start + lead))
}

/// Splits `text` into paragraphs, dropping furniture lines and caption paragraphs.
fn paragraphs(text: &str, furniture: &Furniture) -> Vec<Para> {
    let ls = lines(text);
    let blank = |l: &Line| text[l.start..l.end].trim().is_empty();
    let mut paras = Vec::new();
    let mut i = 0;
    while i < ls.len() {
        if blank(&ls[i]) {
            i += 1;
            continue;
        }
        // a block: consecutive non-blank lines
        let mut j = i;
        while j < ls.len() && !blank(&ls[j]) {
            j += 1;
        }
        let blank_after = true; // a block always ends at a blank line or the end of input
                                // runs of kept lines inside the block become paragraphs
        let mut run: Option<(usize, usize)> = None; // (first line, last line)
        let mut flush = |run: &mut Option<(usize, usize)>, ends_block: bool| {
            if let Some((a, b)) = run.take() {
                let (s, e) = trim_range(text, ls[a].start, ls[b].end);
                if s < e {
                    paras.push(Para {
                        start: s,
                        end: e,
                        lines: b - a + 1,
                        blank_after: ends_block && blank_after,
                    });
                }
            }
        };
        for k in i..j {
            let line = &text[ls[k].start..ls[k].end];
            if furniture.is_furniture_line(line) {
                flush(&mut run, false);
            } else {
                run = Some(match run {
                    Some((a, _)) => (a, k),
                    None => (k, k),
                });
            }
        }
        flush(&mut run, true);
        i = j;
    }
    paras.retain(|p| furniture.caption_rule(&text[p.start..p.end]).is_none());
    paras
}

/// True when the line looks like a headline: one short line, no final sentence punctuation.
fn looks_like_headline(s: &str) -> bool {
    let words = s.split_whitespace().count();
    if s.len() > HEADLINE_MAX_BYTES || words == 0 || words > HEADLINE_MAX_WORDS {
        return false;
    }
    if s.ends_with(['.', '!', '?', ',', ';', ':']) {
        return false;
    }
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_numeric() || "\"“‘'«".contains(first)) {
        return false;
    }
    !is_date_line(s)
}

/// "Friday, January 4, 2019", "4 January 2019", "2019-01-04": a dateline, not a headline.
fn is_date_line(s: &str) -> bool {
    const NAMES: [&str; 19] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
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
    let mut has_digit = false;
    for w in s.split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/') {
        if w.is_empty() {
            continue;
        }
        let lw = w.trim_end_matches('.').to_lowercase();
        if lw.chars().all(|c| c.is_ascii_digit()) {
            has_digit = true;
            continue;
        }
        let short_ok = lw.len() >= 3 && NAMES.iter().any(|n| n.starts_with(&lw));
        if !short_ok {
            return false;
        }
    }
    has_digit
}

/// Makes a document of plain text. Offsets in the source map are offsets into `text`.
/// `None` when nothing but furniture or whitespace is there.
pub(crate) fn read_text(text: &str, meta: Meta, furniture: &Furniture) -> Option<Document> {
    let paras = paragraphs(text, furniture);
    let first = paras.first()?;
    let mut b = DocBuilder::new();
    let mut rest = &paras[..];
    let head = &text[first.start..first.end];
    if paras.len() > 1 && first.lines == 1 && first.blank_after && looks_like_headline(head) {
        b.title(head, Some(first.start));
        rest = &paras[1..];
    }
    for p in rest {
        b.paragraph(&text[p.start..p.end], Some(p.start));
    }
    Some(b.finish(meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Option<Document> {
        read_text(s, Meta::default(), Furniture::builtin())
    }

    #[test]
    fn headline_then_body() {
        let s = "Talks Resume in Geneva\n\nDiplomats met on Monday.\n\nThey said little.\n";
        let d = doc(s).unwrap();
        assert_eq!(d.title.as_deref(), Some("Talks Resume in Geneva"));
        assert_eq!(
            d.text,
            "Talks Resume in Geneva\n\nDiplomats met on Monday.\n\nThey said little."
        );
        assert_eq!(
            d.title_span.unwrap().slice(&d.text),
            "Talks Resume in Geneva"
        );
    }

    #[test]
    fn no_headline_when_first_line_is_a_sentence_or_not_followed_by_blank() {
        let d = doc("Diplomats met on Monday.\n\nThey said little.").unwrap();
        assert_eq!(d.title, None);
        let d = doc("Talks resume\nDiplomats met on Monday.\n\nThey said little.").unwrap();
        assert_eq!(d.title, None);
        let d = doc("Friday, January 4, 2019\n\nAn apartment building collapsed.").unwrap();
        assert_eq!(d.title, None);
        // a lone line is not a headline: there is no body
        let d = doc("Talks Resume in Geneva\n").unwrap();
        assert_eq!(d.title, None);
        assert_eq!(d.text, "Talks Resume in Geneva");
    }

    #[test]
    fn furniture_lines_inside_a_block_split_it() {
        let s = "Headline Here\n\nFirst paragraph.\nRead more\nShare this\n";
        let d = doc(s).unwrap();
        assert_eq!(d.text, "Headline Here\n\nFirst paragraph.");
    }

    #[test]
    fn only_furniture_gives_nothing() {
        assert!(doc("Read more\n\nShare this\n").is_none());
        assert!(doc("  \n\n ").is_none());
    }

    #[test]
    fn crlf_and_identity_mapping() {
        let s = "Headline Here\r\n\r\nBody one\r\nstill one.\r\n\r\nMikhail Metzel / TASS\r\n\r\nBody two.\r\n";
        let d = doc(s).unwrap();
        assert_eq!(d.title.as_deref(), Some("Headline Here"));
        assert_eq!(
            d.text,
            "Headline Here\n\nBody one\r\nstill one.\n\nBody two."
        );
        for m in &d.source_map {
            assert_eq!(
                &d.text[m.text_start..m.text_start + m.len],
                &s[m.input_start..m.input_start + m.len]
            );
        }
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("Friday, January 4, 2019"));
        assert!(is_date_line("4 Jan. 2019"));
        assert!(is_date_line("2019-01-04"));
        assert!(!is_date_line("May Day Protests 2019"));
        assert!(!is_date_line("Russia Sends Proposals"));
    }
}
