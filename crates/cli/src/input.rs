//! Reading inputs: files, directories, standard input, and JSON Lines
//! streams, turned into documents (or error records) one at a time.
//!
//! A reader thread walks the inputs and hands documents over a bounded
//! channel, so at most a fixed number of documents is held in memory
//! whatever the corpus size.

use newsie_core::input::{decode_document, parse_json_line, read_bounded_line};
use newsie_core::{Document, ErrorRecord};
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use walkdir::WalkDir;

/// One input document, read and decoded, or the reason it could not be.
pub struct Input {
    /// Size of the raw input in bytes (for throughput figures).
    pub bytes: usize,
    pub doc: Result<Document, ErrorRecord>,
}

/// How inputs are read.
#[derive(Clone, Copy)]
pub struct ReadOptions {
    pub jsonl: bool,
    pub max_doc_bytes: u64,
}

/// Starts the reader thread; documents arrive on the returned channel in
/// input order. `capacity` bounds the documents waiting in the channel.
pub fn spawn_reader(paths: Vec<PathBuf>, options: ReadOptions, capacity: usize) -> Receiver<Input> {
    if stdin_hint_wanted(!paths.is_empty(), io::stdin().is_terminal()) {
        eprintln!("newsie: reading standard input (pass a file or folder, or - to silence this)");
    }
    let (tx, rx) = sync_channel(capacity);
    std::thread::spawn(move || {
        let paths = if paths.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            paths
        };
        for path in paths {
            if !read_path(&path, options, &tx) {
                return; // the consumer is gone
            }
        }
    });
    rx
}

/// Whether to say that standard input is being read: only when no path
/// was given (an explicit `-` means the user knows) and standard input is a
/// terminal, where a run that waits for typing looks like a hang. A pipe or
/// a file is what a script means to feed in.
fn stdin_hint_wanted(paths_given: bool, stdin_is_terminal: bool) -> bool {
    !paths_given && stdin_is_terminal
}

/// Reads one command-line path. Returns false when the consumer hung up.
fn read_path(path: &Path, options: ReadOptions, tx: &SyncSender<Input>) -> bool {
    if path.as_os_str() == "-" {
        let stdin = io::stdin().lock();
        return if options.jsonl {
            read_jsonl("-", stdin, options, tx)
        } else {
            tx.send(read_document("-".to_string(), stdin, options))
                .is_ok()
        };
    }
    if path.is_dir() {
        for file in text_files_under(path) {
            if !read_file(&file, options, tx) {
                return false;
            }
        }
        return true;
    }
    read_file(path, options, tx)
}

fn read_file(path: &Path, options: ReadOptions, tx: &SyncSender<Input>) -> bool {
    let id = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return tx
                .send(Input {
                    bytes: 0,
                    doc: Err(ErrorRecord::new(id, "io", format!("cannot open: {e}"))),
                })
                .is_ok()
        }
    };
    if options.jsonl {
        return read_jsonl(&id, BufReader::new(file), options, tx);
    }
    // A regular file's size is known up front: one over the limit yields
    // its error record at once, unread.
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    if let Some(size) = size.filter(|&size| size > options.max_doc_bytes) {
        return tx
            .send(Input {
                bytes: usize::try_from(size).unwrap_or(usize::MAX),
                doc: Err(too_large(id, options)),
            })
            .is_ok();
    }
    tx.send(read_document(id, file, options)).is_ok()
}

/// The error record of a document over `--max-doc-mb`.
fn too_large(id: String, options: ReadOptions) -> ErrorRecord {
    ErrorRecord::new(
        id,
        "too_large",
        format!("larger than {}", limit_named(options.max_doc_bytes)),
    )
}

/// The limit as the user set it: `--max-doc-mb 16`, or, for a fraction of
/// a megabyte (which the byte count no longer says exactly in megabytes),
/// `--max-doc-mb (1049 bytes)`.
fn limit_named(max_doc_bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if max_doc_bytes % MB == 0 {
        format!("--max-doc-mb {}", max_doc_bytes / MB)
    } else {
        format!("--max-doc-mb ({max_doc_bytes} bytes)")
    }
}

/// Every `*.txt` file under `dir`, recursively, in a stable order (sorted
/// by name, a folder's files where the folder sorts). Symbolic links are
/// followed, but a file or folder reached through several names is read
/// once, under the first, and a link that leads back to a folder above it
/// is skipped with a warning. Unreadable folders are skipped with a warning.
fn text_files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    // Identities of the files and folders met so far: a second name of
    // either (a link beside the original) must not read it again.
    let mut seen = HashSet::new();
    let mut walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                warn_about_walk_error(&e);
                continue;
            }
        };
        let file_type = entry.file_type();
        let is_text_file =
            file_type.is_file() && entry.path().extension().is_some_and(|e| e == "txt");
        if !is_text_file && !file_type.is_dir() {
            continue;
        }
        let first_visit = match identity(&entry) {
            Some(id) => seen.insert(id),
            // Not a repeat we could know of; a file goes on to be opened,
            // and its error record names the problem.
            None => true,
        };
        if file_type.is_dir() {
            if !first_visit {
                walk.skip_current_dir();
            }
        } else if first_visit {
            found.push(entry.into_path());
        }
    }
    found
}

/// What a walk could not follow, on standard error. A dangling link is no
/// document and is passed over silently, as a plain folder listing would.
fn warn_about_walk_error(error: &walkdir::Error) {
    let path = error.path().unwrap_or(Path::new("?"));
    if error.loop_ancestor().is_some() {
        eprintln!(
            "newsie: warning: skipping symlink loop at {}",
            path.display()
        );
        return;
    }
    let dangling_link = path.is_symlink()
        && error
            .io_error()
            .is_some_and(|e| e.kind() == io::ErrorKind::NotFound);
    if dangling_link {
        return;
    }
    match error.io_error() {
        Some(e) => {
            let what = if path.is_dir() { "folder " } else { "" };
            eprintln!("newsie: warning: cannot read {what}{}: {e}", path.display());
        }
        None => eprintln!("newsie: warning: {error}"),
    }
}

/// The identity of the file or folder an entry names, links followed: the
/// same for every name it has.
#[cfg(unix)]
fn identity(entry: &walkdir::DirEntry) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let metadata = entry.metadata().ok()?;
    Some((metadata.dev(), metadata.ino()))
}

/// The identity of the file or folder an entry names, links followed: its
/// canonical path (no inode numbers here).
#[cfg(not(unix))]
fn identity(entry: &walkdir::DirEntry) -> Option<PathBuf> {
    std::fs::canonicalize(entry.path()).ok()
}

/// Reads a whole document and decodes it, naming what is wrong with it.
fn read_document(id: String, reader: impl Read, options: ReadOptions) -> Input {
    let mut bytes = Vec::new();
    // Read one byte past the limit to tell "at the limit" from "over it".
    let read = reader
        .take(options.max_doc_bytes.saturating_add(1))
        .read_to_end(&mut bytes);
    let size = bytes.len();
    if let Err(e) = read {
        return Input {
            bytes: size,
            doc: Err(ErrorRecord::new(id, "io", format!("cannot read: {e}"))),
        };
    }
    if size as u64 > options.max_doc_bytes {
        return Input {
            bytes: size,
            doc: Err(too_large(id, options)),
        };
    }
    Input {
        bytes: size,
        doc: decode_document(id, bytes),
    }
}

/// Streams a JSON Lines source: one document (or error record) per line.
fn read_jsonl(
    source: &str,
    mut reader: impl BufRead,
    options: ReadOptions,
    tx: &SyncSender<Input>,
) -> bool {
    // Keep one byte past the limit to tell "at the limit" from "over it".
    let limit = usize::try_from(options.max_doc_bytes.saturating_add(1)).unwrap_or(usize::MAX);
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        let length = match read_bounded_line(&mut reader, &mut line, limit) {
            Ok(0) => return true,
            Ok(n) => n,
            Err(e) => {
                let id = format!("{source}:{}", number + 1);
                let message = format!("cannot read line {}: {e}", number + 1);
                let _ = tx.send(Input {
                    bytes: 0,
                    doc: Err(ErrorRecord::new(id, "io", message)),
                });
                return false;
            }
        };
        number += 1;
        let doc = if length as u64 > options.max_doc_bytes {
            let message = format!(
                "line {number}: larger than {}",
                limit_named(options.max_doc_bytes)
            );
            // The line's own id when its kept start shows it: that is the
            // name the caller knows the document by.
            let id = id_in_prefix(&line).unwrap_or_else(|| format!("{source}:{number}"));
            Err(ErrorRecord::new(id, "too_large", message))
        } else {
            parse_json_line(source, number, &line)
        };
        if tx.send(Input { bytes: length, doc }).is_err() {
            return false;
        }
    }
}

/// The `id` of a JSON Lines object whose line was cut at the size limit,
/// read off the kept start of the line: a walk over the object's top-level
/// keys, without parsing the whole (the rest, maybe the end of the text,
/// is missing). `None` when the start holds no top-level `"id"`, or the
/// line is no object; an id is written as a whole line's would be (a
/// string as it is, another value as JSON, `null` as none).
fn id_in_prefix(prefix: &[u8]) -> Option<String> {
    let mut at = skip_space(prefix, 0);
    if prefix.get(at) != Some(&b'{') {
        return None;
    }
    at += 1;
    loop {
        at = skip_space(prefix, at);
        if prefix.get(at) != Some(&b'"') {
            return None;
        }
        let key_end = json_value_end(prefix, at)?;
        let key = &prefix[at + 1..key_end - 1];
        at = skip_space(prefix, key_end);
        if prefix.get(at) != Some(&b':') {
            return None;
        }
        at = skip_space(prefix, at + 1);
        let value_end = json_value_end(prefix, at)?;
        if key == b"id" {
            return match serde_json::from_slice(&prefix[at..value_end]).ok()? {
                serde_json::Value::String(id) => Some(id),
                serde_json::Value::Null => None,
                other => Some(other.to_string()),
            };
        }
        at = skip_space(prefix, value_end);
        if prefix.get(at) != Some(&b',') {
            return None;
        }
        at += 1;
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
        at += 1;
    }
    at
}

/// One past the end of the JSON value starting at `start`, or `None` when
/// `bytes` ends first: a cut value is not taken for a whole one. Strings
/// are skipped escape by escape, objects and arrays by depth (brackets in
/// their strings not counted); the value itself is not checked.
fn json_value_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut at = start;
    while let Some(&byte) = bytes.get(at) {
        at += 1;
        if in_string {
            match byte {
                b'\\' => at += 1,
                b'"' => {
                    in_string = false;
                    if depth == 0 {
                        return Some(at);
                    }
                }
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return Some(at);
                }
            }
            // A number, `true`, `false` or `null` ends where a separator
            // (or the closing bracket around it) begins.
            b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n' if depth == 0 => {
                return (at - 1 > start).then_some(at - 1);
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stdin_hint_is_for_a_terminal_without_paths() {
        assert!(stdin_hint_wanted(false, true));
        assert!(!stdin_hint_wanted(false, false), "a pipe or a file");
        assert!(!stdin_hint_wanted(true, true), "paths given, or `-`");
        assert!(!stdin_hint_wanted(true, false));
    }

    #[test]
    fn a_cut_line_keeps_its_id_when_its_start_shows_it() {
        let id = |line: &str| id_in_prefix(line.as_bytes());
        assert_eq!(id(r#"{"id": "big", "text": "aaaa"#).as_deref(), Some("big"));
        assert_eq!(id(r#" { "id":"a\"b" ,"text":"x"#).as_deref(), Some("a\"b"));
        assert_eq!(id(r#"{"id": 4, "text": "x"#).as_deref(), Some("4"));
        // Keys before it, with brackets and quotes in their values.
        assert_eq!(
            id(r#"{"meta": {"k": ["}", "\"id\": 1"]}, "n": 2, "id": "x", "text": "#).as_deref(),
            Some("x")
        );
        // The id is after the cut, cut itself, null, or not at the top level.
        assert_eq!(id(r#"{"text": "aaaa"#), None);
        assert_eq!(id(r#"{"text": "x", "id": "lo"#), None);
        assert_eq!(id(r#"{"id": 12"#), None);
        assert_eq!(id(r#"{"id": null, "text": "#), None);
        assert_eq!(id(r#"{"meta": {"id": "inner"}, "text": "#), None);
        assert_eq!(id(r#"["id", "x"]"#), None);
    }

    #[test]
    fn the_limit_is_named_as_it_was_set() {
        assert_eq!(limit_named(16 * 1024 * 1024), "--max-doc-mb 16");
        assert_eq!(limit_named(1049), "--max-doc-mb (1049 bytes)");
    }
}
