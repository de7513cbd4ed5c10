//! What the service's tests share: the example study's set-up, multipart bodies, calls
//! into the router and polling until a submission is checked.
#![allow(clippy::unwrap_used, dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tower::ServiceExt;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn config() -> serve::Config {
    let study = serve::StudyCheck::load(&repo().join("fixtures/umin000015469.study.toml")).unwrap();
    serve::Config::new(study)
}

pub const BOUNDARY: &str = "trialbridge-test-boundary";

/// A multipart body: (field, file name, bytes) parts.
pub fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (field, file, bytes) in parts {
        body.extend(format!("--{BOUNDARY}\r\n").as_bytes());
        match file {
            Some(f) => body.extend(
                format!("Content-Disposition: form-data; name=\"{field}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            ),
            None => body.extend(format!("Content-Disposition: form-data; name=\"{field}\"\r\n\r\n").as_bytes()),
        }
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub async fn call(app: &Router, req: Request<Body>) -> (StatusCode, Vec<u8>) {
    let (status, _, bytes) = send(app, req).await;
    (status, bytes)
}

/// [`call`], keeping the answer's headers.
pub async fn send(app: &Router, req: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let res = app.clone().oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, bytes)
}

pub fn post(parts: &[(&str, Option<&str>, &[u8])], token: Option<&str>) -> Request<Body> {
    let mut r = Request::post("/api/submissions").header(
        "content-type",
        format!("multipart/form-data; boundary={BOUNDARY}"),
    );
    if let Some(t) = token {
        r = r.header("authorization", format!("Bearer {t}"));
    }
    r.body(Body::from(multipart(parts))).unwrap()
}

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

pub fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
}

/// Polls a submission until its workers are done with it.
pub async fn done(app: &Router, id: i64) -> Value {
    for _ in 0..600 {
        let (s, b) = call(app, get(&format!("/api/submissions/{id}"))).await;
        assert_eq!(s, StatusCode::OK);
        let v = json(&b);
        if v["status"] == "done" || v["status"] == "failed" {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("submission {id} was not checked within a minute");
}

pub fn broken_site() -> Vec<u8> {
    std::fs::read(repo().join("fixtures/umin000015469/broken/site-02-mikatahara.xlsx")).unwrap()
}

pub fn post_form(parts: &[(&str, Option<&str>, &[u8])], origin: Option<&str>) -> Request<Body> {
    let mut r = Request::post("/submissions")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("host", "127.0.0.1:8080");
    if let Some(o) = origin {
        r = r.header("origin", o);
    }
    r.body(Body::from(multipart(parts))).unwrap()
}

pub async fn page(app: &Router, uri: &str) -> String {
    let (s, b) = call(app, get(uri)).await;
    assert_eq!(s, StatusCode::OK, "{uri}");
    String::from_utf8(b).unwrap()
}
