//! report.html: self-contained, the charts byte for byte, every scenario text escaped,
//! and rendered by headless Chromium.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::run_into_tempdir;

const INJECTION: &str = "tests/data/good/html-injection.toml";
const TINY: &str = "tests/data/good/tiny.toml";

#[test]
fn the_report_embeds_the_very_svg_files_and_the_inputs() {
    let out = run_into_tempdir(TINY, &["--format", "csv,png,html"]);
    let html = fs::read_to_string(out.path().join("report.html")).unwrap();
    // html implies the SVG charts and the sensitivity analysis
    for chart in ["distribution.svg", "timeline.svg", "tornado.svg"] {
        let svg = fs::read_to_string(out.path().join(chart)).unwrap();
        assert!(
            html.contains(svg.trim_end()),
            "{chart} is not embedded as written"
        );
    }
    assert_eq!(html.matches("<svg").count(), 3);
    assert!(out.path().join("sensitivity.csv").is_file());
    // the manifest, as written, and the scenario's text (escaped)
    let manifest = fs::read_to_string(out.path().join("manifest.json")).unwrap();
    assert!(manifest.contains("report.html"));
    assert!(html.contains(&manifest.replace('"', "&quot;")));
    assert!(html.contains("[[pathway.stage]]"));
    assert!(html.contains("Tiny test scenario"));
    // the P80 application of each pathway, as explain --at p80 prints it
    assert_eq!(html.matches("what made it long:").count(), 2);
}

#[test]
fn the_report_fetches_nothing_and_runs_no_script() {
    let out = run_into_tempdir(TINY, &["--format", "html"]);
    let html = fs::read_to_string(out.path().join("report.html")).unwrap();
    let lower = html.to_lowercase();
    assert!(lower.contains("content-security-policy") && lower.contains("default-src 'none'"));
    for needle in [
        "<script", "<link", "<img", "<iframe", "src=", "url(", "@import",
    ] {
        assert!(!lower.contains(needle), "found {needle}");
    }
    // the only URL is the SVG namespace
    let urls = lower.matches("http://").count() + lower.matches("https://").count();
    assert_eq!(urls, lower.matches("http://www.w3.org/2000/svg").count());
}

#[test]
fn scenario_text_cannot_inject_markup_into_the_report() {
    let out = run_into_tempdir(INJECTION, &["--format", "html"]);
    let html = fs::read_to_string(out.path().join("report.html")).unwrap();
    let lower = html.to_lowercase();
    for raw in [
        "<script",
        "<img",
        "<b>",
        "<i>",
        "<a href=\"https",
        "</pre><",
        "</style><",
    ] {
        assert!(!lower.contains(raw), "{raw} reached the page unescaped");
    }
    assert!(
        html.contains(
            "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"
        )
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Review &lt;i&gt;&amp;amp;&lt;/i&gt; inquiries"));
    // exactly one style element: the page's own
    assert_eq!(lower.matches("<style>").count(), 1);
    assert_eq!(lower.matches("</style>").count(), 1);
}

/// A Chromium or Chrome to render with: `REGSIM_CHROMIUM`, else the first of the usual
/// names on PATH.
fn find_browser() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("REGSIM_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|p| p.is_file())
}

/// Runs the browser headless on `page` with `args`; returns its stdout and stderr.
fn headless(browser: &Path, profile: &Path, page: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .args(["--enable-logging=stderr", "--v=0"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("the browser starts");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn the_report_renders_in_headless_chromium() {
    let Some(browser) = find_browser() else {
        // CI installs Debian's chromium (.ci/run), so there the test must run.
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "no Chromium found in CI: .ci/run installs Debian's chromium"
        );
        eprintln!(
            "skipped: the_report_renders_in_headless_chromium: no chromium, \
             chromium-browser or google-chrome on PATH (set REGSIM_CHROMIUM to a browser)"
        );
        return;
    };
    let out = run_into_tempdir(INJECTION, &["--format", "html"]);
    let page = out.path().join("report.html");
    let profile = tempfile::tempdir().unwrap();
    let shot = out.path().join("screenshot.png");
    let (_, log) = headless(
        &browser,
        profile.path(),
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000",
        ],
    );
    // Console messages (errors, refused loads, blocked scripts) are logged as CONSOLE.
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    let png = fs::read(&shot).expect("a screenshot");
    assert_eq!(png_size(&png), (1280, 2000));
    // A blank page compresses to a few kilobytes; text, tables and charts do not.
    assert!(png.len() > 50_000, "screenshot of {} bytes", png.len());
    // The parsed page: the escaped title is text, the three charts are SVG elements.
    let (dom, log) = headless(&browser, profile.path(), &page, &["--dump-dom"]);
    assert!(!log.contains(":CONSOLE"), "{log}");
    assert_eq!(dom.matches("<svg").count(), 3, "charts in the DOM");
    assert!(dom.contains("&lt;script&gt;alert('title')&lt;/script&gt;"));
    assert!(!dom.to_lowercase().contains("<script"));
}

#[test]
fn the_report_has_a_summary_per_run_baseline_then_variants() {
    let out = run_into_tempdir(
        "tests/data/good/whatif.toml",
        &[
            "--format",
            "html",
            "--variant",
            "faster",
            "--variant",
            "renamed",
        ],
    );
    let html = fs::read_to_string(out.path().join("report.html")).unwrap();
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("<h3>Baseline</h3>") < at("<h3>Variant faster</h3>"));
    assert!(at("<h3>Variant faster</h3>") < at("<h3>Variant renamed</h3>"));
    // what each changes, and the overrides among the inputs
    assert!(html.contains("Review 20% faster: simple.review.duration=*0.8"));
    assert_eq!(
        html.matches("<table>").count(),
        4,
        "three runs and the sensitivity table"
    );
    // the comparison chart is among the charts, as written
    let compare = fs::read_to_string(out.path().join("compare.svg")).unwrap();
    assert!(html.contains(compare.trim_end()));
}

#[test]
fn the_report_adds_time_from_ready_with_products_and_the_approved_share_with_withdrawals() {
    let out = run_into_tempdir(
        "scenarios/japan/covid-2022.toml",
        &["-n", "2000", "--format", "csv,html"],
    );
    let html = fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(html.contains("<th class=\"num\">P80 from ready</th>"));
    assert!(
        !html.contains(">Approved</th>"),
        "nothing is withdrawn there"
    );
    let out = run_into_tempdir(
        "tests/data/good/calendars.toml",
        &["-n", "2000", "--format", "csv,html"],
    );
    let html = fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(html.contains(">Approved</th>"));
    assert!(!html.contains("P80 from ready"), "no products there");
    // the capped route's share approved, as summary.csv says
    let (h, rows) = crate::support::read_csv(&out.path().join("summary.csv"));
    let capped = rows
        .iter()
        .find(|r| {
            crate::support::col(&h, r, "pathway") == "capped"
                && crate::support::col(&h, r, "metric") == "review_days"
        })
        .unwrap();
    let share: f64 = crate::support::col(&h, capped, "approved_share")
        .parse()
        .unwrap();
    assert!(share < 1.0);
    assert!(html.contains(&format!("{:.1}%</td></tr>", share * 100.0)));
}
