//! The HTML and xlsx reports read like a Pinnacle 21 issue summary and fit the window: the
//! pilot packages' report.html is rendered in headless Chromium at 1400 px and must not
//! scroll sideways; every code has its message and description, CORE ids included; details
//! come errors first with files relative to the folder shown once; values show as text.
//!
//! Chromium is Debian's `chromium` package, which `make test` installs when it is missing.

use crate::{stderr, trialbridge};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The pilot package's folder.
fn pilot(which: &str) -> PathBuf {
    standards::reference_dir().join("cdiscpilot01").join(which)
}

/// Writes `validate FOLDER --format FORMAT -o out` into `dir`; the pilot has errors (exit 1).
fn report(dir: &Path, folder: &Path, format: &str) -> PathBuf {
    let out = dir.join(format!("report.{format}"));
    let o = trialbridge(dir)
        .args(["validate", "--timestamp", "2024-01-31T12:00:00Z"])
        .arg(folder)
        .args(["--format", format, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    out
}

/// Headless Chromium on PATH; never skipped when missing.
fn chromium() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "headless Chromium (`chromium`) is not on PATH: `make test` installs it \
(Debian's package chromium), or run `make browser`"
            )
        })
}

/// `(document scrollWidth, window innerWidth)` of the page in a `width`-pixel-wide window:
/// a copy of the page with a script that writes both into the DOM, dumped by Chromium.
fn rendered_width(html: &Path, width: u32) -> (u64, u64) {
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(html).unwrap();
    let probe = "<script>document.body.setAttribute('data-fit',\
document.documentElement.scrollWidth+' '+window.innerWidth)</script></body>";
    assert!(page.contains("</body>"), "a whole page");
    let copy = dir.path().join("measured.html");
    std::fs::write(&copy, page.replacen("</body>", probe, 1)).unwrap();
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-dev-shm-usage",
            &format!("--window-size={width},900"),
            &format!("--user-data-dir={}", dir.path().join("profile").display()),
            "--dump-dom",
        ])
        .arg(format!("file://{}", copy.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        let _ = stdout.read_to_string(&mut dom);
        dom
    });
    let deadline = Instant::now() + Duration::from_secs(180);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not render {} in 180 s", html.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let dom = reader.join().unwrap();
    let fit = dom
        .split("data-fit=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no measurement in the dumped DOM: {dom:.500}"));
    let mut numbers = fit.split(' ').map(|n| n.parse::<u64>().unwrap());
    (numbers.next().unwrap(), numbers.next().unwrap())
}

#[test]
fn the_pilot_html_reports_fit_a_1400px_window() {
    for which in ["sdtm", "adam"] {
        let dir = tempfile::tempdir().unwrap();
        let html = report(dir.path(), &pilot(which), "html");
        let (scroll, inner) = rendered_width(&html, 1400);
        assert_eq!(inner, 1400, "the window is 1400 px wide");
        assert!(
            scroll <= inner,
            "the {which} report scrolls sideways: scrollWidth {scroll} > innerWidth {inner}"
        );
    }
}

/// The cells of the rows of the table whose class attribute starts with `class`.
fn rows(html: &str, class: &str) -> Vec<Vec<String>> {
    let start = html
        .find(&format!("<table class=\"{class}"))
        .unwrap_or_else(|| panic!("no {class} table"));
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let body = &table[table.find("<tbody>").unwrap()..];
    body.split("<tr")
        .skip(1)
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|cell| {
                    let inner = &cell[cell.find('>').unwrap() + 1..];
                    inner[..inner.find("</td>").unwrap()].to_owned()
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_pilot_html_report_reads_like_an_issue_summary() {
    let dir = tempfile::tempdir().unwrap();
    let folder = pilot("sdtm");
    let html = std::fs::read_to_string(report(dir.path(), &folder, "html")).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(report(dir.path(), &folder, "json")).unwrap())
            .unwrap();
    // The folder is named once; every row names its file relative to it.
    let shown = folder.display().to_string();
    assert_eq!(html.matches(&shown).count(), 1, "the folder once: {shown}");
    assert!(html.contains(&format!("Folder: <code>{shown}</code>")));
    // A colour legend for the bars, each label's full text in its title.
    for sev in ["error", "warning", "notice"] {
        assert!(html.contains(&format!("<i class=\"sw {sev}\"></i>{sev}")));
    }
    assert!(html.contains("<span class=\"lbl\" title=\"define.xml\">define.xml</span>"));
    // The issue summary: one row per code and severity of report.json, each with a message
    // and a description.
    let issues = rows(&html, "sortable issues");
    let mut expected: Vec<(String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_owned();
            (s("code"), s("severity"))
        })
        .collect();
    expected.sort();
    expected.dedup();
    let mut listed: Vec<(String, String)> = issues
        .iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    listed.sort();
    assert_eq!(listed, expected);
    for r in &issues {
        assert!(
            !r[4].is_empty() && r[5].len() > 20,
            "{}: a message and a description: {r:?}",
            r[0]
        );
    }
    let found: u64 = issues.iter().map(|r| r[2].parse::<u64>().unwrap()).sum();
    assert_eq!(found as usize, json["findings"].as_array().unwrap().len());
    // Details: every finding, errors first, then warnings, then notices; files relative.
    let details = rows(&html, "sortable details");
    assert_eq!(details.len(), found as usize);
    let rank = |sev: &str| {
        ["error", "warning", "notice"]
            .iter()
            .position(|s| *s == sev)
    };
    let ranks: Vec<usize> = details.iter().map(|r| rank(&r[0]).unwrap()).collect();
    assert!(ranks.is_sorted(), "errors first, then warnings, notices");
    assert!(
        details.iter().any(|r| r[2] == "define.xml"),
        "relative files"
    );
    assert!(details.iter().all(|r| !r[2].starts_with('/')));
    // Backtick-quoted values are <code>, never literal backticks.
    assert!(details.iter().any(|r| r[7].contains("<code>")));
    assert!(
        details.iter().all(|r| !r[7].contains('`')),
        "no literal backtick"
    );
}

/// The xlsx report of the pilot: the same issue summary with descriptions, details sorted
/// the same way, files relative to the folder the Summary sheet names.
#[test]
fn the_pilot_xlsx_report_has_the_issue_summary_and_relative_files() {
    let dir = tempfile::tempdir().unwrap();
    let folder = pilot("sdtm");
    let xlsx = std::fs::read(report(dir.path(), &folder, "xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut member = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let workbook = member("xl/workbook.xml");
    let sheets: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(
        sheets[..5],
        [
            "Summary",
            "Dataset Summary",
            "Issue Summary",
            "Details",
            "Rules"
        ]
    );
    let strings = member("xl/sharedStrings.xml");
    let shown = folder.display().to_string();
    assert_eq!(strings.matches(&shown).count(), 1, "the folder once");
    for text in ["Description", "define.xml", "ae.xpt"] {
        assert!(strings.contains(&format!(">{text}<")), "{text}");
    }
    // A catalogue rule's description is its documentation's "What it checks".
    assert!(strings.contains("In AE, when any seriousness criterion"));
}

/// A CORE id in the issue summary has its rule's Outcome message and Description.
#[test]
fn core_ids_have_their_rules_message_and_description() {
    let dir = tempfile::tempdir().unwrap();
    let case = standards::reference_dir().join("cdisc-core/rules/CORE-000001/negative/01/data");
    let o = trialbridge(dir.path())
        .args(["validate", "--select", "CORE-00000", "--report-dir", "rep"])
        .arg(&case)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let rule = core_rules::RuleBook::bundled().get("CORE-000001").unwrap();
    let html = std::fs::read_to_string(dir.path().join("rep/report.html")).unwrap();
    let row = rows(&html, "sortable issues")
        .into_iter()
        .find(|r| r[0] == "CORE-000001")
        .expect("a row for CORE-000001");
    assert_eq!(row[4], rule.message);
    assert_eq!(
        row[5],
        rule.description()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
    let xlsx = std::fs::read(dir.path().join("rep/report.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    assert!(strings.contains("Raise an error when IECAT is equal to"));
}

/// A value that is markup shows as text inside <code>: nothing of it runs.
#[test]
fn markup_in_a_value_shows_as_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dm.csv"),
        "STUDYID,DOMAIN,USUBJID,SUBJID,SEX\nS1,DM,S1-001,001,<script>alert(1)</script>\n",
    )
    .unwrap();
    let o = trialbridge(dir.path())
        .args(["validate", "dm.csv", "--format", "html", "-o", "r.html"])
        .output()
        .unwrap();
    assert!(o.status.code().is_some(), "{}", stderr(&o));
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(
        html.contains("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"),
        "{html}"
    );
}
