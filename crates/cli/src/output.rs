//! Where records go: standard output, a file written atomically, or a
//! folder of files (CSV tables, brat documents) each written atomically.

use crate::formats::{brat, csv, Format, Written};
use anyhow::{bail, Context, Result};
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use tempfile::NamedTempFile;

/// The temporary files of the outputs being written. A signal ends the
/// process through `process::exit`, which runs no destructors, so the
/// signal handler removes the files itself, from these paths.
static TEMP_OUTPUTS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Symbolic links followed, at most, to find the file `-o` names (Linux's
/// own limit for one path).
const MAX_LINKS_FOLLOWED: usize = 40;

fn temp_outputs() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic elsewhere while it was held leaves the paths as valid as ever.
    TEMP_OUTPUTS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes the temporary output files, if any are being written, and
/// exits with `code`: what a signal does.
pub fn exit_removing_temp_output(code: i32) -> ! {
    // Held until the exit: no temporary file is created or renamed into
    // place meanwhile.
    let temps = temp_outputs();
    for path in temps.iter() {
        let _ = std::fs::remove_file(path);
    }
    std::process::exit(code)
}

/// Takes its path off [`TEMP_OUTPUTS`] when dropped: the temporary file is
/// then gone, renamed into place or removed, however its writer ended. Only
/// [`create_temp`] makes one.
pub struct TempOutputRegistration(PathBuf);

impl Drop for TempOutputRegistration {
    fn drop(&mut self) {
        let mut temps = temp_outputs();
        if let Some(at) = temps.iter().position(|p| *p == self.0) {
            temps.swap_remove(at);
        }
    }
}

/// A temporary file in `folder` that will become the file `name`
/// (`.NAME.XXXXXX.tmp`: hidden, and named for what it will become),
/// registered for removal should a signal end the run.
fn create_temp(
    folder: &Path,
    name: &std::ffi::OsStr,
) -> io::Result<(NamedTempFile, TempOutputRegistration)> {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // The mode a plain new file gets (before the umask), not the 0600 of
    // a private temporary file: this one becomes the output.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // Created and registered under one lock, so that a signal in between
    // cannot leave the file behind.
    let mut temps = temp_outputs();
    let temp = builder.tempfile_in(folder)?;
    temps.push(temp.path().to_owned());
    let registration = TempOutputRegistration(temp.path().to_owned());
    Ok((temp, registration))
}

/// The output sink.
pub enum Sink {
    Stdout(BufWriter<io::Stdout>),
    /// A device or pipe such as `/dev/null`, written in place: it cannot
    /// be replaced by a rename.
    Special(BufWriter<File>),
    /// A temporary file beside the target, renamed over it on
    /// [`Sink::finish`]; dropped unfinished, it is removed.
    File {
        writer: BufWriter<NamedTempFile>,
        target: PathBuf,
        registration: TempOutputRegistration,
    },
}

impl Sink {
    /// Standard output without a path, else the file (or device) at
    /// `path`. Opened before any work: a path that cannot be written (a
    /// folder, a missing or read-only folder) fails here, at once.
    pub fn open(path: Option<&Path>) -> Result<Sink> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(BufWriter::new(io::stdout())));
        };
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => {
                bail!("cannot write to {}: it is a folder", path.display())
            }
            Ok(metadata) if !metadata.is_file() => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(|| format!("cannot open {}", path.display()))?;
                return Ok(Sink::Special(BufWriter::new(file)));
            }
            _ => {}
        }
        let target = followed_links(path)?;
        let name = target
            .file_name()
            .with_context(|| format!("output path {} names no file", path.display()))?;
        let folder = match target.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder,
            _ => Path::new("."),
        };
        match std::fs::metadata(folder) {
            Ok(metadata) if metadata.is_dir() => {}
            Ok(_) => bail!(
                "cannot write {}: {} is not a folder",
                path.display(),
                folder.display()
            ),
            Err(e) if e.kind() == io::ErrorKind::NotFound => bail!(
                "cannot write {}: the folder {} does not exist",
                path.display(),
                folder.display()
            ),
            Err(e) => bail!("cannot write {}: {}: {e}", path.display(), folder.display()),
        }

        let (temp, registration) = create_temp(folder, name).with_context(|| {
            format!(
                "cannot write {}: cannot create a file in {}",
                path.display(),
                folder.display()
            )
        })?;
        Ok(Sink::File {
            writer: BufWriter::new(temp),
            target,
            registration,
        })
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::Special(w) => w,
            Sink::File { writer, .. } => writer,
        }
    }

    /// Flushes; for a file, syncs and renames it into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush().context("cannot write to standard output"),
            Sink::Special(mut w) => w.flush().context("cannot write the output"),
            Sink::File {
                writer,
                target,
                registration: _registration,
            } => {
                let temp = writer
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("cannot write {}", target.display()))?;
                temp.as_file()
                    .sync_all()
                    .with_context(|| format!("cannot write {}", target.display()))?;
                let persisted = {
                    // Not while a signal handler is removing the file.
                    let _temps = temp_outputs();
                    temp.persist(&target)
                };
                persisted
                    .map_err(|e| e.error)
                    .with_context(|| format!("cannot replace {}", target.display()))?;
                Ok(())
            }
        }
    }

    /// Drops the output after a failure: a temporary file is removed, so
    /// no half-written output is left behind.
    pub fn abandon(self) {
        drop(self);
    }
}

/// Where `newsie extract` writes: one output (a file or standard output),
/// or a folder of files.
pub enum Destination {
    /// Every record into one sink.
    One(Sink),
    /// One CSV table per list, each a file of the folder.
    Tables(Vec<Sink>),
    /// brat's `.txt` and `.ann` files per document in a folder; `used`
    /// holds the file stems given so far.
    Brat { dir: PathBuf, used: HashSet<String> },
}

impl Destination {
    /// Opens what `format` writes to at `output` (a file or folder; `None`
    /// for standard output), before any work: an output that cannot be
    /// written, or a format that needs a folder and has none, fails here.
    pub fn open(format: &Format, output: Option<&Path>) -> Result<Destination> {
        if format.output == crate::args::OutputFormat::Brat {
            let Some(dir) = output else {
                bail!(
                    "--format brat writes a .txt and an .ann file per document: \
                     name the folder for them with -o DIR"
                );
            };
            open_folder(dir, "--format brat")?;
            write_atomically(dir, "annotation.conf", brat::ANNOTATION_CONF.as_bytes())?;
            return Ok(Destination::Brat {
                dir: dir.to_owned(),
                used: HashSet::new(),
            });
        }
        if format.writes_tables() {
            let Some(dir) = output else {
                bail!(
                    "--format csv with several lists writes one table per list \
                     (sentences.csv, entities.csv, quotes.csv, quantities.csv): \
                     name the folder for them with -o DIR, or print one table \
                     with --only LIST (sentences, entities, quotes or quantities)"
                );
            };
            open_folder(dir, "--format csv with several lists")?;
            let mut tables = Vec::new();
            for list in format.lists.iter() {
                let mut sink = Sink::open(Some(&dir.join(csv::file_name(list))))?;
                let out = sink.writer();
                out.write_all(csv::header(list).as_bytes())?;
                out.write_all(b"\n")?;
                tables.push(sink);
            }
            return Ok(Destination::Tables(tables));
        }
        let mut sink = Sink::open(output)?;
        if let Some(header) = format.header() {
            let out = sink.writer();
            out.write_all(header.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(Destination::One(sink))
    }

    /// The one sink every record goes to, if that is where they go.
    pub fn one(&mut self) -> Option<&mut dyn Write> {
        match self {
            Destination::One(sink) => Some(sink.writer()),
            _ => None,
        }
    }

    /// Writes one document's output.
    pub fn write(&mut self, written: Written) -> Result<()> {
        match (self, written) {
            (_, Written::Failed(message)) => eprintln!("{message}"),
            (Destination::One(sink), Written::Text(text)) => write_line(sink.writer(), &text)?,
            (Destination::Tables(tables), Written::Tables(rows)) => {
                for (sink, rows) in tables.iter_mut().zip(rows) {
                    write_line(sink.writer(), &rows)?;
                }
            }
            (Destination::Brat { dir, used }, Written::Brat(doc)) => {
                let stem = brat::stem(&doc.id, used);
                write_atomically(dir, &format!("{stem}.txt"), doc.text.as_bytes())?;
                write_atomically(dir, &format!("{stem}.ann"), doc.ann.as_bytes())?;
            }
            // The format and the destination are chosen together.
            _ => bail!("internal error: an output does not fit its destination"),
        }
        Ok(())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::One(sink) => sink.writer().flush(),
            Destination::Tables(tables) => tables.iter_mut().try_for_each(|s| s.writer().flush()),
            Destination::Brat { .. } => Ok(()),
        }
    }

    /// Flushes and puts every file in place.
    pub fn finish(self) -> Result<()> {
        match self {
            Destination::One(sink) => sink.finish(),
            Destination::Tables(tables) => tables.into_iter().try_for_each(Sink::finish),
            Destination::Brat { .. } => Ok(()),
        }
    }

    /// Drops the output after a failure: temporary files are removed (the
    /// brat files already written stay, each whole).
    pub fn abandon(self) {
        drop(self);
    }
}

/// `text` and a line break; nothing for empty text (a CSV table of a
/// document with nothing in its list has no row).
fn write_line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")
}

/// Makes sure `dir` is a folder that can be written, making it (and its
/// parents) when missing; `what` names the option that needs it.
fn open_folder(dir: &Path, what: &str) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{what} writes several files into a folder, and {} is a file: \
             name a folder with -o DIR",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot make the folder {}", dir.display()))?;
    // A read-only folder fails now, not after the work.
    tempfile::Builder::new()
        .prefix(".newsie-check.")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in the folder {}", dir.display()))?;
    Ok(())
}

/// Writes the file `name` of `dir` whole or not at all: a temporary file,
/// then a rename (not synced to disk: a brat folder holds many small
/// files).
fn write_atomically(dir: &Path, name: &str, contents: &[u8]) -> Result<()> {
    let path = dir.join(name);
    let (mut temp, _registration) =
        create_temp(dir, std::ffi::OsStr::new(name)).with_context(|| {
            format!(
                "cannot write {}: cannot create a file in {}",
                path.display(),
                dir.display()
            )
        })?;
    temp.write_all(contents)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let persisted = {
        // Not while a signal handler is removing the file.
        let _temps = temp_outputs();
        temp.persist(&path)
    };
    persisted
        .map_err(|e| e.error)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}

/// The input folder among `inputs` that `output` (a file or folder, which
/// need not exist yet) lies in, if any; links followed on both sides.
pub fn input_folder_holding(output: &Path, inputs: &[PathBuf]) -> Option<PathBuf> {
    let out = std::fs::canonicalize(output).ok().or_else(|| {
        let name = output.file_name()?;
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        Some(std::fs::canonicalize(parent).ok()?.join(name))
    })?;
    inputs
        .iter()
        .filter(|p| p.as_os_str() != "-" && p.is_dir())
        .find(|p| std::fs::canonicalize(p).is_ok_and(|folder| out.starts_with(folder)))
        .cloned()
}

/// The file that writing `path` replaces: a symbolic link is written
/// through, to the file it points at (which need not exist yet), rather
/// than replaced by a plain file.
fn followed_links(path: &Path) -> Result<PathBuf> {
    let mut target = path.to_owned();
    for _ in 0..MAX_LINKS_FOLLOWED {
        let is_link = std::fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return Ok(target);
        }
        let points_at = std::fs::read_link(&target)
            .with_context(|| format!("cannot follow the link {}", target.display()))?;
        // A relative link is relative to its own folder; joining an
        // absolute one replaces the whole path.
        target = match target.parent() {
            Some(folder) => folder.join(points_at),
            None => points_at,
        };
    }
    bail!(
        "cannot write {}: too many levels of symbolic links",
        path.display()
    )
}

/// Whether an error (anywhere in its chain) is a broken pipe: the reader
/// went away (`newsie extract ... | head`), which is no failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
