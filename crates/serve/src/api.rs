//! The routes: uploads, submission status and findings, reports, the OpenAPI description.

use crate::App;
use crate::check;
use crate::store::Upload;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use model::{Finding, Summary};
use serde_json::json;
use std::sync::Arc;

pub(crate) type Shared = State<Arc<App>>;

pub(crate) fn router(app: Arc<App>) -> Router {
    let limit = app.config.max_upload;
    let [csp, nosniff, referrer] = crate::assets::headers();
    Router::new()
        .route("/", get(crate::pages::index))
        .route(
            "/login",
            get(crate::pages::login_form).post(crate::pages::login),
        )
        .route("/submissions", post(crate::pages::upload))
        .route("/submissions/{id}", get(crate::pages::submission))
        .route("/submissions/{id}/progress", get(crate::pages::progress))
        .route("/sites/{site}", get(crate::site::page))
        .route(crate::assets::HTMX_PATH, get(crate::assets::htmx))
        .route("/api/openapi.json", get(openapi))
        .route("/api/submissions", post(upload))
        .route("/api/submissions/{id}", get(status))
        .route("/api/submissions/{id}/report.json", get(report_json))
        .route("/api/submissions/{id}/report.xlsx", get(report_xlsx))
        .route("/api/submissions/{id}/report.sarif", get(report_sarif))
        .route("/api/sites/{site}/history", get(history))
        .layer(DefaultBodyLimit::max(limit))
        .layer(csp)
        .layer(nosniff)
        .layer(referrer)
        .with_state(app)
}

/// A JSON error body with a message a person can act on.
pub(crate) fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, axum::Json(json!({ "error": message.into() }))).into_response()
}

fn authorized(app: &App, headers: &HeaderMap) -> Result<(), Response> {
    let Some(token) = &app.config.token else {
        return Ok(());
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    // The page's downloads carry the login cookie instead.
    if given == Some(token.as_str()) || crate::pages::logged_in(app, headers) {
        Ok(())
    } else {
        Err(error(
            StatusCode::UNAUTHORIZED,
            "this service needs `Authorization: Bearer <token>`",
        ))
    }
}

fn now() -> String {
    model::Timestamp::now().unwrap_or_default().iso_utc()
}

async fn upload(State(app): Shared, headers: HeaderMap, form: Multipart) -> Response {
    if let Err(r) = authorized(&app, &headers) {
        return r;
    }
    match receive(&app, form).await {
        Ok(id) => (
            StatusCode::ACCEPTED,
            [(header::LOCATION, format!("/api/submissions/{id}"))],
            axum::Json(
                json!({ "id": id, "status": "queued", "href": format!("/api/submissions/{id}") }),
            ),
        )
            .into_response(),
        Err(r) => r,
    }
}

/// Reads a multipart upload, refuses what is not a workbook or package, stores the
/// submission and queues it; the id, or the 4xx/5xx answer.
pub(crate) async fn receive(app: &Arc<App>, mut form: Multipart) -> Result<i64, Response> {
    let mut files: Vec<Upload> = Vec::new();
    let mut site: Option<String> = None;
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                let status = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    StatusCode::PAYLOAD_TOO_LARGE
                } else {
                    StatusCode::BAD_REQUEST
                };
                return Err(error(
                    status,
                    format!(
                        "the upload could not be read ({e}); the limit is {} bytes per request",
                        app.config.max_upload
                    ),
                ));
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = match field.bytes().await {
            Ok(b) => b.to_vec(),
            Err(e) => {
                return Err(error(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "the upload could not be read ({e}); the limit is {} bytes per request",
                        app.config.max_upload
                    ),
                ));
            }
        };
        match name.as_str() {
            "site" => site = Some(String::from_utf8_lossy(&bytes).trim().to_owned()),
            "file" => {
                let shown = file_name.unwrap_or_else(|| format!("file-{}", files.len() + 1));
                match check::workbook_extension(&shown, &bytes) {
                    None => {
                        return Err(error(
                            StatusCode::UNSUPPORTED_MEDIA_TYPE,
                            format!(
                                "`{shown}` is not a workbook or a dataset package: xlsx, xlsm, xls, ods, csv or zip, whose content matches its name"
                            ),
                        ));
                    }
                    // A package is opened now, so a bomb or an empty one is refused at once.
                    Some("zip") => {
                        open_package(app, &shown, &bytes).await?;
                    }
                    Some(_) => {}
                }
                files.push(Upload { name: shown, bytes });
                if files.len() > app.config.max_files {
                    return Err(error(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        format!("at most {} files in one submission", app.config.max_files),
                    ));
                }
            }
            other => {
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "unknown form field `{other}`: send workbooks as `file`, the site as `site`"
                    ),
                ));
            }
        }
    }
    if files.is_empty() {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "no workbook: send one or more as form field `file`",
        ));
    }
    let app2 = app.clone();
    let stored =
        tokio::task::spawn_blocking(move || app2.store.add(site.as_deref(), &now(), &files)).await;
    let id = match stored {
        Ok(Ok(id)) => id,
        Ok(Err(e)) => return Err(error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
        Err(e) => return Err(error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
    };
    app.wake.notify_one();
    Ok(id)
}

/// Unpacks a zip package into a scratch folder to refuse a bomb (413) or an archive with no
/// dataset (415) before it is stored.
async fn open_package(app: &App, shown: &str, bytes: &[u8]) -> Result<(), Response> {
    use formats::package::{PackageError, unpack};
    let (b, limit) = (bytes.to_vec(), app.config.max_inflated);
    let opened = tokio::task::spawn_blocking(move || {
        let dir = tempfile::tempdir().map_err(|e| PackageError::Io(e.to_string()))?;
        unpack(&b, dir.path(), limit).map(|_| ())
    })
    .await;
    match opened {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e @ (PackageError::TooLarge(_) | PackageError::TooManyEntries))) => Err(error(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("`{shown}`: {e}"),
        )),
        Ok(Err(e)) => Err(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("`{shown}`: {e}"),
        )),
        Err(e) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
    }
}

/// The submission and, once checked, its findings.
pub(crate) fn load(app: &App, id: i64) -> Result<(crate::Submission, Vec<Finding>), Response> {
    let s = match app.store.get(id) {
        Ok(Some(s)) => s,
        Ok(None) => return Err(error(StatusCode::NOT_FOUND, format!("no submission {id}"))),
        Err(e) => return Err(error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
    };
    let findings: Vec<Finding> = s
        .findings
        .as_deref()
        .and_then(|f| serde_json::from_str::<Vec<Finding>>(f).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|f| if app.config.mask { f.masked() } else { f })
        .collect();
    Ok((s, findings))
}

async fn status(State(app): Shared, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    if let Err(r) = authorized(&app, &headers) {
        return r;
    }
    let (s, findings) = match load(&app, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let summary = Summary::of(&findings);
    let done = s.status == "done";
    axum::Json(json!({
        "id": s.id,
        "site": s.site,
        "created": s.created,
        "status": s.status,
        "files": s.files,
        "error": s.error,
        "summary": done.then(|| json!({"error": summary.error, "warning": summary.warning, "notice": summary.notice})),
        "findings": done.then_some(&findings),
    }))
    .into_response()
}

/// The checked submission, or 409 while it is still being checked.
fn checked(app: &App, id: i64) -> Result<(crate::Submission, Vec<Finding>), Response> {
    let (s, f) = load(app, id)?;
    if s.status != "done" {
        return Err(error(
            StatusCode::CONFLICT,
            format!("submission {id} is {}: no report yet", s.status),
        ));
    }
    Ok((s, f))
}

async fn report_json(State(app): Shared, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    if let Err(r) = authorized(&app, &headers) {
        return r;
    }
    let (s, findings) = match checked(&app, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let tool = reports::json::Tool {
        name: "trialbridge",
        version: env!("CARGO_PKG_VERSION"),
        timestamp: &s.created,
    };
    let body = reports::json::render(tool, &s.files, &findings, app.config.mask);
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn report_xlsx(State(app): Shared, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    if let Err(r) = authorized(&app, &headers) {
        return r;
    }
    let (s, findings) = match checked(&app, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    match pipeline::report::xlsx(&s.created, None, &s.files, &findings, app.config.mask) {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"report.xlsx\"",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            e.0.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        ),
    }
}

/// Each of a site's submissions with what changed since the one before it that was checked.
async fn history(State(app): Shared, headers: HeaderMap, Path(site): Path<String>) -> Response {
    if let Err(r) = authorized(&app, &headers) {
        return r;
    }
    let entries = match crate::history::of_site(&app, &site) {
        Ok(Some(e)) => e,
        Ok(None) => {
            return error(
                StatusCode::NOT_FOUND,
                format!("no submission from site `{site}`"),
            );
        }
        Err(r) => return r,
    };
    let out: Vec<_> = entries
        .into_iter()
        .map(|e| {
            let s = e.submission;
            json!({
                "id": s.id,
                "created": s.created,
                "status": s.status,
                "files": s.files,
                "summary": e.summary.map(|n| json!({"error": n.error, "warning": n.warning, "notice": n.notice})),
                "changes": e.changes.map(|c| json!({
                    "since": c.since,
                    "new": c.new.len(), "fixed": c.fixed.len(), "open": c.open.len(),
                    "new_findings": c.new, "fixed_findings": c.fixed,
                })),
            })
        })
        .collect();
    axum::Json(json!({ "site": site, "submissions": out })).into_response()
}

async fn report_sarif(State(app): Shared, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    if let Err(r) = authorized(&app, &headers) {
        return r;
    }
    let (_, findings) = match checked(&app, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let body = reports::sarif::render(env!("CARGO_PKG_VERSION"), &findings, app.config.mask);
    ([(header::CONTENT_TYPE, "application/sarif+json")], body).into_response()
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
        .into_response()
}

/// Workers: each takes the oldest queued submission, checks it off the async runtime and
/// stores the findings; at most `workers` run at once. The queue lives in the database, so
/// however many arrive, none is dropped.
pub(crate) fn start_workers(app: Arc<App>) {
    let slots = Arc::new(tokio::sync::Semaphore::new(app.config.workers.max(1)));
    tokio::spawn(async move {
        loop {
            let Ok(permit) = slots.clone().acquire_owned().await else {
                break;
            };
            let a = app.clone();
            let claimed = tokio::task::spawn_blocking(move || a.store.claim()).await;
            match claimed {
                Ok(Ok(Some(id))) => {
                    let app = app.clone();
                    tokio::task::spawn_blocking(move || {
                        let _permit = permit;
                        check_one(&app, id);
                    });
                }
                Ok(Ok(None)) => {
                    drop(permit);
                    app.wake.notified().await;
                }
                // A database busy elsewhere: the submission stays queued; try again shortly.
                _ => {
                    drop(permit);
                    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                }
            }
        }
    });
}

fn check_one(app: &App, id: i64) {
    let outcome = app
        .store
        .files(id)
        .map_err(|e| e.to_string())
        .and_then(|files| {
            // A bug that panics on some workbook fails that submission, not the worker: the
            // page stops polling and says so, and the next submission is checked.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                check::run(&app.config.study, &files, app.config.max_inflated)
            }))
            .unwrap_or_else(|_| {
                Err("internal error while checking; the workbook is kept for a report".into())
            })
        })
        .and_then(|f| serde_json::to_string(&f).map_err(|e| e.to_string()));
    // A store that cannot record the outcome leaves the submission running; a restart
    // checks it again.
    let _ = app.store.finish(id, outcome);
}
