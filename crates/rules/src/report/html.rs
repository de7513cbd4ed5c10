//! `report.html`: one self-contained page (no external assets): counts per dataset and per
//! code as bar charts (inline SVG), and the details table, sortable by any column.

use super::counts;
use super::json::Checked;
use model::{Finding, Summary};
use std::fmt::Write as _;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;\
vertical-align:top;font-size:14px}th{background:#f3f3f3;cursor:pointer;user-select:none}\
th:after{content:' \\2195';color:#aaa}.error{color:#b00020}.warning{color:#8a5a00}.notice{color:#555}\
.charts{display:flex;gap:3em;flex-wrap:wrap}svg text{font-size:12px;font-family:system-ui,sans-serif}";

// Sorts the details table by the clicked column; numbers numerically, the rest as text.
const SCRIPT: &str = "document.querySelectorAll('table.sortable th').forEach(function(th,i){\
th.addEventListener('click',function(){var t=th.closest('table'),b=t.tBodies[0],\
rows=Array.from(b.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';\
rows.sort(function(x,y){var a=x.cells[i].textContent,c=y.cells[i].textContent,\
n=parseFloat(a),m=parseFloat(c);var r=(!isNaN(n)&&!isNaN(m))?n-m:a.localeCompare(c);return asc?r:-r;});\
rows.forEach(function(r){b.appendChild(r);});});});";

/// A horizontal bar chart of `(label, errors, warnings, notices)`.
fn chart(title: &str, bars: &[(String, Summary)]) -> String {
    let max = bars
        .iter()
        .map(|(_, s)| s.error + s.warning + s.notice)
        .max()
        .unwrap_or(1)
        .max(1);
    let (label_w, bar_w, row_h) = (220.0, 360.0, 20.0);
    let height = row_h * bars.len() as f64 + 30.0;
    let mut svg = format!(
        "<figure><figcaption><b>{}</b></figcaption><svg role=\"img\" width=\"{}\" height=\"{height}\" \
viewBox=\"0 0 {} {height}\">",
        esc(title),
        label_w + bar_w + 60.0,
        label_w + bar_w + 60.0
    );
    for (i, (label, s)) in bars.iter().enumerate() {
        let y = 10.0 + row_h * i as f64;
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            label_w - 6.0,
            y + 13.0,
            esc(label)
        );
        let mut x = label_w;
        for (n, colour) in [
            (s.error, "#b00020"),
            (s.warning, "#d99a00"),
            (s.notice, "#9e9e9e"),
        ] {
            let w = bar_w * n as f64 / max as f64;
            if n > 0 {
                let _ = write!(
                    svg,
                    "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"{colour}\"/>",
                    row_h - 4.0
                );
            }
            x += w;
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\">{}</text>",
            x + 4.0,
            y + 13.0,
            s.error + s.warning + s.notice
        );
    }
    svg.push_str("</svg></figure>");
    svg
}

pub fn render(title: &str, timestamp: &str, findings: &[Finding], mask: bool) -> String {
    render_checked(title, timestamp, None, findings, mask)
}

/// [`render`], saying which standard the data was checked against and listing every CDISC
/// CORE rule's status (folded, below the findings).
pub fn render_checked(
    title: &str,
    timestamp: &str,
    checked: Option<&Checked>,
    findings: &[Finding],
    mask: bool,
) -> String {
    let findings: Vec<Finding> = findings
        .iter()
        .map(|f| if mask { f.masked() } else { f.clone() })
        .collect();
    let s = Summary::of(&findings);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\n<style>{STYLE}</style>\
</head><body>\n<h1>{t}</h1>\n<p>{ts} · <span class=\"error\">{e} error(s)</span> · <span class=\"warning\">{w} \
warning(s)</span> · <span class=\"notice\">{n} notice(s)</span></p>\n",
        t = esc(title),
        ts = esc(timestamp),
        e = s.error,
        w = s.warning,
        n = s.notice
    );
    if let Some(c) = checked {
        let count = |w: &str| c.rules.iter().filter(|r| r.status == w).count();
        let _ = writeln!(
            out,
            "<p>Checked against {} ({}) · CT: {} · CDISC CORE rules: {} passed, {} failed, {} skipped, {} error(s)</p>",
            esc(&c.standard),
            esc(&c.standard_from),
            esc(&c.ct),
            count("passed"),
            count("failed"),
            count("skipped"),
            count("error")
        );
    }
    let per_dataset: Vec<(String, Summary)> = counts::by_dataset(&findings)
        .into_iter()
        .map(|((file, ds), s)| (if ds.is_empty() { file } else { ds }, s))
        .collect();
    let per_code: Vec<(String, Summary)> = counts::by_code(&findings)
        .into_iter()
        .map(|(code, sev, n)| {
            let mut s = Summary::default();
            match sev {
                model::Severity::Error => s.error = n,
                model::Severity::Warning => s.warning = n,
                model::Severity::Notice => s.notice = n,
            }
            (code, s)
        })
        .collect();
    if !findings.is_empty() {
        let _ = writeln!(
            out,
            "<div class=\"charts\">{}{}</div>",
            chart("Findings per dataset", &per_dataset),
            chart("Findings per code", &per_code)
        );
    }
    out.push_str(
        "<table class=\"sortable\"><thead><tr><th>severity</th><th>code</th><th>file</th><th>dataset</th>\
<th>record</th><th>variables</th><th>values</th><th>source cell</th><th>message</th><th>refs</th></tr></thead><tbody>\n",
    );
    for f in &findings {
        let _ = writeln!(
            out,
            "<tr class=\"{sev}\"><td>{sev}</td><td>{code}</td><td>{file}</td><td>{ds}</td><td>{rec}</td><td>{vars}</td>\
<td>{vals}</td><td>{src}</td><td>{msg}</td><td>{refs}</td></tr>",
            sev = f.severity,
            code = esc(&f.code),
            file = esc(f.file.as_deref().unwrap_or("")),
            ds = esc(f.dataset.as_deref().unwrap_or("")),
            rec = f.record.map(|r| r.to_string()).unwrap_or_default(),
            vars = esc(&f.variables.join(", ")),
            vals = esc(&f.values.join(", ")),
            src = esc(&f
                .source
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()),
            msg = esc(&f.message),
            refs = esc(&f.refs.join(", ")),
        );
    }
    out.push_str("</tbody></table>\n");
    if let Some(c) = checked {
        out.push_str(
            "<details><summary>Status of every CDISC CORE rule</summary>\n<table class=\"sortable\">\
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
