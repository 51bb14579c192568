//! Options for choosing dictionaries, shared by the commands that code text.

use anyhow::anyhow;
use petrel_dict::KnowledgeBase;
use std::path::PathBuf;

/// Which dictionaries to use: the built-in base plus user folders on top.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct KbArgs {
    /// A dictionary folder laid out like petrel's `dict/` (cameo.txt, segments/, actors/,
    /// agents/, verbs/), loaded on top of the built-in base. Repeatable; later folders
    /// override earlier ones.
    #[arg(long = "dict", value_name = "DIR")]
    pub dict: Vec<PathBuf>,
}

/// Loads the built-in knowledge base and the `--dict` folders; the error lists every
/// dictionary problem with file and line.
pub fn load_kb(args: &KbArgs) -> anyhow::Result<KnowledgeBase> {
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
