//! Options for coding with PETRARCH2/TABARI dictionaries instead of (or over) petrel's own.

use anyhow::{anyhow, bail, Context};
use petrel_petrarch::{LoadOptions, Loaded, PetrarchFiles};
use std::path::PathBuf;

/// Which dictionary format the coding commands read.
#[derive(clap::ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DictFormat {
    /// petrel's own dictionaries (built in, plus `--dict` folders).
    #[default]
    Petrel,
    /// PETRARCH2/TABARI files (`--verbs`, `--actors`, ... or `--petrarch-config`).
    Petrarch,
}

/// PETRARCH dictionary options.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct PetrarchArgs {
    /// Dictionary format: petrel (default) or petrarch.
    #[arg(long = "dict-format", value_enum, default_value_t = DictFormat::Petrel)]
    pub dict_format: DictFormat,
    /// PETRARCH verb dictionary (e.g. CAMEO.2.0.txt).
    #[arg(long, value_name = "FILE")]
    pub verbs: Option<PathBuf>,
    /// PETRARCH actor dictionaries, comma-separated or repeated; later ones override earlier.
    #[arg(long, value_name = "FILE[,FILE..]", value_delimiter = ',')]
    pub actors: Vec<PathBuf>,
    /// PETRARCH agent dictionary (e.g. Phoenix.agents.txt).
    #[arg(long, value_name = "FILE")]
    pub agents: Option<PathBuf>,
    /// PETRARCH discard list (e.g. Phoenix.discards.txt).
    #[arg(long, value_name = "FILE")]
    pub discards: Option<PathBuf>,
    /// PETRARCH issue file (e.g. Phoenix.IssueCoding.txt).
    #[arg(long, value_name = "FILE")]
    pub issues: Option<PathBuf>,
    /// A PETRARCH configuration (PETR_config.ini style: `verbfile_name = ...`,
    /// `actorfile_list = a, b`, `agentfile_name`, `discardfile_name`, `issuefile_name`,
    /// `dictionary_dir`) naming the files; the flags above override it.
    #[arg(long = "petrarch-config", value_name = "FILE")]
    pub petrarch_config: Option<PathBuf>,
    /// Load petrel's built-in dictionaries under the PETRARCH files (which override them).
    #[arg(long = "with-builtin")]
    pub with_builtin: bool,
}

impl PetrarchArgs {
    fn any_file(&self) -> bool {
        self.verbs.is_some()
            || !self.actors.is_empty()
            || self.agents.is_some()
            || self.discards.is_some()
            || self.issues.is_some()
            || self.petrarch_config.is_some()
    }

    /// The files named by the config and the flags (flags win), on top of `base`.
    pub fn files(&self, base: PetrarchFiles) -> anyhow::Result<PetrarchFiles> {
        let mut f = base;
        if let Some(c) = &self.petrarch_config {
            f = PetrarchFiles::from_config(c)?;
        }
        if let Some(p) = &self.verbs {
            f.verbs = Some(p.clone());
        }
        if !self.actors.is_empty() {
            f.actors = self.actors.clone();
        }
        if let Some(p) = &self.agents {
            f.agents = Some(p.clone());
        }
        if let Some(p) = &self.discards {
            f.discards = Some(p.clone());
        }
        if let Some(p) = &self.issues {
            f.issues = Some(p.clone());
        }
        Ok(f)
    }
}

/// Loads `files`, printing a summary of unreadable lines to stderr.
pub fn load_files(files: &PetrarchFiles, with_builtin: bool) -> anyhow::Result<Loaded> {
    if files.verbs.is_none() && files.actors.is_empty() {
        bail!("PETRARCH dictionaries: give at least --verbs or --actors (or --petrarch-config)");
    }
    let l = petrel_petrarch::load(files, LoadOptions { with_builtin })
        .context("loading PETRARCH dictionaries")?;
    let bad: Vec<_> = l.unreadable().collect();
    if !bad.is_empty() {
        const SHOWN: usize = 10;
        eprintln!(
            "petrel: {} unreadable PETRARCH dictionary line(s) skipped:",
            bad.len()
        );
        for d in bad.iter().take(SHOWN) {
            eprintln!("  {d}");
        }
        if bad.len() > SHOWN {
            eprintln!("  ... and {} more", bad.len() - SHOWN);
        }
    }
    Ok(l)
}

/// Everything the PETRARCH options load (knowledge base, discards, issues), or `None` when
/// the format is petrel.
pub fn load_full(args: &PetrarchArgs) -> anyhow::Result<Option<Loaded>> {
    match args.dict_format {
        DictFormat::Petrel => {
            if args.any_file() {
                return Err(anyhow!(
                    "PETRARCH dictionary files given: add --dict-format petrarch to use them"
                ));
            }
            Ok(None)
        }
        DictFormat::Petrarch => {
            let f = args.files(PetrarchFiles::default())?;
            load_files(&f, args.with_builtin).map(Some)
        }
    }
}
