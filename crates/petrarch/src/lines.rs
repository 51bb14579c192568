//! Line handling shared by the readers: `#` comments, `<!-- ... -->` comment blocks.

/// One line of content: its 1-based number and its text without comment, trimmed at the end.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    pub no: usize,
    pub text: &'a str,
}

/// The non-empty lines of `text`, with `#` comments and `<!-- ... -->` blocks removed.
pub(crate) fn content_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let no = i + 1;
        let t = raw.trim_start();
        if in_comment {
            if raw.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        if t.starts_with("<!--") {
            in_comment = !t.contains("-->");
            continue;
        }
        let body = &raw[..comment_start(raw)];
        let body = body.trim_end();
        if body.trim().is_empty() {
            continue;
        }
        out.push(Line { no, text: body });
    }
    out
}

/// Where a `#` comment starts (a `#` inside `[...]` is part of a code, as in `[###]`).
fn comment_start(s: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '#' if depth == 0 => return i,
            _ => {}
        }
    }
    s.len()
}

/// Reads a file as text, replacing invalid UTF-8 (some dictionaries are Latin-1 in places).
pub(crate) fn read_text(path: &std::path::Path) -> Result<String, crate::PetrarchError> {
    let bytes = std::fs::read(path).map_err(|source| crate::PetrarchError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// A PETRARCH phrase (`WORD_WORD_`, `WORD WORD`) as plain words separated by spaces.
pub(crate) fn phrase_text(raw: &str) -> String {
    raw.split(['_', ' ', '\t'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_comments_and_blocks() {
        assert_eq!(comment_start("- * X [###] # c"), 12);
        let t = "a # c\n<!-- x -->\n<!-- open\nstill\n-->\n\nb\n   \n# only\n";
        let l = content_lines(t);
        assert_eq!(l.len(), 2);
        assert_eq!((l[0].no, l[0].text), (1, "a"));
        assert_eq!((l[1].no, l[1].text), (7, "b"));
    }

    #[test]
    fn phrases() {
        assert_eq!(phrase_text("ANDORRA_LA_VELLA_"), "ANDORRA LA VELLA");
        assert_eq!(phrase_text("CARAS GALADHON"), "CARAS GALADHON");
    }
}
