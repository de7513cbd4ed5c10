//! The JSON API end to end, in process: uploads of the example study's workbooks, the
//! checks the workers run, reports, refusals, tokens, restarts and concurrent uploads.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_workbook_gets_its_findings_on_its_cells_and_both_reports() {
    let app = serve::app(config(), serve::Store::in_memory().unwrap()).unwrap();
    let book = broken_site();
    let (s, b) = call(
        &app,
        post(
            &[
                ("site", None, b"02"),
                ("file", Some("site-02-mikatahara.xlsx"), &book),
            ],
            None,
        ),
    )
    .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&b));
    let id = json(&b)["id"].as_i64().unwrap();
    let v = done(&app, id).await;
    assert_eq!(v["status"], "done", "{v}");
    assert_eq!(v["site"], "02");
    assert_eq!(v["files"], serde_json::json!(["site-02-mikatahara.xlsx"]));
    let findings = v["findings"].as_array().unwrap();
    let labs = findings
        .iter()
        .find(|f| f["code"] == "SI0001")
        .unwrap_or_else(|| panic!("{v}"));
    // The cell of the `#N/A`, under the name the site uploaded, never a temporary path.
    assert_eq!(labs["source"]["file"], "site-02-mikatahara.xlsx");
    assert_eq!(labs["source"]["sheet"], "Labs");
    assert!(!v.to_string().contains("/tmp"), "{v}");
    assert!(v["summary"]["error"].as_u64().unwrap() >= 5, "{v}");
    let (s, b) = call(&app, get(&format!("/api/submissions/{id}/report.json"))).await;
    assert_eq!(s, StatusCode::OK);
    let report = json(&b);
    assert_eq!(report["findings"].as_array().unwrap().len(), findings.len());
    let (s, b) = call(&app, get(&format!("/api/submissions/{id}/report.xlsx"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(b.starts_with(b"PK"), "an xlsx is a zip");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_uploads_get_a_clear_4xx() {
    let mut cfg = config();
    cfg.max_upload = 200_000;
    cfg.max_files = 2;
    let app = serve::app(cfg, serve::Store::in_memory().unwrap()).unwrap();
    let msg = |b: &[u8]| json(b)["error"].as_str().unwrap().to_owned();
    let (s, b) = call(
        &app,
        post(&[("file", Some("notes.xlsx"), b"just text")], None),
    )
    .await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        msg(&b).contains("`notes.xlsx` is not a workbook"),
        "{}",
        msg(&b)
    );
    let (s, b) = call(&app, post(&[("site", None, b"01")], None)).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(msg(&b).contains("no workbook"), "{}", msg(&b));
    let (s, b) = call(&app, post(&[("data", Some("a.csv"), b"a,b\n")], None)).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(msg(&b).contains("unknown form field `data`"), "{}", msg(&b));
    let big = vec![b'a'; 300_000];
    let (s, b) = call(&app, post(&[("file", Some("big.csv"), &big)], None)).await;
    assert_eq!(
        s,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        String::from_utf8_lossy(&b)
    );
    let three: Vec<(&str, Option<&str>, &[u8])> = (0..3)
        .map(|_| ("file", Some("a.csv"), &b"a,b\n1,2\n"[..]))
        .collect();
    let (s, b) = call(&app, post(&three, None)).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(msg(&b).contains("at most 2 files"), "{}", msg(&b));
    let (s, _) = call(&app, get("/api/submissions/999")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, b) = call(&app, get("/api/openapi.json")).await;
    assert_eq!(s, StatusCode::OK);
    let doc = json(&b);
    assert_eq!(doc["openapi"], "3.1.0");
    for p in [
        "/api/submissions",
        "/api/submissions/{id}",
        "/api/submissions/{id}/report.xlsx",
    ] {
        assert!(doc["paths"][p].is_object(), "{p}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_guards_every_api_call() {
    let mut cfg = config();
    cfg.token = Some("s3cret".into());
    let app = serve::app(cfg, serve::Store::in_memory().unwrap()).unwrap();
    let csv = b"Subject ID,Age\n01-001,40\n";
    let (s, b) = call(&app, post(&[("file", Some("a.csv"), csv)], None)).await;
    assert_eq!(
        s,
        StatusCode::UNAUTHORIZED,
        "{}",
        String::from_utf8_lossy(&b)
    );
    let (s, _) = call(&app, post(&[("file", Some("a.csv"), csv)], Some("wrong"))).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, b) = call(&app, post(&[("file", Some("a.csv"), csv)], Some("s3cret"))).await;
    assert_eq!(s, StatusCode::ACCEPTED);
    let id = json(&b)["id"].as_i64().unwrap();
    let (s, _) = call(&app, get(&format!("/api/submissions/{id}"))).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_keeps_every_submission_and_checks_what_was_left_queued() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("serve.db");
    let book = broken_site();
    // Stored but never checked: the service stopped before a worker took it.
    let id = {
        let store = serve::Store::open(&db).unwrap();
        store
            .add(
                Some("02"),
                "2026-01-01T00:00:00Z",
                &[serve::Upload {
                    name: "site-02-mikatahara.xlsx".into(),
                    bytes: book.clone(),
                }],
            )
            .unwrap()
    };
    let app = serve::app(config(), serve::Store::open(&db).unwrap()).unwrap();
    let v = done(&app, id).await;
    assert_eq!(v["status"], "done");
    assert_eq!(v["created"], "2026-01-01T00:00:00Z");
    // The same bytes again are stored once.
    let (s, b) = call(&app, post(&[("file", Some("again.xlsx"), &book)], None)).await;
    assert_eq!(s, StatusCode::ACCEPTED);
    let again = json(&b)["id"].as_i64().unwrap();
    done(&app, again).await;
    drop(app);
    let store = serve::Store::open(&db).unwrap();
    assert_eq!(store.distinct_files().unwrap(), 1);
    assert_eq!(store.get(again).unwrap().unwrap().files, ["again.xlsx"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_uploads_each_get_their_own_submission() {
    let app = serve::app(config(), serve::Store::in_memory().unwrap()).unwrap();
    let mut tasks = Vec::new();
    for i in 0..4 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let csv = format!("Subject ID,Age\n01-00{i},4{i}\n");
            let name = format!("site-{i}.csv");
            let (s, b) = call(&app, post(&[("file", Some(&name), csv.as_bytes())], None)).await;
            assert_eq!(s, StatusCode::ACCEPTED);
            let id = json(&b)["id"].as_i64().unwrap();
            let v = done(&app, id).await;
            assert_eq!(v["files"][0], name);
            id
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await.unwrap());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sites_history_says_what_a_fixed_workbook_fixed() {
    let app = serve::app(config(), serve::Store::in_memory().unwrap()).unwrap();
    let broken = broken_site();
    let fixed =
        std::fs::read(repo().join("fixtures/umin000015469/site-02-mikatahara.xlsx")).unwrap();
    let mut ids = Vec::new();
    for (name, bytes) in [("site-02.xlsx", &broken), ("site-02 v2.xlsx", &fixed)] {
        let (s, b) = call(
            &app,
            post(&[("site", None, b"02"), ("file", Some(name), bytes)], None),
        )
        .await;
        assert_eq!(s, StatusCode::ACCEPTED);
        let id = json(&b)["id"].as_i64().unwrap();
        done(&app, id).await;
        ids.push(id);
    }
    let (s, b) = call(&app, get("/api/sites/02/history")).await;
    assert_eq!(s, StatusCode::OK);
    let h = json(&b);
    let subs = h["submissions"].as_array().unwrap();
    assert_eq!(subs.len(), 2);
    let first = &subs[0]["changes"];
    assert_eq!(first["since"], Value::Null);
    assert_eq!(first["fixed"], 0);
    let second = &subs[1]["changes"];
    assert_eq!(second["since"], ids[0]);
    let fixed_codes: Vec<&str> = second["fixed_findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(fixed_codes.contains(&"SI0001"), "{second}");
    assert!(
        second["new_findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["severity"] != "error"),
        "the fixed workbook brings no new error: {second}"
    );
    let (s, _) = call(&app, get("/api/sites/99/history")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The page of the second upload says what it fixed.
    let html = page(&app, &format!("/submissions/{}", ids[1])).await;
    assert!(
        html.contains(&format!(
            "<h2>Since submission <a href=\"/submissions/{}\">",
            ids[0]
        )),
        "{html}"
    );
    assert!(
        html.contains("<li class=\"fixed\">fixed: site-02.xlsx!Labs!E42: error[SI0001]"),
        "{html}"
    );
}

fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dataset_package_zip_is_checked_and_a_zip_bomb_refused() {
    let mut cfg = config();
    cfg.max_inflated = 4 << 20;
    let app = serve::app(cfg, serve::Store::in_memory().unwrap()).unwrap();
    let pilot = standards::reference_dir().join("cdiscpilot01/sdtm");
    let entries: Vec<(&str, Vec<u8>)> = ["dm.xpt", "ds.xpt"]
        .iter()
        .map(|n| (*n, std::fs::read(pilot.join(n)).unwrap()))
        .collect();
    let named: Vec<(String, Vec<u8>)> = entries
        .into_iter()
        .map(|(n, b)| (format!("sdtm/{n}"), b))
        .collect();
    let refs: Vec<(&str, Vec<u8>)> = named.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let z = zip_of(&refs);
    let (s, b) = call(&app, post(&[("file", Some("pilot.zip"), &z)], None)).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&b));
    let v = done(&app, json(&b)["id"].as_i64().unwrap()).await;
    assert_eq!(v["status"], "done", "{v}");
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(files.contains(&"pilot.zip!sdtm/dm.xpt"), "{files:?}");
    assert!(!v.to_string().contains("/tmp"), "{v}");
    let bomb = zip_of(&[("lb.xpt", vec![0u8; 16 << 20])]);
    let (s, b) = call(&app, post(&[("file", Some("bomb.zip"), &bomb)], None)).await;
    assert_eq!(
        s,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{} bytes: {}",
        bomb.len(),
        String::from_utf8_lossy(&b)
    );
    assert!(String::from_utf8_lossy(&b).contains("zip bomb"));
    let (s, _) = call(
        &app,
        post(
            &[(
                "file",
                Some("empty.zip"),
                &zip_of(&[("a.txt", b"x".to_vec())]),
            )],
            None,
        ),
    )
    .await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sarif_and_masked_reports() {
    let mut cfg = config();
    cfg.mask = true;
    let app = serve::app(cfg, serve::Store::in_memory().unwrap()).unwrap();
    let (s, b) = call(
        &app,
        post(&[("file", Some("site-02.xlsx"), &broken_site())], None),
    )
    .await;
    assert_eq!(s, StatusCode::ACCEPTED);
    let id = json(&b)["id"].as_i64().unwrap();
    let v = done(&app, id).await;
    // The impossible date is a subject value: masked, as `--mask` does in reports.
    assert!(!v.to_string().contains("2015-02-30"), "{v}");
    let (s, b) = call(&app, get(&format!("/api/submissions/{id}/report.sarif"))).await;
    assert_eq!(s, StatusCode::OK);
    let sarif = json(&b);
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
}
