//! The page of one site's history: its submissions, oldest first, with what each fixed,
//! added and left open since the one before.

use crate::api::Shared;
use crate::pages::{guard, render};
use askama::Template;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

struct Row {
    id: i64,
    created: String,
    files: String,
    status: String,
    /// (errors, warnings, notices) once checked.
    counts: Option<(usize, usize, usize)>,
    /// (new, fixed, still open) once checked.
    changes: Option<(usize, usize, usize)>,
}

#[derive(Template)]
#[template(path = "site.html")]
struct SitePage {
    site: String,
    rows: Vec<Row>,
}

pub(crate) async fn page(
    axum::extract::State(app): Shared,
    headers: HeaderMap,
    Path(site): Path<String>,
) -> Response {
    if let Err(r) = guard(&app, &headers, false) {
        return r;
    }
    let (a, s) = (app.clone(), site.clone());
    let entries = match tokio::task::spawn_blocking(move || crate::history::of_site(&a, &s)).await {
        Ok(Ok(Some(e))) => e,
        Ok(Ok(None)) => {
            return crate::api::error(
                StatusCode::NOT_FOUND,
                format!("no submission from site `{site}`"),
            );
        }
        Ok(Err(r)) => return r,
        Err(e) => return crate::api::error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    };
    let rows = entries
        .into_iter()
        .map(|e| Row {
            id: e.submission.id,
            created: e.submission.created,
            files: e.submission.files.join(", "),
            status: e.submission.status,
            counts: e.summary.map(|n| (n.error, n.warning, n.notice)),
            changes: e
                .changes
                .map(|c| (c.new.len(), c.fixed.len(), c.open.len())),
        })
        .rev()
        .collect();
    render(&SitePage { site, rows })
}
