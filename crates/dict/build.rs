//! Embeds the built-in dictionary files (`<workspace>/dict/**/*.txt`) into the crate.
//!
//! Generates `$OUT_DIR/embedded.rs` with one `include_str!` entry per file, in path order, and
//! asks cargo to rerun when anything under `dict/` changes (so new data files are picked up).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            println!("cargo:rerun-if-changed={}", p.display());
            collect(&p, root, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            println!("cargo:rerun-if-changed={}", p.display());
            let rel = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, p));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let dict = manifest.join("../../dict");
    let dict = dict.canonicalize().unwrap_or(dict);
    println!("cargo:rerun-if-changed={}", dict.display());
    let mut files = Vec::new();
    collect(&dict, &dict, &mut files);
    let mut src = String::from(
        "/// Built-in dictionary files: (path relative to `dict/`, contents), in path order.\n\
         pub(crate) static FILES: &[(&str, &str)] = &[\n",
    );
    for (rel, path) in &files {
        let _ = writeln!(
            src,
            "    ({rel:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    src.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("embedded.rs");
    std::fs::write(&out, src).expect("write embedded.rs");
}
