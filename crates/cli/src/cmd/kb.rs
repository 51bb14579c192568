//! Options for choosing dictionaries, shared by the commands that code text.

use super::kb_petrarch::{self, PetrarchArgs};
use anyhow::{anyhow, bail};
use petrel_dict::KnowledgeBase;
use petrel_petrarch::Discards;
use std::path::PathBuf;

/// Which dictionaries to use: the built-in base plus user folders on top, or PETRARCH2/TABARI
/// dictionaries (`--dict-format petrarch`).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct KbArgs {
    /// A dictionary folder laid out like petrel's `dict/` (cameo.txt, segments/, actors/,
    /// agents/, verbs/), loaded on top of the built-in base. Repeatable; later folders
    /// override earlier ones.
    #[arg(long = "dict", value_name = "DIR")]
    pub dict: Vec<PathBuf>,
    #[command(flatten)]
    pub petrarch: PetrarchArgs,
}

/// A loaded knowledge base, with the PETRARCH discard list when one was given.
pub struct Kb {
    /// The compiled knowledge base.
    pub kb: KnowledgeBase,
    /// PETRARCH discard phrases: sentences (or, for `+` phrases, whole stories) holding one
    /// are not coded.
    pub discards: Option<Discards>,
    /// True when the dictionaries are PETRARCH's: code with PETRARCH's target conventions.
    pub petrarch: bool,
}

/// Loads what `args` name: petrel's dictionaries, or PETRARCH's with their discard list.
pub fn load(args: &KbArgs) -> anyhow::Result<Kb> {
    if let Some(l) = kb_petrarch::load_full(&args.petrarch)? {
        if !args.dict.is_empty() {
            bail!("--dict folders are petrel dictionaries; with --dict-format petrarch use --with-builtin to add the built-in base");
        }
        let discards = (!l.discards.phrases.is_empty()).then_some(l.discards);
        return Ok(Kb {
            kb: l.kb,
            discards,
            petrarch: true,
        });
    }
    Ok(Kb {
        kb: load_petrel(args)?,
        discards: None,
        petrarch: false,
    })
}

/// Loads the knowledge base `args` name (petrel's or PETRARCH's, without discards).
pub fn load_kb(args: &KbArgs) -> anyhow::Result<KnowledgeBase> {
    Ok(load(args)?.kb)
}

/// Loads the built-in knowledge base and the `--dict` folders; the error lists every
/// dictionary problem with file and line.
fn load_petrel(args: &KbArgs) -> anyhow::Result<KnowledgeBase> {
    KnowledgeBase::load(&args.dict).map_err(|e| {
        const SHOWN: usize = 20;
        let mut msg = format!("{} dictionary error(s):", e.len());
        for err in e.errors().iter().take(SHOWN) {
            msg.push_str(&format!("\n{err}"));
        }
        if e.len() > SHOWN {
            msg.push_str(&format!(
                "\n... and {} more (run `petrel dict check` for all)",
                e.len() - SHOWN
            ));
        }
        anyhow!(msg)
    })
}
