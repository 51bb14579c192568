//! The streaming reader over many inputs: files, directories, standard input.

use crate::builder::Meta;
use crate::decode::decode;
use crate::error::{IngestError, Warning};
use crate::furniture::Furniture;
use crate::jsonl::JsonlStream;
use crate::{html, text, InputFormat, Item, Options};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// How an input is named in messages, origins and ids.
#[derive(Debug, Clone)]
pub(crate) struct InputName {
    /// For messages: the path, or `<stdin>`.
    file: String,
    /// For `Document::origin`: the path, or `-`.
    origin: String,
    /// For ids: the file stem, or `stdin`.
    stem: String,
    /// Lowercase extension, if any.
    ext: Option<String>,
}

impl InputName {
    /// `-` is standard input; anything else a path.
    pub fn new(name: &str) -> InputName {
        if name == "-" {
            return InputName {
                file: "<stdin>".into(),
                origin: "-".into(),
                stem: "stdin".into(),
                ext: None,
            };
        }
        InputName::path(Path::new(name))
    }

    fn path(p: &Path) -> InputName {
        let s = p.display().to_string();
        InputName {
            file: s.clone(),
            origin: s,
            stem: p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "document".into()),
            ext: p
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase()),
        }
    }
}

/// Reads one input. Text and HTML produce their items at once; JSON Lines return the stream
/// to be drained line by line.
fn open(
    mut reader: Box<dyn BufRead>,
    name: &InputName,
    opts: &Options,
    out: &mut Vec<Item>,
) -> Option<JsonlStream> {
    let mut format = opts.format;
    if format == InputFormat::Auto {
        format = name
            .ext
            .as_deref()
            .and_then(InputFormat::from_extension)
            .unwrap_or(InputFormat::Auto);
    }
    if format == InputFormat::Auto {
        format = match reader.fill_buf() {
            Ok(head) => InputFormat::sniff(head),
            Err(e) => {
                out.push(Item::Error(IngestError::Io {
                    file: name.file.clone(),
                    source: e,
                }));
                return None;
            }
        };
    }
    if format == InputFormat::Jsonl {
        return Some(JsonlStream::new(
            reader,
            name.file.clone(),
            name.origin.clone(),
            name.stem.clone(),
            opts.lossy,
            opts.date,
        ));
    }
    let mut raw = Vec::new();
    if let Err(e) = reader.read_to_end(&mut raw) {
        out.push(Item::Error(IngestError::Io {
            file: name.file.clone(),
            source: e,
        }));
        return None;
    }
    read_document(&raw, format, name, opts, out);
    None
}

/// Makes the document of one text or HTML input.
fn read_document(
    raw: &[u8],
    format: InputFormat,
    name: &InputName,
    opts: &Options,
    out: &mut Vec<Item>,
) {
    let (body, base) = match raw.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (raw, 0),
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        out.push(Item::Warning(Warning::EmptyFile {
            file: name.file.clone(),
        }));
        return;
    }
    let decoded = match decode(body, opts.lossy) {
        Ok(d) => d,
        Err(off) => {
            out.push(Item::Error(IngestError::InvalidUtf8 {
                file: name.file.clone(),
                line: None,
                offset: (base + off) as u64,
            }));
            return;
        }
    };
    if decoded.replaced > 0 {
        out.push(Item::Warning(Warning::Replaced {
            file: name.file.clone(),
            line: None,
            count: decoded.replaced,
            offset: (base + decoded.first_bad) as u64,
        }));
    }
    let meta = Meta {
        id: name.stem.clone(),
        origin: name.origin.clone(),
        date: None,
        url: None,
        source: None,
    };
    let furniture = Furniture::builtin();
    let doc = if format == InputFormat::Html {
        html::read_html(&decoded.text, meta, furniture)
    } else {
        text::read_text(&decoded.text, meta, furniture)
    };
    match doc {
        Some(mut d) => {
            d.date = d.date.or(opts.date);
            d.source_map = decoded.to_raw(std::mem::take(&mut d.source_map), base);
            out.push(Item::Document(Box::new(d)));
        }
        None => out.push(Item::Warning(Warning::NoText {
            file: name.file.clone(),
        })),
    }
}

/// A streaming reader over inputs; see [`read_inputs`].
pub struct Inputs {
    opts: Options,
    reader: Option<(Box<dyn BufRead>, InputName)>,
    args: VecDeque<PathBuf>,
    dir: Option<walkdir::IntoIter>,
    jsonl: Option<JsonlStream>,
    out: VecDeque<Item>,
    scratch: Vec<Item>,
    stopped: bool,
    failed: bool,
}

/// Reads `paths` in order: files, directories (recursed, files in sorted order; in `Auto` mode
/// only files with a known extension, and never hidden ones) and `-` for standard input.
///
/// Items come as they are read: a JSON Lines file is read one line at a time. An input that
/// fails gives an [`Item::Error`] and reading goes on with the next line or input, unless
/// [`Options::strict`], where the first error is the last item.
pub fn read_inputs(paths: &[PathBuf], opts: &Options) -> Inputs {
    Inputs {
        opts: opts.clone(),
        reader: None,
        args: paths.iter().cloned().collect(),
        dir: None,
        jsonl: None,
        out: VecDeque::new(),
        scratch: Vec::new(),
        stopped: false,
        failed: false,
    }
}

impl Inputs {
    /// Reads one input from a reader, named `name` in ids, origins and messages (`-` stands for
    /// standard input). JSON Lines are streamed a line at a time, as from files.
    pub fn from_reader(reader: Box<dyn BufRead>, name: &str, opts: &Options) -> Inputs {
        let mut it = read_inputs(&[], opts);
        it.reader = Some((reader, InputName::new(name)));
        it
    }

    /// True once an error item has been produced.
    pub fn failed(&self) -> bool {
        self.failed
    }

    fn open_path(&mut self, path: &Path) {
        let name = InputName::path(path);
        match File::open(path) {
            Ok(f) => {
                let reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(64 * 1024, f));
                self.jsonl = open(reader, &name, &self.opts, &mut self.scratch);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.scratch
                    .push(Item::Error(IngestError::NotFound { file: name.file }));
            }
            Err(e) => self.scratch.push(Item::Error(IngestError::Io {
                file: name.file,
                source: e,
            })),
        }
    }

    /// Whether a file found in a directory is read.
    fn wanted(&self, path: &Path) -> bool {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            return false;
        }
        self.opts.format != InputFormat::Auto
            || path
                .extension()
                .and_then(|e| InputFormat::from_extension(&e.to_string_lossy()))
                .is_some()
    }

    /// Moves items from `scratch` to `out`.
    fn drain_scratch(&mut self) {
        self.out.extend(self.scratch.drain(..));
    }

    fn step(&mut self) -> bool {
        if let Some(j) = &mut self.jsonl {
            j.next_items(&mut self.scratch);
            if self.scratch.is_empty() {
                self.jsonl = None;
            }
            return true;
        }
        if let Some((reader, name)) = self.reader.take() {
            self.jsonl = open(reader, &name, &self.opts, &mut self.scratch);
            return true;
        }
        if let Some(d) = &mut self.dir {
            match d.next() {
                Some(Ok(entry)) => {
                    // files, and symbolic links to files (links to directories are not followed)
                    let is_file = entry.file_type().is_file()
                        || (entry.path_is_symlink() && entry.path().is_file());
                    if is_file && self.wanted(entry.path()) {
                        let p = entry.path().to_path_buf();
                        self.open_path(&p);
                    }
                }
                Some(Err(e)) => {
                    let file = e
                        .path()
                        .map_or_else(|| "<directory>".to_string(), |p| p.display().to_string());
                    let source = e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("filesystem loop"));
                    self.scratch
                        .push(Item::Error(IngestError::Io { file, source }));
                }
                None => self.dir = None,
            }
            return true;
        }
        let Some(arg) = self.args.pop_front() else {
            return false;
        };
        if arg.as_os_str() == "-" {
            let reader: Box<dyn BufRead> = Box::new(BufReader::new(std::io::stdin()));
            self.jsonl = open(reader, &InputName::new("-"), &self.opts, &mut self.scratch);
        } else if arg.is_dir() {
            self.dir = Some(walkdir::WalkDir::new(&arg).sort_by_file_name().into_iter());
        } else {
            self.open_path(&arg);
        }
        true
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.stopped {
                return None;
            }
            if let Some(item) = self.out.pop_front() {
                if matches!(item, Item::Error(_)) {
                    self.failed = true;
                    if self.opts.strict {
                        self.stopped = true;
                        self.out.clear();
                        self.jsonl = None;
                        self.dir = None;
                        self.args.clear();
                    }
                }
                return Some(item);
            }
            if !self.step() {
                return None;
            }
            self.drain_scratch();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An endless JSON Lines source: reading must be lazy, or this never ends.
    struct Endless {
        n: usize,
        pending: Vec<u8>,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.pending.is_empty() {
                self.n += 1;
                self.pending = format!(
                    "{{\"id\":\"s{}\",\"text\":\"Story number {}.\"}}\n",
                    self.n, self.n
                )
                .into_bytes();
            }
            let k = buf.len().min(self.pending.len());
            buf[..k].copy_from_slice(&self.pending[..k]);
            self.pending.drain(..k);
            Ok(k)
        }
    }

    #[test]
    fn json_lines_are_streamed() {
        let src = Endless {
            n: 0,
            pending: Vec::new(),
        };
        let opts = Options::default();
        let it = Inputs::from_reader(Box::new(BufReader::new(src)), "endless.jsonl", &opts);
        let ids: Vec<String> = it
            .take(1000)
            .map(|i| match i {
                Item::Document(d) => d.id,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(ids.len(), 1000);
        assert_eq!(ids[999], "s1000");
    }
}
