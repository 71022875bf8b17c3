//! Where records go: standard output, or a file written atomically.

use anyhow::{bail, Context, Result};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use tempfile::NamedTempFile;

/// The temporary file of the output being written, if any. A signal ends
/// the process through `process::exit`, which runs no destructors, so the
/// signal handler removes the file itself, from this path.
static TEMP_OUTPUT: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Symbolic links followed, at most, to find the file `-o` names (Linux's
/// own limit for one path).
const MAX_LINKS_FOLLOWED: usize = 40;

fn temp_output() -> MutexGuard<'static, Option<PathBuf>> {
    // A panic elsewhere while it was held leaves the path as valid as ever.
    TEMP_OUTPUT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes the temporary output file, if one is being written, and exits
/// with `code`: what a signal does.
pub fn exit_removing_temp_output(code: i32) -> ! {
    // Held until the exit: no temporary file is created or renamed into
    // place meanwhile.
    let temp = temp_output();
    if let Some(path) = temp.as_deref() {
        let _ = std::fs::remove_file(path);
    }
    std::process::exit(code)
}

/// Forgets [`TEMP_OUTPUT`] when dropped: the temporary file is then gone,
/// renamed into place or removed, however the sink ended. Only
/// [`Sink::open`] makes one.
pub struct TempOutputRegistration(());

impl Drop for TempOutputRegistration {
    fn drop(&mut self) {
        *temp_output() = None;
    }
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

        // `.out.jsonl.XXXXXX.tmp`: hidden, and named for what it will become.
        let mut prefix = std::ffi::OsString::from(".");
        prefix.push(name);
        prefix.push(".");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // The mode a plain new file gets (before the umask), not the 0600 of
        // a private temporary file: this one becomes the output.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        // Created and registered under one lock, so that a signal in
        // between cannot leave the file behind.
        let mut temp_path = temp_output();
        let temp = builder.tempfile_in(folder).with_context(|| {
            format!(
                "cannot write {}: cannot create a file in {}",
                path.display(),
                folder.display()
            )
        })?;
        *temp_path = Some(temp.path().to_owned());
        drop(temp_path);
        Ok(Sink::File {
            writer: BufWriter::new(temp),
            target,
            registration: TempOutputRegistration(()),
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
                    let _temp_path = temp_output();
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
