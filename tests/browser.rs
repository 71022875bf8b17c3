//! Headless Chromium for the page tests (`tests/render.rs`,
//! `tests/report.rs`): finding the browser, and the DOM it makes of a page.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The browser, or `None` (with a SKIPPED message) when it is absent and
/// not required.
pub fn chromium(skipping: &str) -> Option<PathBuf> {
    let candidates = std::env::var_os("NEWSIE_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
            ]
            .map(PathBuf::from),
        );
    for candidate in candidates {
        if candidate.is_file() {
            return Some(candidate);
        }
    }
    if std::env::var("NEWSIE_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
        panic!("{skipping}: NEWSIE_REQUIRE_BROWSER=1 but no Chromium found (.ci/install-chromium.sh installs it)");
    }
    eprintln!("SKIPPED {skipping}: Chromium is absent (install the `chromium` package, or set NEWSIE_CHROMIUM)");
    None
}

/// The DOM of `page` (with an optional `#fragment`) after loading and
/// running its scripts, as headless Chromium serializes it.
pub fn dump_dom(browser: &Path, page: &Path, fragment: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!(
        "file://{}{fragment}",
        page.canonicalize().unwrap().display()
    );
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Chromium starts");
    // Read stdout on a thread so a full pipe never stalls the browser.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut dom).map(|_| dom)
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "Chromium failed on {url}: {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Chromium did not finish {url} within a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let dom = reader.join().unwrap().expect("the DOM is UTF-8");
    assert!(
        dom.contains("<body"),
        "Chromium printed no DOM for {url}: {dom:.300}"
    );
    dom
}
