//! `report.html`: one page a data manager can open and filter by eye.

use model::{Finding, Summary};
use std::fmt::Write as _;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn render(title: &str, timestamp: &str, findings: &[Finding], mask: bool) -> String {
    let s = Summary::of(findings);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\n<style>\
body{{font-family:system-ui,sans-serif;margin:2em}}table{{border-collapse:collapse;width:100%}}\
td,th{{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;font-size:14px}}\
th{{background:#f3f3f3}}.error{{color:#b00020}}.warning{{color:#8a5a00}}.notice{{color:#555}}\
</style></head><body>\n<h1>{t}</h1>\n<p>{ts} · <span class=\"error\">{e} error(s)</span> · \
<span class=\"warning\">{w} warning(s)</span> · <span class=\"notice\">{n} notice(s)</span></p>\n\
<table><thead><tr><th>severity</th><th>code</th><th>file</th><th>dataset</th><th>record</th>\
<th>variables</th><th>values</th><th>source cell</th><th>message</th><th>refs</th></tr></thead><tbody>\n",
        t = esc(title),
        ts = esc(timestamp),
        e = s.error,
        w = s.warning,
        n = s.notice
    );
    for f in findings {
        let f = if mask { f.masked() } else { f.clone() };
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
    out.push_str("</tbody></table>\n</body></html>\n");
    out
}
