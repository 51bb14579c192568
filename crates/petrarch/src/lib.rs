//! petrel-petrarch: readers for PETRARCH2 dictionaries and validation records.
//!
//! Teams that use PETRARCH2 or TABARI bring their CAMEO dictionaries; this crate reads them
//! as they are ([`verbs`], [`actors`], [`agents`], [`discards`], [`issues`]) and turns them into
//! petrel's [`KnowledgeBase`] ([`convert`]) so that petrel's own coder codes raw text with
//! them. [`validate`] reads PETRARCH's validation XML and scores petrel against it.
//!
//! Every reader reports the lines it cannot read as [`Diagnostic`]s naming file and line, and
//! goes on with the next line. The files are never copied: they are read at run time.
//!
//! Decisions on what petrel's knowledge base cannot hold as PETRARCH does:
//! - Codes `[A:B]` (an event from source to target coded `A` and its reciprocal from target to
//!   source coded `B`) stay whole in the pattern's code and are registered in the CAMEO table
//!   with the data of `A`; [`split_code`] splits them, and the validator counts both events.
//! - Codes petrel's CAMEO 1.1b3 table lacks (the validation suite's WEIS codes, `075A`) are
//!   registered with the data of their longest known prefix, or neutral values, so that an
//!   event is still coded.
//! - PETRARCH actor codes are free-form; the 3-letter codes actors use are registered as
//!   country segments so that agents combine with them as with states (`GON` + `~MIL`).
//! - Prefix agent codes (`[NGO~]`) are added like suffix codes (reported as warnings).
//! - Transformations are read and counted, not used: petrel's coder handles reported speech.

use petrel_dict::{KbBuilder, KnowledgeBase};
use std::path::{Path, PathBuf};

pub mod actors;
pub mod agents;
pub mod convert;
pub mod discards;
mod error;
pub mod issues;
mod lines;
pub mod validate;
pub mod verbs;

pub use convert::Stats;
pub use discards::Discards;
pub use error::{Diagnostic, PetrarchError, Severity};
pub use issues::Issues;
pub use verbs::split_code;

/// The PETRARCH dictionary files to load.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PetrarchFiles {
    /// Verb dictionary (CAMEO.2.0.txt).
    pub verbs: Option<PathBuf>,
    /// Actor dictionaries, later ones overriding earlier ones.
    pub actors: Vec<PathBuf>,
    /// Agent dictionary.
    pub agents: Option<PathBuf>,
    /// Discard list.
    pub discards: Option<PathBuf>,
    /// Issue file.
    pub issues: Option<PathBuf>,
}

impl PetrarchFiles {
    /// Reads a PETRARCH-style configuration naming the files (as PETR_config.ini does):
    /// `key = value` lines (`[Section]` headers and `#`/`;` comments ignored), keys
    /// `verbfile_name` (or `verbs`), `actorfile_list` (or `actors`, comma-separated),
    /// `agentfile_name` (`agents`), `discardfile_name` (`discards`), `issuefile_name`
    /// (`issues`), and `dictionary_dir` (folder the names are relative to; default: the
    /// configuration's folder). Other keys are ignored.
    pub fn from_config(path: &Path) -> Result<PetrarchFiles, PetrarchError> {
        let text = lines::read_text(path)?;
        let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut dir = base.clone();
        let mut raw: Vec<(String, String, usize)> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let l = line.trim();
            if l.is_empty() || l.starts_with(['#', ';', '[']) {
                continue;
            }
            let Some((k, v)) = l.split_once(['=', ':']) else {
                return Err(PetrarchError::Config {
                    path: path.display().to_string(),
                    line: i + 1,
                    reason: "want `key = value`".into(),
                });
            };
            let k = k.trim().to_ascii_lowercase();
            let v = v.trim().to_string();
            if k == "dictionary_dir" || k == "dict_dir" {
                dir = base.join(&v);
            } else {
                raw.push((k, v, i + 1));
            }
        }
        let mut f = PetrarchFiles::default();
        for (k, v, _) in raw {
            let p = |s: &str| dir.join(s.trim());
            match k.as_str() {
                "verbfile_name" | "verbfile" | "verbs" => f.verbs = Some(p(&v)),
                "actorfile_list" | "actorfile" | "actors" => {
                    f.actors = v
                        .split(',')
                        .filter(|s| !s.trim().is_empty())
                        .map(p)
                        .collect()
                }
                "agentfile_name" | "agentfile" | "agents" => f.agents = Some(p(&v)),
                "discardfile_name" | "discardfile" | "discards" => f.discards = Some(p(&v)),
                "issuefile_name" | "issuefile" | "issues" => f.issues = Some(p(&v)),
                _ => {}
            }
        }
        Ok(f)
    }
}

/// How to load.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Put petrel's own built-in knowledge base under the PETRARCH files (which override it).
    /// Without it only petrel's CAMEO table and code segments are used.
    pub with_builtin: bool,
}

/// What [`load`] gives.
#[derive(Debug)]
pub struct Loaded {
    /// The compiled knowledge base.
    pub kb: KnowledgeBase,
    /// The discard list (empty without a file).
    pub discards: Discards,
    /// The issues (empty without a file).
    pub issues: Issues,
    /// Every problem found, each with file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// What was added.
    pub stats: Stats,
}

impl Loaded {
    /// The diagnostics of lines that could not be read.
    pub fn unreadable(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Unreadable)
    }
}

fn read(path: &Path) -> Result<(String, String), PetrarchError> {
    Ok((path.display().to_string(), lines::read_text(path)?))
}

/// Reads the files and fills `b` (in new layers on top of what it holds).
pub fn fill(
    b: &mut KbBuilder,
    files: &PetrarchFiles,
) -> Result<(Discards, Issues, Vec<Diagnostic>, Stats), PetrarchError> {
    let mut diags = Vec::new();
    let mut stats = Stats::default();
    b.begin_layer();
    if let Some(p) = &files.verbs {
        let (name, text) = read(p)?;
        let (d, dg) = verbs::VerbDict::parse(&name, &text);
        diags.extend(dg);
        convert::add_verbs(b, &name, &d, &mut stats, &mut diags);
    }
    if let Some(p) = &files.agents {
        let (name, text) = read(p)?;
        let (d, dg) = agents::AgentDict::parse(&name, &text);
        diags.extend(dg);
        convert::add_agents(b, &name, &d, &mut stats, &mut diags);
    }
    for p in &files.actors {
        b.begin_layer();
        let (name, text) = read(p)?;
        let (d, dg) = actors::ActorDict::parse(&name, &text);
        diags.extend(dg);
        convert::add_actors(b, &name, &d, &mut stats, &mut diags);
    }
    let mut disc = Discards::default();
    if let Some(p) = &files.discards {
        let (name, text) = read(p)?;
        let (d, dg) = Discards::parse(&name, &text);
        diags.extend(dg);
        disc = d;
    }
    let mut iss = Issues::default();
    if let Some(p) = &files.issues {
        let (name, text) = read(p)?;
        let (d, dg) = Issues::parse(&name, &text);
        diags.extend(dg);
        iss = d;
    }
    Ok((disc, iss, diags, stats))
}

/// Loads PETRARCH dictionaries into a knowledge base, over petrel's CAMEO table and code
/// segments (and its whole built-in base with [`LoadOptions::with_builtin`]).
pub fn load(files: &PetrarchFiles, opts: LoadOptions) -> Result<Loaded, PetrarchError> {
    let mut b = KbBuilder::new();
    if opts.with_builtin {
        KnowledgeBase::load_builtin_into(&mut b);
    } else {
        convert::add_builtin_tables(&mut b);
    }
    let (discards, issues, diagnostics, stats) = fill(&mut b, files)?;
    let kb = b.build().map_err(|e| PetrarchError::Build(e.to_string()))?;
    Ok(Loaded {
        kb,
        discards,
        issues,
        diagnostics,
        stats,
    })
}
