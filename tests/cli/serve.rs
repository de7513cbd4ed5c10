//! `trialbridge serve` as a process: it listens where it says, answers over real HTTP, and
//! refuses to listen beyond loopback without a token.

use crate::{repo, stderr, trialbridge};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};

/// A raw HTTP/1.1 GET: (status line, body).
fn http_get(addr: &str, path: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text.lines().next().unwrap_or_default().to_owned();
    let body = text
        .split_once("\r\n\r\n")
        .map(|x| x.1)
        .unwrap_or_default()
        .to_owned();
    (status, body)
}

/// A `trialbridge serve` process for the example study on a free loopback port, its
/// database `db` in `dir`: the child, the first line it printed, and the address it listens on.
pub(crate) fn start(dir: &std::path::Path, db: &str) -> (Child, String, String) {
    let mut child = trialbridge(dir)
        .args(["serve", "--study"])
        .arg(repo().join("fixtures/umin000015469.study.toml"))
        .args(["--addr", "127.0.0.1:0", "--db", db])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    (child, line, addr)
}

#[test]
fn serve_listens_where_it_says_and_answers_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, line, addr) = start(dir.path(), "s.db");
    let (status, body) = http_get(&addr, "/api/openapi.json");
    let (missing, _) = http_get(&addr, "/api/submissions/7");
    child.kill().unwrap();
    let _ = child.wait();
    assert!(
        line.starts_with("serving study UMIN000015469 on http://127.0.0.1:"),
        "{line}"
    );
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("\"openapi\": \"3.1.0\""), "{body}");
    assert!(missing.contains("404"), "{missing}");
    assert!(
        dir.path().join("s.db").exists(),
        "the database is created on first start"
    );
}

#[test]
fn serve_beyond_loopback_needs_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let out = trialbridge(dir.path())
        .args(["serve", "--study"])
        .arg(repo().join("fixtures/umin000015469.study.toml"))
        .args(["--addr", "0.0.0.0:0"])
        .env_remove("TRIALBRIDGE_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("give --token"), "{}", stderr(&out));
}
