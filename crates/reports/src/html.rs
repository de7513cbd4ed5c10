//! `report.html`: one self-contained page (no external assets), read like the issue summary a
//! Pinnacle 21 user knows: the counts, bar charts per dataset and per code with a colour
//! legend, the issue summary (per code its severity, count, message and description), then
//! the details sorted errors first, by dataset and record, sortable by any column; file paths
//! relative to the folder of the inputs, shown once at the top. Everything fits the window:
//! tables are laid out fixed and wrap long values, chart labels are ellipsized with the full
//! text in a `title`.

use super::counts;
use super::json::Checked;
use super::{CodeTexts, Folder, describe, sorted};
use model::text::escape_html as esc;
use model::{Finding, Severity, Summary};
use std::fmt::Write as _;

/// What the page says besides the findings.
pub struct Page<'a> {
    pub title: &'a str,
    pub timestamp: &'a str,
    /// The standard checked against and every CORE rule's status, when CORE rules ran.
    pub checked: Option<&'a Checked>,
    /// The input files: their common folder is shown once, files relative to it.
    pub inputs: &'a [String],
    /// Descriptions of the codes this crate cannot describe (CORE ids): see [`describe`].
    pub texts: &'a CodeTexts,
}

/// Escaped text whose backtick-quoted values are shown as `<code>`; an unpaired backtick
/// stays as it is.
fn rich(s: &str) -> String {
    let escaped = esc(s);
    let pieces: Vec<&str> = escaped.split('`').collect();
    let mut out = String::with_capacity(escaped.len() + 16);
    for (i, piece) in pieces.iter().enumerate() {
        if i % 2 == 0 {
            out.push_str(piece);
        } else if i + 1 < pieces.len() {
            let _ = write!(out, "<code>{piece}</code>");
        } else {
            let _ = write!(out, "`{piece}");
        }
    }
    out
}

const COLOURS: [(Severity, &str); 3] = [
    (Severity::Error, "#b00020"),
    (Severity::Warning, "#d99a00"),
    (Severity::Notice, "#9e9e9e"),
];

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222;overflow-wrap:anywhere}\
h2{font-size:1.2em;margin:1.6em 0 .5em}\
table{border-collapse:collapse;width:100%;table-layout:fixed}\
td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;font-size:13px;overflow-wrap:anywhere}\
th{background:#f3f3f3}table.sortable th{cursor:pointer;user-select:none}table.sortable th:after{content:' \\2195';color:#aaa}\
td.num{text-align:right}code{font-size:12px;background:#f2f2f2;padding:0 2px;border-radius:2px}\
.error{color:#b00020}.warning{color:#8a5a00}.notice{color:#555}td.sev{font-weight:600}\
.legend{display:flex;gap:1.2em;align-items:center;margin:.5em 0}.legend span{display:inline-flex;align-items:center;gap:.35em}\
.sw{display:inline-block;width:12px;height:12px}.sw.error,.seg.error{background:#b00020}\
.sw.warning,.seg.warning{background:#d99a00}.sw.notice,.seg.notice{background:#9e9e9e}\
.charts{display:flex;gap:2em;flex-wrap:wrap}.chart{flex:1 1 30em;min-width:0;max-width:46em;margin:0}\
.chart figcaption{font-weight:600;margin-bottom:.3em}\
.row{display:grid;grid-template-columns:minmax(0,11em) minmax(0,1fr) 4em;gap:6px;align-items:center;font-size:12px;height:18px}\
.lbl{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;text-align:right}\
.track{display:flex;height:14px}.seg{height:100%}.n{color:#444}";

// Sorts a table by the clicked column: by a cell's data-sort when it has one (severity),
// numbers numerically, the rest as text.
const SCRIPT: &str = "document.querySelectorAll('table.sortable th').forEach(function(th,i){\
th.addEventListener('click',function(){var t=th.closest('table'),b=t.tBodies[0],\
rows=Array.from(b.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';\
function k(r){var c=r.cells[i];return c.dataset.sort!==undefined?c.dataset.sort:c.textContent;}\
rows.sort(function(x,y){var a=k(x),c=k(y),\
n=parseFloat(a),m=parseFloat(c);var r=(!isNaN(n)&&!isNaN(m))?n-m:a.localeCompare(c);return asc?r:-r;});\
rows.forEach(function(r){b.appendChild(r);});});});";

/// What the colours of the bars mean.
fn legend() -> String {
    let mut out = String::from("<p class=\"legend\" aria-label=\"colours of the bars\">");
    for (sev, _) in COLOURS {
        let _ = write!(out, "<span><i class=\"sw {sev}\"></i>{sev}</span>");
    }
    out.push_str("</p>");
    out
}

/// A horizontal stacked bar chart of `(label, tooltip, counts)`, in HTML so labels can be
/// ellipsized (the full text in `title`) and the chart shrinks with the window.
fn chart(title: &str, bars: &[(String, String, Summary)]) -> String {
    let max = bars
        .iter()
        .map(|(_, _, s)| s.error + s.warning + s.notice)
        .max()
        .unwrap_or(1)
        .max(1);
    let mut out = format!(
        "<figure class=\"chart\"><figcaption>{}</figcaption>",
        esc(title)
    );
    for (label, tip, s) in bars {
        let total = s.error + s.warning + s.notice;
        let _ = write!(
            out,
            "<div class=\"row\"><span class=\"lbl\" title=\"{}\">{}</span><span class=\"track\">",
            esc(tip),
            esc(label)
        );
        for (sev, n) in [
            (Severity::Error, s.error),
            (Severity::Warning, s.warning),
            (Severity::Notice, s.notice),
        ] {
            if n > 0 {
                let _ = write!(
                    out,
                    "<span class=\"seg {sev}\" style=\"width:{:.2}%\" title=\"{n} {sev}(s)\"></span>",
                    100.0 * n as f64 / max as f64
                );
            }
        }
        let _ = write!(out, "</span><span class=\"n\">{total}</span></div>");
    }
    out.push_str("</figure>");
    out
}

fn rank(sev: Severity) -> u8 {
    match sev {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Notice => 2,
    }
}

/// A table with fixed column widths (percent), so it fits the window whatever its text.
fn table_head(class: &str, columns: &[(&str, u8)]) -> String {
    let mut out = format!("<table class=\"{class}\"><colgroup>");
    for (_, w) in columns {
        let _ = write!(out, "<col style=\"width:{w}%\">");
    }
    out.push_str("</colgroup><thead><tr>");
    for (name, _) in columns {
        let _ = write!(out, "<th>{name}</th>");
    }
    out.push_str("</tr></thead><tbody>\n");
    out
}

pub fn render(page: &Page<'_>, findings: &[Finding], mask: bool) -> String {
    let findings: Vec<Finding> = findings
        .iter()
        .map(|f| if mask { f.masked() } else { f.clone() })
        .collect();
    let folder = Folder::of(page.inputs);
    let s = Summary::of(&findings);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{t}</title>\n<style>{STYLE}</style>\
</head><body>\n<h1>{t}</h1>\n<p>{ts} · <span class=\"error\">{e} error(s)</span> · <span class=\"warning\">{w} \
warning(s)</span> · <span class=\"notice\">{n} notice(s)</span></p>\n",
        t = esc(page.title),
        ts = esc(page.timestamp),
        e = s.error,
        w = s.warning,
        n = s.notice
    );
    if let Some(c) = page.checked {
        let count = |w: &str| c.rules.iter().filter(|r| r.status == w).count();
        let _ = writeln!(
            out,
            "<p>Checked against {} ({}) · CT: {} · CDISC CORE rules: {} passed, {} failed, {} skipped, {} error(s)</p>",
            esc(&c.standard),
            esc(&folder.shorten(&c.standard_from)),
            esc(&folder.shorten(&c.ct)),
            count("passed"),
            count("failed"),
            count("skipped"),
            count("error")
        );
    }
    if let Some(root) = folder.shown() {
        let _ = writeln!(
            out,
            "<p>Folder: <code>{}</code> ({} input file(s)); files below are named relative to it.</p>",
            esc(&root),
            page.inputs.len()
        );
    }
    let issues = counts::issues(&findings);
    if !findings.is_empty() {
        let mut per_dataset: Vec<(String, String, Summary)> = counts::by_dataset(&findings)
            .into_iter()
            .map(|((file, ds), s)| {
                let file = folder.relative(&file);
                let label = match (ds.is_empty(), file.is_empty()) {
                    (false, _) => ds,
                    (true, false) => file.clone(),
                    // Findings about the run itself (which versions were checked against).
                    (true, true) => "(run)".to_owned(),
                };
                let tip = if file.is_empty() || file == label {
                    label.clone()
                } else {
                    format!("{label} ({file})")
                };
                (label, tip, s)
            })
            .collect();
        per_dataset.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        // One bar per code, its severities stacked.
        let mut stacked: std::collections::BTreeMap<&str, Summary> = Default::default();
        for i in &issues {
            let s = stacked.entry(&i.code).or_default();
            match i.severity {
                Severity::Error => s.error += i.count,
                Severity::Warning => s.warning += i.count,
                Severity::Notice => s.notice += i.count,
            }
        }
        let per_code: Vec<(String, String, Summary)> = stacked
            .into_iter()
            .map(|(code, s)| {
                let text = describe(code, page.texts, &findings);
                let tip = format!("{code}: {}", folder.shorten(&text.summary));
                (code.to_owned(), tip, s)
            })
            .collect();
        let _ = writeln!(
            out,
            "<h2>Findings per dataset and per code</h2>\n{}\n<div class=\"charts\">{}{}</div>",
            legend(),
            chart("Findings per dataset", &per_dataset),
            chart("Findings per code", &per_code)
        );
        out.push_str("<h2>Issue summary</h2>\n");
        out.push_str(&table_head(
            "sortable issues",
            &[
                ("code", 9),
                ("severity", 7),
                ("found", 6),
                ("where", 14),
                ("message", 26),
                ("description", 38),
            ],
        ));
        for i in &issues {
            let text = describe(&i.code, page.texts, &findings);
            let _ = writeln!(
                out,
                "<tr><td>{code}</td><td class=\"sev {sev}\" data-sort=\"{rank}\">{sev}</td><td class=\"num\">{n}</td>\
<td>{places}</td><td>{summary}</td><td>{description}</td></tr>",
                code = esc(&i.code),
                sev = i.severity,
                rank = rank(i.severity),
                n = i.count,
                places = esc(&i.places()),
                summary = rich(&folder.shorten(&text.summary)),
                description = rich(&folder.shorten(&text.description)),
            );
        }
        out.push_str("</tbody></table>\n");
    }
    let with_cells = findings.iter().any(|f| f.source.is_some());
    let _ = writeln!(
        out,
        "<h2>Details</h2>\n<p>{} finding(s): errors first, then warnings and notices; by dataset and record. \
Click a heading to sort by it.</p>",
        findings.len()
    );
    let mut columns: Vec<(&str, u8)> = vec![
        ("severity", 7),
        ("code", 8),
        ("file", 8),
        ("dataset", 7),
        ("record", 6),
        ("variables", 10),
        ("values", 10),
    ];
    if with_cells {
        columns.push(("source cell", 8));
    }
    columns.push(("message", if with_cells { 26 } else { 34 }));
    columns.push(("refs", 10));
    out.push_str(&table_head("sortable details", &columns));
    for f in sorted(&findings) {
        let cell = if with_cells {
            format!(
                "<td>{}</td>",
                esc(&f
                    .source
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default())
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"sev {sev}\" data-sort=\"{rank}\">{sev}</td><td>{code}</td><td>{file}</td><td>{ds}</td>\
<td class=\"num\">{rec}</td><td>{vars}</td><td>{vals}</td>{cell}<td>{msg}</td><td>{refs}</td></tr>",
            sev = f.severity,
            rank = rank(f.severity),
            code = esc(&f.code),
            file = esc(&folder.relative(f.file.as_deref().unwrap_or(""))),
            ds = esc(f.dataset.as_deref().unwrap_or("")),
            rec = f.record.map(|r| r.to_string()).unwrap_or_default(),
            vars = esc(&f.variables.join(", ")),
            vals = esc(&f.values.join(", ")),
            msg = rich(&folder.shorten(&f.message)),
            refs = esc(&f.refs.join(", ")),
        );
    }
    out.push_str("</tbody></table>\n");
    if let Some(c) = page.checked {
        out.push_str(
            "<details><summary>Status of every CDISC CORE rule</summary>\n<table class=\"sortable\">\
<colgroup><col style=\"width:14%\"><col style=\"width:10%\"><col style=\"width:8%\"><col></colgroup>\
<thead><tr><th>rule</th><th>status</th><th>findings</th><th>reason</th></tr></thead><tbody>\n",
        );
        for r in &c.rules {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&r.id),
                r.status,
                r.findings,
                esc(r.reason.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</tbody></table></details>\n");
    }
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::{Page, render, rich};
    use crate::CodeTexts;
    use model::Finding;

    fn page<'a>(inputs: &'a [String], texts: &'a CodeTexts) -> Page<'a> {
        Page {
            title: "t",
            timestamp: "2026-01-01T00:00:00Z",
            checked: None,
            inputs,
            texts,
        }
    }

    #[test]
    fn backticked_values_are_code_and_markup_in_them_is_text() {
        assert_eq!(
            rich("SEX `<script>alert(1)</script>` is not in `SEX`"),
            "SEX <code>&lt;script&gt;alert(1)&lt;/script&gt;</code> is not in <code>SEX</code>"
        );
        assert_eq!(rich("a `b` c `d"), "a <code>b</code> c `d");
        let inputs = ["/s/dm.xpt".to_owned()];
        let texts = CodeTexts::new();
        let html = render(
            &page(&inputs, &texts),
            &[Finding::error("SDT0001", "SEX is `<script>x</script>`")
                .with_value("<script>x</script>")
                .in_file("/s/dm.xpt")],
            false,
        );
        assert!(!html.contains("<script>x"), "{html}");
        assert!(html.contains("<code>&lt;script&gt;x&lt;/script&gt;</code>"));
    }

    #[test]
    fn details_are_sorted_errors_first_with_paths_relative_to_the_folder() {
        let inputs = [
            "/data/pilot/sdtm/ae.xpt".to_owned(),
            "/data/pilot/sdtm/define.xml".to_owned(),
        ];
        let texts = CodeTexts::new();
        let findings = [
            Finding::notice("FM0030", "a notice")
                .in_file("/data/pilot/sdtm/ae.xpt")
                .in_dataset("AE"),
            Finding::error("SDT0084", "AEENDTC is `2016-03-20`")
                .in_file("/data/pilot/sdtm/ae.xpt")
                .in_dataset("AE")
                .at_record(3),
        ];
        let html = render(&page(&inputs, &texts), &findings, false);
        assert!(
            html.contains("Folder: <code>/data/pilot/sdtm</code>"),
            "{html}"
        );
        assert_eq!(html.matches("/data/pilot/sdtm").count(), 1, "{html}");
        let details = &html[html.find("<h2>Details</h2>").unwrap()..];
        let error = details.find(">SDT0084<").unwrap();
        let notice = details.find(">FM0030<").unwrap();
        assert!(error < notice, "errors first");
        assert!(details.contains("<td>ae.xpt</td>"));
        // The issue summary: message and description of every code.
        assert!(html.contains("AEENDTC is populated but AEOUT says the event has not resolved"));
        assert!(html.contains("An AE record whose outcome is <code>AEOUT"));
        // The legend of the bars.
        assert!(html.contains("class=\"legend\""));
        assert!(html.contains("<i class=\"sw error\"></i>error"));
    }
}
