//! UTF-8 decoding, strict or lossy, that remembers where decoded text came from.

use petrel_core::SourceMapping;
use std::borrow::Cow;

/// Decoded input plus the identity runs that map it back to the raw bytes.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The text.
    pub text: Cow<'a, str>,
    /// `(decoded_start, raw_start, len)` runs copied unchanged; `None` when the text is the raw
    /// input itself.
    runs: Option<Vec<(usize, usize, usize)>>,
    /// Invalid sequences replaced.
    pub replaced: usize,
    /// Raw offset of the first replaced sequence.
    pub first_bad: usize,
}

/// Decodes `raw`. Strict: `Err(offset of the first invalid byte)`. Lossy: replaces each invalid
/// sequence with U+FFFD.
pub(crate) fn decode(raw: &[u8], lossy: bool) -> Result<Decoded<'_>, usize> {
    match std::str::from_utf8(raw) {
        Ok(s) => Ok(Decoded {
            text: Cow::Borrowed(s),
            runs: None,
            replaced: 0,
            first_bad: 0,
        }),
        Err(e) if !lossy => Err(e.valid_up_to()),
        Err(e) => {
            let mut text = String::with_capacity(raw.len() + 16);
            let mut runs = Vec::new();
            let mut replaced = 0;
            let first_bad = e.valid_up_to();
            let mut raw_pos = 0;
            for chunk in raw.utf8_chunks() {
                let v = chunk.valid();
                if !v.is_empty() {
                    runs.push((text.len(), raw_pos, v.len()));
                    text.push_str(v);
                }
                raw_pos += v.len();
                if !chunk.invalid().is_empty() {
                    text.push('\u{FFFD}');
                    replaced += 1;
                    raw_pos += chunk.invalid().len();
                }
            }
            Ok(Decoded {
                text: Cow::Owned(text),
                runs: Some(runs),
                replaced,
                first_bad,
            })
        }
    }
}

impl Decoded<'_> {
    /// Rewrites a source map whose `input_start`s are offsets into the decoded text so that they
    /// are offsets into the raw input plus `base`. Pieces covering a replacement character are
    /// split, and the replacement itself is left unmapped.
    pub fn to_raw(&self, map: Vec<SourceMapping>, base: usize) -> Vec<SourceMapping> {
        let Some(runs) = &self.runs else {
            return map
                .into_iter()
                .map(|m| SourceMapping {
                    input_start: m.input_start + base,
                    ..m
                })
                .collect();
        };
        let mut out = Vec::with_capacity(map.len());
        for m in map {
            let (a, b) = (m.input_start, m.input_start + m.len);
            let first = runs.partition_point(|r| r.0 + r.2 <= a);
            for r in &runs[first..] {
                if r.0 >= b {
                    break;
                }
                let s = a.max(r.0);
                let e = b.min(r.0 + r.2);
                if s < e {
                    out.push(SourceMapping {
                        text_start: m.text_start + (s - a),
                        len: e - s,
                        input_start: base + r.1 + (s - r.0),
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
    fn strict_reports_offset() {
        assert_eq!(decode(b"abc\xffdef", false).unwrap_err(), 3);
        assert_eq!(
            decode("é\u{2019}".as_bytes(), false).unwrap().text,
            "é\u{2019}"
        );
    }

    #[test]
    fn lossy_maps_around_replacements() {
        let raw = b"ab\xff\xfecd";
        let d = decode(raw, true).unwrap();
        assert_eq!(d.text, "ab\u{FFFD}\u{FFFD}cd");
        assert_eq!(d.replaced, 2);
        assert_eq!(d.first_bad, 2);
        // the whole decoded text, mapped identically in decoded coordinates
        let whole = vec![SourceMapping {
            text_start: 0,
            len: d.text.len(),
            input_start: 0,
        }];
        let m = d.to_raw(whole, 100);
        assert_eq!(
            m,
            vec![
                SourceMapping {
                    text_start: 0,
                    len: 2,
                    input_start: 100
                },
                SourceMapping {
                    text_start: 8,
                    len: 2,
                    input_start: 104
                }
            ]
        );
    }
}
