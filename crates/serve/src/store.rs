//! Submissions in SQLite: each file stored once by its SHA-256, a submission and its files
//! written in one transaction (so a crash mid-upload leaves nothing half visible), findings
//! kept as the JSON report gives them. Migrations run on open.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Mutex;

/// Each migration once, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: [&str; 1] = ["
    CREATE TABLE file (
        sha256 TEXT PRIMARY KEY,
        bytes BLOB NOT NULL
    );
    CREATE TABLE submission (
        id INTEGER PRIMARY KEY,
        site TEXT,
        created TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        findings TEXT,
        error TEXT
    );
    CREATE TABLE submission_file (
        submission INTEGER NOT NULL REFERENCES submission(id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES file(sha256),
        PRIMARY KEY (submission, position)
    );
"];

#[derive(Debug, thiserror::Error)]
#[error("database: {0}")]
pub struct StoreError(#[from] rusqlite::Error);

/// An uploaded file: the name the client gave (shown, never a path) and its bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Submission {
    pub id: i64,
    pub site: Option<String>,
    pub created: String,
    pub status: String,
    pub files: Vec<String>,
    /// The findings as `report.json` lists them, once checked.
    #[serde(skip)]
    pub findings: Option<String>,
    pub error: Option<String>,
}

pub struct Store {
    db: Mutex<Connection>,
}

impl Store {
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let db = Connection::open(path)?;
        Store::migrate(db)
    }

    pub fn in_memory() -> Result<Store, StoreError> {
        Store::migrate(Connection::open_in_memory()?)
    }

    fn migrate(mut db: Connection) -> Result<Store, StoreError> {
        db.pragma_update(None, "foreign_keys", "ON")?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        let done: usize = db.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (i, m) in MIGRATIONS.iter().enumerate().skip(done) {
            let tx = db.transaction()?;
            tx.execute_batch(m)?;
            tx.pragma_update(None, "user_version", i + 1)?;
            tx.commit()?;
        }
        Ok(Store { db: Mutex::new(db) })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves a consistent database (transactions roll
        // back), so the poison is cleared rather than passed on.
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Stores the files and a queued submission in one transaction; returns its id.
    pub fn add(
        &self,
        site: Option<&str>,
        created: &str,
        files: &[Upload],
    ) -> Result<i64, StoreError> {
        let mut db = self.lock();
        let tx = db.transaction()?;
        tx.execute(
            "INSERT INTO submission (site, created, status) VALUES (?1, ?2, 'queued')",
            params![site, created],
        )?;
        let id = tx.last_insert_rowid();
        for (i, f) in files.iter().enumerate() {
            let hash = format!("{:x}", Sha256::digest(&f.bytes));
            tx.execute(
                "INSERT OR IGNORE INTO file (sha256, bytes) VALUES (?1, ?2)",
                params![hash, f.bytes],
            )?;
            tx.execute(
                "INSERT INTO submission_file (submission, position, name, sha256) VALUES (?1, ?2, ?3, ?4)",
                params![id, i as i64, f.name, hash],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    pub fn get(&self, id: i64) -> Result<Option<Submission>, StoreError> {
        let db = self.lock();
        let row = db
            .query_row(
                "SELECT id, site, created, status, findings, error FROM submission WHERE id = ?1",
                params![id],
                |r| {
                    Ok(Submission {
                        id: r.get(0)?,
                        site: r.get(1)?,
                        created: r.get(2)?,
                        status: r.get(3)?,
                        files: Vec::new(),
                        findings: r.get(4)?,
                        error: r.get(5)?,
                    })
                },
            )
            .optional()?;
        let Some(mut s) = row else { return Ok(None) };
        let mut q =
            db.prepare("SELECT name FROM submission_file WHERE submission = ?1 ORDER BY position")?;
        s.files = q
            .query_map(params![id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(Some(s))
    }

    /// A submission's files, in upload order.
    pub fn files(&self, id: i64) -> Result<Vec<Upload>, StoreError> {
        let db = self.lock();
        let mut q = db.prepare(
            "SELECT sf.name, f.bytes FROM submission_file sf JOIN file f ON f.sha256 = sf.sha256 \
             WHERE sf.submission = ?1 ORDER BY sf.position",
        )?;
        let rows = q.query_map(params![id], |r| {
            Ok(Upload {
                name: r.get(0)?,
                bytes: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Takes the oldest queued submission for checking (marks it running); `None` when
    /// nothing waits. The queue is the table itself, so no submission waits on a restart.
    pub fn claim(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .lock()
            .query_row(
                "UPDATE submission SET status = 'running' WHERE id = \
                 (SELECT min(id) FROM submission WHERE status = 'queued') RETURNING id",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// How many queued submissions will be checked before `id`.
    pub fn ahead(&self, id: i64) -> Result<i64, StoreError> {
        Ok(self.lock().query_row(
            "SELECT count(*) FROM submission WHERE status = 'queued' AND id < ?1",
            params![id],
            |r| r.get(0),
        )?)
    }

    pub fn finish(&self, id: i64, findings: Result<String, String>) -> Result<(), StoreError> {
        let (status, f, e) = match findings {
            Ok(f) => ("done", Some(f), None),
            Err(e) => ("failed", None, Some(e)),
        };
        self.lock().execute(
            "UPDATE submission SET status = ?2, findings = ?3, error = ?4 WHERE id = ?1",
            params![id, status, f, e],
        )?;
        Ok(())
    }

    /// Puts back in the queue what a previous run was checking when it stopped; returns
    /// how many submissions wait.
    pub fn requeue(&self) -> Result<i64, StoreError> {
        let db = self.lock();
        db.execute(
            "UPDATE submission SET status = 'queued' WHERE status = 'running'",
            [],
        )?;
        Ok(db.query_row(
            "SELECT count(*) FROM submission WHERE status = 'queued'",
            [],
            |r| r.get(0),
        )?)
    }

    /// The newest submissions' ids, newest first.
    pub fn recent(&self, n: usize) -> Result<Vec<i64>, StoreError> {
        let db = self.lock();
        let mut q = db.prepare("SELECT id FROM submission ORDER BY id DESC LIMIT ?1")?;
        let ids = q.query_map(params![n as i64], |r| r.get(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }

    /// The ids of a site's submissions, oldest first.
    pub fn of_site(&self, site: &str) -> Result<Vec<i64>, StoreError> {
        let db = self.lock();
        let mut q = db.prepare("SELECT id FROM submission WHERE site = ?1 ORDER BY id")?;
        let ids = q.query_map(params![site], |r| r.get(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }

    /// How many distinct files are stored (uploads of the same bytes share one).
    pub fn distinct_files(&self) -> Result<i64, StoreError> {
        Ok(self
            .lock()
            .query_row("SELECT count(*) FROM file", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn queued(store: &Store, n: usize) {
        for i in 0..n {
            let book = Upload {
                name: format!("site-{i}.xlsx"),
                bytes: vec![i as u8],
            };
            store.add(None, "2026-12-07T00:00:00Z", &[book]).unwrap();
        }
    }

    #[test]
    fn the_queue_is_first_in_first_out_and_says_who_waits_ahead() {
        let store = Store::in_memory().unwrap();
        queued(&store, 3);
        assert_eq!(store.ahead(3).unwrap(), 2);
        assert_eq!(store.claim().unwrap(), Some(1));
        assert_eq!(store.get(1).unwrap().unwrap().status, "running");
        assert_eq!(store.ahead(3).unwrap(), 1);
        assert_eq!(store.ahead(2).unwrap(), 0);
        assert_eq!(store.claim().unwrap(), Some(2));
        assert_eq!(store.claim().unwrap(), Some(3));
        assert_eq!(store.claim().unwrap(), None);
    }

    #[test]
    fn a_restart_queues_again_what_was_running_and_leaves_what_finished() {
        let store = Store::in_memory().unwrap();
        queued(&store, 3);
        let first = store.claim().unwrap().unwrap();
        store.finish(first, Ok("[]".into())).unwrap();
        store.claim().unwrap();
        assert_eq!(store.requeue().unwrap(), 2);
        assert_eq!(store.get(2).unwrap().unwrap().status, "queued");
        assert_eq!(store.get(1).unwrap().unwrap().status, "done");
        assert_eq!(store.claim().unwrap(), Some(2));
    }
}
