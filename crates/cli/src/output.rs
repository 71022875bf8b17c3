//! Where records go: standard output, or a file written atomically.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The output sink.
pub enum Sink {
    Stdout(BufWriter<io::Stdout>),
    /// A device or pipe such as `/dev/null`, written in place: it cannot
    /// be replaced by a rename.
    Special(BufWriter<File>),
    /// A temporary file beside the target, renamed over it on [`Sink::finish`].
    File {
        writer: BufWriter<File>,
        tmp: PathBuf,
        target: PathBuf,
    },
}

impl Sink {
    pub fn open(path: Option<&Path>) -> Result<Sink> {
        let Some(target) = path else {
            return Ok(Sink::Stdout(BufWriter::new(io::stdout())));
        };
        let is_special = std::fs::metadata(target).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if is_special {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(target)
                .with_context(|| format!("cannot open {}", target.display()))?;
            return Ok(Sink::Special(BufWriter::new(file)));
        }
        let name = target
            .file_name()
            .with_context(|| format!("output path {} names no file", target.display()))?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}.tmp", std::process::id()));
        let tmp = target.with_file_name(tmp_name);
        let file =
            File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        Ok(Sink::File {
            writer: BufWriter::new(file),
            tmp,
            target: target.to_owned(),
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
                tmp,
                target,
            } => {
                let file = writer
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("cannot write {}", tmp.display()))?;
                file.sync_all()
                    .with_context(|| format!("cannot write {}", tmp.display()))?;
                std::fs::rename(&tmp, &target).with_context(|| {
                    format!("cannot rename {} to {}", tmp.display(), target.display())
                })
            }
        }
    }

    /// Removes a temporary file after a failure, so no half-written output
    /// is left behind.
    pub fn abandon(self) {
        if let Sink::File { tmp, .. } = self {
            let _ = std::fs::remove_file(tmp);
        }
    }
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
