//! `trialbridge serve`: an HTTP service that takes site workbooks for a study, checks them on
//! a bounded pool of workers off the request path, keeps every submission in SQLite and
//! answers with the same findings `report.json` gives.
//!
//! The JSON API (described at `/api/openapi.json`):
//! - `POST /api/submissions`: a multipart upload of one or more workbooks, or a dataset
//!   package as a zip (field `file`, optional field `site`); 202 with the submission's id
//!   once it is fully stored.
//! - `GET /api/submissions/{id}`: status (`queued`, `running`, `done`, `failed`), files,
//!   the counts per severity and, when done, the findings.
//! - `GET /api/submissions/{id}/report.json`, `/report.sarif` and `/report.xlsx`: the
//!   reports `validate` writes, for that submission.
//! - `GET /api/sites/{site}/history`: the site's submissions, each with the findings new,
//!   fixed and still open since the site's previous checked submission.
//!
//! The page (`/`, `/submissions/{id}`) shows each submission's findings on its sheets' grids;
//! while a submission waits, the vendored htmx polls `/submissions/{id}/progress`.
//!
//! Loopback by default; with a token, every API call needs `Authorization: Bearer <token>`
//! and the page asks for a login.

mod api;
mod assets;
mod check;
mod history;
mod pages;
mod site;
mod store;

pub use check::{StudyCheck, workbook_extension};
pub use history::{Changes, compare};
pub use store::{Store, StoreError, Submission, Upload};

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// How the service is set up.
#[derive(Debug, Clone)]
pub struct Config {
    pub study: StudyCheck,
    /// Required bearer token for the API; `None` leaves it open (loopback only by default).
    pub token: Option<String>,
    /// Largest request body accepted, in bytes.
    pub max_upload: usize,
    /// Most files in one submission.
    pub max_files: usize,
    /// Submissions checked at once.
    pub workers: usize,
    /// Most bytes a zip package may unpack to.
    pub max_inflated: u64,
    /// Hide subject-level values in findings and reports, as `--mask` does.
    pub mask: bool,
}

impl Config {
    pub fn new(study: StudyCheck) -> Config {
        Config {
            study,
            token: None,
            max_upload: 64 << 20,
            max_files: 32,
            workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_inflated: formats::package::MAX_INFLATED,
            mask: false,
        }
    }
}

/// What the handlers share.
pub struct App {
    pub config: Config,
    pub store: Store,
    /// Wakes the workers when a submission is queued.
    wake: tokio::sync::Notify,
}

/// The service's routes over `store`, with its workers started on the current runtime; the
/// submissions a previous run left unchecked are queued again.
pub fn app(config: Config, store: Store) -> Result<axum::Router, StoreError> {
    store.requeue()?;
    let app = Arc::new(App {
        config,
        store,
        wake: tokio::sync::Notify::new(),
    });
    api::start_workers(app.clone());
    Ok(api::router(app))
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves until Ctrl-C: the database at `db` (created with its tables on first start).
pub fn serve(
    config: Config,
    db: PathBuf,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let store = Store::open(&db)?;
        let router = app(config, store)?;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind { addr, source })?;
        ready(listener.local_addr()?);
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
