//! Two jobs:
//!
//! - `newsie --version` names what was built: the git commit (short hash,
//!   "unknown" without git or outside a checkout: a source tarball must
//!   still build) and the sha256 of the embedded NER model, as
//!   models/ner/MANIFEST.md lists it, so that a bug report says which model
//!   gave the output.
//! - With the `transformer` feature, records where libtorch lives in the
//!   `newsie` binary (DT_RPATH, which also serves libtorch's own
//!   dependencies), so the binary runs without LD_LIBRARY_PATH: Spark's
//!   `rdd.pipe` and Hadoop streaming start it with an empty environment.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Hex digits of the model's sha256 shown: enough to tell models apart
/// and to find the full sum in the manifest.
const MODEL_SUM_DIGITS: usize = 12;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let commit = git_commit(&manifest_dir);
    let model = model_sum(&manifest_dir);
    let version = std::env::var("CARGO_PKG_VERSION").expect("set by cargo");
    println!(
        "cargo:rustc-env=NEWSIE_LONG_VERSION={version} (commit {commit}, model sha256 {model})"
    );

    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if std::env::var_os("CARGO_FEATURE_TRANSFORMER").is_none() {
        return;
    }
    if let Some(libtorch) = std::env::var_os("LIBTORCH") {
        let lib = Path::new(&libtorch).join("lib");
        println!(
            "cargo:rustc-link-arg-bins=-Wl,--disable-new-dtags,-rpath,{}",
            lib.display()
        );
    }
}

/// Runs git in `dir`; its trimmed standard output, or `None` when git is
/// missing, fails (not a checkout) or prints nothing.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (output.status.success() && !text.is_empty()).then(|| text.to_owned())
}

/// The short hash of the checked-out commit, or "unknown". Asks cargo to
/// run this again when HEAD moves: a commit or a checkout changes HEAD or
/// the branch it names. Only files that exist are named, since cargo reruns
/// a build script every time for a missing one.
fn git_commit(dir: &Path) -> String {
    let Some(commit) = git(dir, &["rev-parse", "--short", "HEAD"]) else {
        return "unknown".to_owned();
    };
    // `--git-path` resolves linked worktrees, whose branches live in the
    // main checkout's folder.
    let git_path = |name: &str| git(dir, &["rev-parse", "--git-path", name]).map(|p| dir.join(p));
    let head = git_path("HEAD");
    let mut watched = vec![head.clone(), git_path("packed-refs")];
    if let Some(branch) = head
        .and_then(|head| std::fs::read_to_string(head).ok())
        .and_then(|text| text.strip_prefix("ref:").map(|r| r.trim().to_owned()))
    {
        watched.push(git_path(&branch));
    }
    for path in watched.into_iter().flatten().filter(|p| p.exists()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    commit
}

/// The first digits of the embedded model's sha256 (the file `newsie-ner`
/// embeds), or "unknown" when it cannot be read here.
fn model_sum(manifest_dir: &Path) -> String {
    let path = manifest_dir.join("../../models/ner/newsie-ner.bin");
    let Ok(bytes) = std::fs::read(&path) else {
        println!(
            "cargo:warning=cannot read {}: --version names no model checksum",
            path.display()
        );
        return "unknown".to_owned();
    };
    println!("cargo:rerun-if-changed={}", path.display());
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex[..MODEL_SUM_DIGITS].to_owned()
}
