//! Renders a [`Trace`] and its records as readable text (`petrel explain`).

use std::fmt::Write;

use petrel_events::Record;

use crate::engine::Trace;

/// The explanation as text: per sentence, tags, noun phrases with actors, verb groups with
/// their roles, the notes of the coder, then the records made.
pub fn render(trace: &Trace, records: &[Record]) -> String {
    let mut o = String::new();
    for s in &trace.sentences {
        let _ = writeln!(o, "sentence {}: {}", s.index, s.text);
        let tags: Vec<String> = s
            .words
            .iter()
            .map(|(w, t, l)| {
                if l.is_empty() || l == &w.to_lowercase() {
                    format!("{w}/{t}")
                } else {
                    format!("{w}/{t}({l})")
                }
            })
            .collect();
        let _ = writeln!(o, "  tags: {}", tags.join(" "));
        for (text, m) in &s.nps {
            match m {
                Some(m) => {
                    let name = m
                        .name
                        .as_deref()
                        .map(|n| format!(" `{n}`"))
                        .unwrap_or_default();
                    let _ = writeln!(o, "  np: [{text}] = {}{name}  <- {}", m.code, m.how);
                }
                None => {
                    let _ = writeln!(o, "  np: [{text}]");
                }
            }
        }
        for v in &s.vgs {
            let _ = writeln!(o, "  verb: {v}");
        }
        for n in &s.notes {
            let _ = writeln!(o, "  - {n}");
        }
    }
    for r in records {
        match r {
            Record::Event(e) => {
                let _ = writeln!(
                    o,
                    "event: {} -> {} {} {} [{}]{} rule {}",
                    e.source.code,
                    e.target.as_ref().map_or("-", |t| t.code.as_str()),
                    e.cameo,
                    e.cameo_name,
                    e.modality.as_str(),
                    if e.attribution.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " according to {}",
                            e.attribution
                                .iter()
                                .map(|a| a.text.as_str())
                                .collect::<Vec<_>>()
                                .join(" via ")
                        )
                    },
                    e.rule
                );
            }
            Record::Quote(q) => {
                let _ = writeln!(
                    o,
                    "quote ({}): \"{}\" speaker {} ({}){}",
                    if q.direct { "direct" } else { "indirect" },
                    q.text,
                    q.speaker.text,
                    q.speaker.code,
                    if q.via.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " via {}",
                            q.via
                                .iter()
                                .map(|a| a.text.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                );
            }
        }
    }
    o
}
