//! Reader of PETRARCH2 issue files (Phoenix.IssueCoding.txt): blocks
//! `<ISSUE CATEGORY="X" TYPE="Y">` ... `</ISSUE>` of lines `phrase [CODE]` (a word marked
//! `n:` also matches its plural; `+` stands for a hyphen or a space, as in `pre+k`) and
//! exclusions `~phrase`; a phrase without a code takes the block's category as its code (a text holding one is not given the block's issues by that phrase).

use crate::error::Sink;
use crate::lines::{content_lines, Line};
use crate::Diagnostic;

/// One issue phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuePhrase {
    /// Spellings of the phrase as normalised word sequences.
    pub forms: Vec<Vec<String>>,
    /// Issue code (`EARLY_CHILDHOOD_EDUCATION`).
    pub code: String,
    /// 1-based line.
    pub line: usize,
}

/// An `<ISSUE>` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueBlock {
    /// `CATEGORY` attribute.
    pub category: String,
    /// `TYPE` attribute.
    pub kind: String,
    /// Its phrases.
    pub phrases: Vec<IssuePhrase>,
    /// Its exclusions, as normalised word sequences.
    pub exclusions: Vec<Vec<String>>,
    /// 1-based line of the opening tag.
    pub line: usize,
}

/// A whole issue file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Issues {
    /// Blocks in file order.
    pub blocks: Vec<IssueBlock>,
}

/// One issue found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueHit {
    /// Block category.
    pub category: String,
    /// Issue code.
    pub code: String,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let p = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = tag[p..].trim_start();
    let q = rest.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    let end = rest[1..].find(q)?;
    Some(rest[1..1 + end].to_string())
}

fn forms(phrase: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for tok in phrase.split_whitespace() {
        let noun = tok.starts_with("n:") || tok.contains("+n:");
        // `pre+n:school`: a joined word; hyphenated, spaced and glued forms are tried.
        let w = tok.trim_start_matches("n:").replace("+n:", "+");
        let mut variants: Vec<Vec<String>> = vec![petrel_dict::words(&w.replace('+', "-"))];
        let spaced = petrel_dict::words(&w.replace('+', " "));
        if !variants.contains(&spaced) {
            variants.push(spaced);
        }
        let glued = petrel_dict::words(&w.replace('+', ""));
        if !variants.contains(&glued) {
            variants.push(glued);
        }
        if noun {
            let mut plural = Vec::new();
            for v in &variants {
                if let Some(last) = v.last() {
                    let mut p = v.clone();
                    let l = p.len() - 1;
                    p[l] = if last.ends_with('s') || last.ends_with('x') || last.ends_with("ch") {
                        format!("{last}es")
                    } else if last.ends_with('y') && !last.ends_with("ay") && !last.ends_with("ey")
                    {
                        format!("{}ies", &last[..last.len() - 1])
                    } else {
                        format!("{last}s")
                    };
                    plural.push(p);
                }
            }
            variants.extend(plural);
        }
        let mut next = Vec::new();
        for base in &out {
            for v in &variants {
                let mut b = base.clone();
                b.extend(v.iter().cloned());
                next.push(b);
            }
        }
        out = next;
        if out.len() > 256 {
            out.truncate(256);
        }
    }
    out.retain(|f| !f.is_empty());
    out
}

impl Issues {
    /// Reads an issue file.
    pub fn parse(file: &str, text: &str) -> (Issues, Vec<Diagnostic>) {
        let mut sink = Sink::new(file);
        let mut d = Issues::default();
        let mut cur: Option<IssueBlock> = None;
        for Line { no, text } in content_lines(text) {
            let t = text.trim();
            if t.starts_with("<ISSUE") {
                if let Some(b) = cur.take() {
                    sink.warn(b.line, "<ISSUE> block not closed before the next one");
                    d.blocks.push(b);
                }
                match (attr(t, "CATEGORY"), t.ends_with('>')) {
                    (Some(category), true) => {
                        cur = Some(IssueBlock {
                            category,
                            kind: attr(t, "TYPE").unwrap_or_default(),
                            phrases: Vec::new(),
                            exclusions: Vec::new(),
                            line: no,
                        })
                    }
                    _ => sink.unreadable(no, "bad <ISSUE CATEGORY=\"...\" TYPE=\"...\"> tag"),
                }
                continue;
            }
            if t.starts_with("</ISSUE") {
                match cur.take() {
                    Some(b) => d.blocks.push(b),
                    None => sink.warn(no, "</ISSUE> without <ISSUE>; ignored"),
                }
                continue;
            }
            let Some(b) = cur.as_mut() else {
                sink.unreadable(no, "line outside an <ISSUE> block");
                continue;
            };
            if let Some(x) = t.strip_prefix('~') {
                let f = forms(x);
                if f.is_empty() {
                    sink.unreadable(no, "empty exclusion");
                }
                b.exclusions.extend(f);
                continue;
            }
            // A phrase without a code takes the block's category as its code.
            let (phrase, code) = match (t.rfind('['), t.rfind(']')) {
                (Some(o), Some(c)) if c > o => {
                    if !t[c + 1..].trim().is_empty() {
                        sink.warn(
                            no,
                            format!("text after the code ignored: {:?}", t[c + 1..].trim()),
                        );
                    }
                    (&t[..o], t[o + 1..c].trim().to_string())
                }
                (None, None) => (t, b.category.clone()),
                _ => {
                    sink.unreadable(no, "bad issue line (want `phrase [CODE]`)");
                    continue;
                }
            };
            let f = forms(phrase);
            if code.is_empty() || f.is_empty() {
                sink.unreadable(no, "bad issue line (want `phrase [CODE]`)");
                continue;
            }
            b.phrases.push(IssuePhrase {
                forms: f,
                code: code.to_string(),
                line: no,
            });
        }
        if let Some(b) = cur.take() {
            sink.warn(b.line, "<ISSUE> block not closed at the end of the file");
            d.blocks.push(b);
        }
        (d, sink.out)
    }

    /// The issues of `text`: each code once, in file order.
    pub fn find(&self, text: &str) -> Vec<IssueHit> {
        let w = petrel_dict::words(text);
        let has = |f: &Vec<String>| w.windows(f.len()).any(|x| x == f.as_slice());
        let mut out: Vec<IssueHit> = Vec::new();
        for b in &self.blocks {
            if b.exclusions.iter().any(has) {
                continue;
            }
            for p in &b.phrases {
                if p.forms.iter().any(has) && !out.iter().any(|h| h.code == p.code) {
                    out.push(IssueHit {
                        category: b.category.clone(),
                        code: p.code.clone(),
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks() {
        let t = "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:teacher [TEACHERS]\npre+k [EARLY]\n~a head start\n</ISSUE>\n";
        let (d, diags) = Issues::parse("t", t);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.blocks[0].phrases.len(), 2);
        assert_eq!(d.find("The teachers went on strike")[0].code, "TEACHERS");
        assert_eq!(d.find("pre-k funding")[0].code, "EARLY");
        assert!(d.find("They got a head start, teachers said").is_empty());
    }
}
