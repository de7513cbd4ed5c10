//! The web page: an upload form and the submissions, and for each submission its findings
//! beside every sheet they sit on, drawn as the sheet's grid with each finding on its cell
//! (colour by severity, the message on hover and focus, the list linking to the cell).
//! Server-rendered; the one script is the vendored htmx, which swaps in a submission's
//! progress while it is checked and reloads the page when done (without script, the page
//! refreshes itself).

use crate::api::{Shared, error, load, receive};
use crate::{App, Submission};
use askama::Template;
use axum::extract::{Multipart, Path};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use model::{CellRef, Finding, Severity, Summary};
use std::collections::BTreeMap;

/// Largest grid drawn per sheet.
const MAX_ROWS: usize = 500;
const MAX_COLS: usize = 40;

#[derive(Template)]
#[template(path = "index.html")]
struct Index {
    study: String,
    submissions: Vec<Submission>,
}

#[derive(Template)]
#[template(path = "submission.html")]
struct Page {
    id: i64,
    site: Option<String>,
    files: Vec<String>,
    status: String,
    done: bool,
    /// Done or failed: nothing more will change.
    settled: bool,
    /// Queued submissions to be checked first.
    ahead: i64,
    error: Option<String>,
    errors: usize,
    warnings: usize,
    notices: usize,
    findings: Vec<Listed>,
    grids: Vec<Grid>,
    /// What changed since the site's previous checked submission.
    changes: Option<Changed>,
    /// (code, severity, count), most severe and most frequent first.
    by_code: Vec<(String, &'static str, usize)>,
    /// (sheet, errors, warnings, notices) for findings on a cell.
    by_sheet: Vec<(String, usize, usize, usize)>,
}

struct Changed {
    since: i64,
    new: usize,
    open: usize,
    fixed: Vec<Listed>,
}

struct Listed {
    severity: &'static str,
    code: String,
    message: String,
    place: String,
    anchor: Option<String>,
}

struct Grid {
    file: String,
    sheet: String,
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
    truncated: bool,
}

struct Cell {
    text: String,
    mark: Option<Mark>,
}

struct Mark {
    anchor: String,
    severity: &'static str,
    title: String,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Notice => "notice",
    }
}

/// The login cookie's value for a token: a digest, so the cookie never holds the token.
fn session(token: &str) -> String {
    use sha2::{Digest, Sha256};
    format!(
        "{:x}",
        Sha256::digest(format!("trialbridge page session\n{token}"))
    )
}

/// Whether the request carries the login cookie of the service's token.
pub(crate) fn logged_in(app: &App, headers: &HeaderMap) -> bool {
    let Some(token) = &app.config.token else {
        return true;
    };
    let want = session(token);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().strip_prefix("tb_session="))
        .any(|v| v == want)
}

/// With a token, a page needs the login cookie (else the login form); a form posted from
/// another site (cross-site request forgery) is refused.
pub(crate) fn guard(app: &App, headers: &HeaderMap, posting: bool) -> Result<(), Response> {
    if !logged_in(app, headers) {
        return Err(Redirect::to("/login").into_response());
    }
    if posting && cross_site(headers) {
        return Err(error(
            StatusCode::FORBIDDEN,
            "a form from another site cannot post here",
        ));
    }
    Ok(())
}

fn cross_site(headers: &HeaderMap) -> bool {
    let cross = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site");
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(|o| o.split("://").nth(1).unwrap_or(o));
    cross || matches!((origin, host), (Some(o), Some(h)) if o != h)
}

#[derive(Template)]
#[template(path = "login.html")]
struct Login {
    failed: bool,
}

pub(crate) async fn login_form() -> Response {
    render(&Login { failed: false })
}

#[derive(serde::Deserialize)]
pub(crate) struct LoginForm {
    token: String,
}

pub(crate) async fn login(
    axum::extract::State(app): Shared,
    headers: HeaderMap,
    axum::Form(form): axum::Form<LoginForm>,
) -> Response {
    if cross_site(&headers) {
        return error(
            StatusCode::FORBIDDEN,
            "a form from another site cannot post here",
        );
    }
    match &app.config.token {
        Some(t) if *t == form.token => (
            StatusCode::SEE_OTHER,
            [
                (header::LOCATION, "/".to_owned()),
                (
                    header::SET_COOKIE,
                    format!(
                        "tb_session={}; Path=/; HttpOnly; SameSite=Strict",
                        session(t)
                    ),
                ),
            ],
        )
            .into_response(),
        Some(_) => (StatusCode::UNAUTHORIZED, render(&Login { failed: true })).into_response(),
        None => Redirect::to("/").into_response(),
    }
}

pub(crate) async fn index(axum::extract::State(app): Shared, headers: HeaderMap) -> Response {
    if let Err(r) = guard(&app, &headers, false) {
        return r;
    }
    let submissions = match app.store.recent(100) {
        Ok(ids) => ids
            .into_iter()
            .filter_map(|id| app.store.get(id).ok().flatten())
            .collect(),
        Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    };
    render(&Index {
        study: app.config.study.id.clone(),
        submissions,
    })
}

pub(crate) async fn upload(
    axum::extract::State(app): Shared,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    if let Err(r) = guard(&app, &headers, true) {
        return r;
    }
    match receive(&app, form).await {
        Ok(id) => Redirect::to(&format!("/submissions/{id}")).into_response(),
        Err(r) => r,
    }
}

pub(crate) async fn submission(
    axum::extract::State(app): Shared,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    if let Err(r) = guard(&app, &headers, false) {
        return r;
    }
    let (s, findings) = match load(&app, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let done = s.status == "done";
    let settled = done || s.status == "failed";
    let ahead = queued_ahead(&app, &s).await;
    let app2 = app.clone();
    let grids = if done {
        let f = findings.clone();
        tokio::task::spawn_blocking(move || grids(&app2, id, &f))
            .await
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let shown: BTreeMap<String, String> = grids
        .iter()
        .flat_map(|g| g.rows.iter().flatten())
        .filter_map(|c| c.mark.as_ref())
        .map(|m| (m.anchor.clone(), m.anchor.clone()))
        .collect();
    let listed = findings
        .iter()
        .map(|f| {
            let anchor = anchor(&s.files, f).filter(|a| shown.contains_key(a));
            Listed {
                severity: severity(f.severity),
                code: f.code.clone(),
                message: f.message.clone(),
                place: place(f),
                anchor,
            }
        })
        .collect();
    let changes = if done {
        changes(&app, &s, &findings)
    } else {
        None
    };
    let n = Summary::of(&findings);
    let mut codes: BTreeMap<(Severity, String), usize> = BTreeMap::new();
    let mut sheets: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for f in &findings {
        *codes.entry((f.severity, f.code.clone())).or_default() += 1;
        if let Some(src) = &f.source {
            let e = sheets
                .entry(format!("{}!{}", src.file, src.sheet))
                .or_default();
            match f.severity {
                Severity::Error => e.0 += 1,
                Severity::Warning => e.1 += 1,
                Severity::Notice => e.2 += 1,
            }
        }
    }
    let mut by_code: Vec<(String, &'static str, usize)> = codes
        .into_iter()
        .map(|((sev, code), k)| (code, severity(sev), k))
        .collect();
    by_code.sort_by(|a, b| {
        sev_rank(a.1)
            .cmp(&sev_rank(b.1))
            .then(b.2.cmp(&a.2))
            .then(a.0.cmp(&b.0))
    });
    let by_sheet = sheets
        .into_iter()
        .map(|(s, (e, w, n))| (s, e, w, n))
        .collect();
    render(&Page {
        id,
        site: s.site,
        files: s.files,
        status: s.status,
        done,
        settled,
        ahead,
        error: s.error,
        errors: n.error,
        warnings: n.warning,
        notices: n.notice,
        findings: listed,
        grids,
        changes,
        by_code,
        by_sheet,
    })
}

#[derive(Template)]
#[template(path = "progress.html")]
struct Progress {
    id: i64,
    files: Vec<String>,
    status: String,
    settled: bool,
    ahead: i64,
}

async fn queued_ahead(app: &std::sync::Arc<App>, s: &Submission) -> i64 {
    if s.status != "queued" {
        return 0;
    }
    let (a, id) = (app.clone(), s.id);
    tokio::task::spawn_blocking(move || a.store.ahead(id))
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or(0)
}

/// The submission's status line, which htmx polls; once the check has settled, htmx is told
/// to reload the page, which then shows the findings.
pub(crate) async fn progress(
    axum::extract::State(app): Shared,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    if let Err(r) = guard(&app, &headers, false) {
        return r;
    }
    let a = app.clone();
    let s = match tokio::task::spawn_blocking(move || a.store.get(id)).await {
        Ok(Ok(Some(s))) => s,
        Ok(Ok(None)) => return error(StatusCode::NOT_FOUND, format!("no submission {id}")),
        Ok(Err(e)) => return error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    };
    let settled = s.status == "done" || s.status == "failed";
    let ahead = queued_ahead(&app, &s).await;
    let page = render(&Progress {
        id,
        files: s.files,
        status: s.status,
        settled,
        ahead,
    });
    if settled {
        ([("hx-refresh", "true")], page).into_response()
    } else {
        page
    }
}

fn sev_rank(s: &str) -> u8 {
    match s {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    }
}

/// The comparison with the same site's previous checked submission, if there is one.
fn changes(app: &App, s: &Submission, findings: &[Finding]) -> Option<Changed> {
    let site = s.site.as_deref()?;
    let ids = app.store.of_site(site).ok()?;
    let before = ids.iter().rev().filter(|id| **id < s.id).find_map(|id| {
        let (p, f) = load(app, *id).ok()?;
        (p.status == "done").then_some((*id, f))
    })?;
    let c = crate::history::compare(Some(before.0), &before.1, findings);
    Some(Changed {
        since: before.0,
        new: c.new.len(),
        open: c.open.len(),
        fixed: c
            .fixed
            .iter()
            .map(|f| Listed {
                severity: severity(f.severity),
                code: f.code.clone(),
                message: f.message.clone(),
                place: place(f),
                anchor: None,
            })
            .collect(),
    })
}

pub(crate) fn render(t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

fn place(f: &Finding) -> String {
    match &f.source {
        Some(s) => s.to_string(),
        None => [
            f.file.clone(),
            f.dataset.clone(),
            f.record.map(|r| format!("record {r}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" "),
    }
}

/// The id of a finding's cell on the page: file and sheet by position, the cell in A1.
fn anchor(files: &[String], f: &Finding) -> Option<String> {
    let src = f.source.as_ref()?;
    let file = files.iter().position(|n| *n == src.file)?;
    Some(cell_id(file, &src.sheet, src.cell))
}

fn cell_id(file: usize, sheet: &str, cell: CellRef) -> String {
    // Sheet names hold any character; the id keeps letters and digits.
    let sheet: String = sheet
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("c{file}-{sheet}-{cell}")
}

/// Each sheet with a finding on one of its cells, drawn from the stored workbook.
fn grids(app: &App, id: i64, findings: &[Finding]) -> Vec<Grid> {
    let Ok(files) = app.store.files(id) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, upload) in files.iter().enumerate() {
        let Some(ext) =
            crate::check::workbook_extension(&upload.name, &upload.bytes).filter(|e| *e != "zip")
        else {
            continue;
        };
        let on_file: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.source.as_ref().is_some_and(|s| s.file == upload.name))
            .collect();
        if on_file.is_empty() {
            continue;
        }
        let Ok(dir) = tempfile::tempdir() else {
            continue;
        };
        let path = dir.path().join(format!("book.{ext}"));
        if std::fs::write(&path, &upload.bytes).is_err() {
            continue;
        }
        let Ok(mut book) = sheets::Workbook::open(&path) else {
            continue;
        };
        let mut sheets: Vec<String> = on_file
            .iter()
            .filter_map(|f| f.source.as_ref().map(|s| s.sheet.clone()))
            .collect();
        sheets.dedup();
        sheets.sort();
        sheets.dedup();
        for sheet in sheets {
            let Ok(cells) = book.cells(&sheet, MAX_ROWS, MAX_COLS) else {
                continue;
            };
            out.push(grid(i, &upload.name, &sheet, cells, &on_file));
        }
    }
    out
}

fn grid(
    file: usize,
    name: &str,
    sheet: &str,
    cells: sheets::SheetCells,
    on_file: &[&Finding],
) -> Grid {
    let mut marks: BTreeMap<(u32, u32), (Severity, Vec<String>)> = BTreeMap::new();
    for f in on_file {
        let Some(src) = f.source.as_ref().filter(|s| s.sheet == sheet) else {
            continue;
        };
        let e = marks
            .entry((src.cell.row, src.cell.col))
            .or_insert((f.severity, Vec::new()));
        // The most severe finding colours the cell (Severity orders error first).
        e.0 = e.0.min(f.severity);
        e.1.push(format!(
            "{}[{}] {}",
            severity(f.severity),
            f.code,
            f.message
        ));
    }
    let width = cells.rows.iter().map(Vec::len).max().unwrap_or(0);
    let rows = cells
        .rows
        .into_iter()
        .enumerate()
        .map(|(r, row)| {
            row.into_iter()
                .enumerate()
                .map(|(c, text)| {
                    let mark = marks.get(&(r as u32, c as u32)).map(|(sev, msgs)| Mark {
                        anchor: cell_id(file, sheet, CellRef::new(r as u32, c as u32)),
                        severity: severity(*sev),
                        title: msgs.join("\n"),
                    });
                    Cell { text, mark }
                })
                .collect()
        })
        .collect();
    Grid {
        file: name.to_owned(),
        sheet: sheet.to_owned(),
        columns: (0..width as u32).map(CellRef::column_letters).collect(),
        rows,
        truncated: cells.truncated,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn line(status: &str, ahead: i64) -> String {
        let settled = status == "done" || status == "failed";
        Progress {
            id: 7,
            files: vec!["a.xlsx".into(), "<b>.xlsx".into()],
            status: status.into(),
            settled,
            ahead,
        }
        .render()
        .unwrap()
    }

    #[test]
    fn a_check_still_to_come_is_polled_and_says_its_place_in_the_queue() {
        let queued = line("queued", 2);
        assert!(
            queued.contains(r#"hx-get="/submissions/7/progress""#),
            "{queued}"
        );
        assert!(queued.contains(r#"hx-trigger="every 1s""#), "{queued}");
        assert!(queued.contains("(2 ahead in the queue)"), "{queued}");
        assert!(queued.contains("&#60;b&#62;.xlsx"), "{queued}");
        let running = line("running", 0);
        assert!(running.contains("hx-get"), "{running}");
        assert!(!running.contains("ahead"), "{running}");
    }

    #[test]
    fn a_failed_check_is_settled_and_no_longer_polled() {
        for status in ["done", "failed"] {
            let l = line(status, 0);
            assert!(!l.contains("hx-get"), "{l}");
            assert!(!l.contains("updates when"), "{l}");
        }
    }
}
