//! The page in process: each finding on its cell, escaping, forms, login, the vendored
//! htmx and the progress it polls.
#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use tower::ServiceExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_puts_each_finding_on_its_cell() {
    let app = serve::app(config(), serve::Store::in_memory().unwrap()).unwrap();
    let home = page(&app, "/").await;
    assert!(
        home.contains("<form method=\"post\" action=\"/submissions\""),
        "{home}"
    );
    let res = app
        .clone()
        .oneshot(post_form(
            &[
                ("site", None, b"02"),
                ("file", Some("site-02-mikatahara.xlsx"), &broken_site()),
            ],
            Some("http://127.0.0.1:8080"),
        ))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = to.trim_start_matches("/submissions/").parse().unwrap();
    done(&app, id).await;
    let html = page(&app, &to).await;
    assert!(
        !html.contains("http-equiv=\"refresh\""),
        "a checked page stops refreshing"
    );
    // The `#N/A` in Labs!E42: an error cell, its message on hover, the list linking to it.
    assert!(
        html.contains("<td id=\"c0-Labs-E42\" class=\"sev-error\" title=\"error[SI0001] Excel error `#N/A` in column `Result`\" tabindex=\"0\">#N/A</td>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#c0-Labs-E42\">site-02-mikatahara.xlsx!Labs!E42</a>"));
    // Counts per code and per sheet.
    assert!(
        html.contains("<tr><td>SI0034</td><td>error</td><td>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<tr><td>site-02-mikatahara.xlsx!Labs</td><td>2</td><td>0</td><td>0</td></tr>"
        ),
        "{html}"
    );
    assert!(
        html.contains("href=\"/api/submissions/1/report.xlsx\"")
            || html.contains(&format!("/api/submissions/{id}/report.xlsx"))
    );
    let home = page(&app, "/").await;
    assert!(home.contains(&format!("<a href=\"/submissions/{id}\">{id}</a>")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_escapes_what_sites_send_and_refuses_cross_site_forms() {
    let app = serve::app(config(), serve::Store::in_memory().unwrap()).unwrap();
    let name = "<script>alert(1)</script>.csv";
    let res = app
        .clone()
        .oneshot(post_form(&[("file", Some(name), b"a,b\n1,2\n")], None))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = to.trim_start_matches("/submissions/").parse().unwrap();
    done(&app, id).await;
    let html = page(&app, &to).await;
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62;.csv"),
        "{html}"
    );
    let (s, _) = call(
        &app,
        post_form(
            &[("file", Some("a.csv"), b"a\n")],
            Some("https://evil.example"),
        ),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_token_the_page_needs_a_login() {
    let mut cfg = config();
    cfg.token = Some("t0ken".into());
    let app = serve::app(cfg, serve::Store::in_memory().unwrap()).unwrap();
    let res = app.clone().oneshot(get("/")).await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/login");
    let login = |token: &str| {
        Request::post("/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!("token={token}")))
            .unwrap()
    };
    let res = app.clone().oneshot(login("wrong")).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = app.clone().oneshot(login("t0ken")).await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("t0ken"),
        "the cookie never holds the token"
    );
    let session = cookie.split(';').next().unwrap().to_owned();
    let with = |uri: &str| {
        Request::get(uri)
            .header("cookie", &session)
            .body(Body::empty())
            .unwrap()
    };
    let (s, b) = call(&app, with("/")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(String::from_utf8_lossy(&b).contains("<form method=\"post\" action=\"/submissions\""));
    // The page's download links work with the cookie; the API without either is refused.
    let (s, _) = call(&app, with("/api/submissions/1")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = call(&app, get("/api/submissions/1")).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

/// The `src` of every `<script>` in a page.
fn scripts(html: &str) -> Vec<String> {
    html.split("<script")
        .skip(1)
        .map(|tag| {
            tag.split_once("src=\"")
                .and_then(|(_, rest)| rest.split_once('"'))
                .map_or_else(String::new, |(src, _)| src.to_owned())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_runs_only_the_htmx_the_service_ships() {
    let app = serve::app(config(), serve::Store::in_memory().unwrap()).unwrap();
    let (_, headers, html) = send(&app, get("/")).await;
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let html = String::from_utf8(html).unwrap();
    // One script, from this service, never inline.
    let srcs = scripts(&html);
    assert_eq!(srcs.len(), 1, "{srcs:?}");
    assert!(srcs[0].starts_with("/assets/htmx-"), "{srcs:?}");
    let script_src = policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .unwrap();
    assert_eq!(script_src, "script-src 'self'");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");

    let (status, headers, js) = send(&app, get(&srcs[0])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/javascript; charset=utf-8");
    assert!(
        headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(js.starts_with(b"var htmx="), "not htmx");
    assert!(js.len() > 40_000, "htmx is {} bytes", js.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_progress_line_tells_htmx_to_reload_once_the_check_is_done() {
    let app = serve::app(config(), serve::Store::in_memory().unwrap()).unwrap();
    let book = broken_site();
    let (s, b) = call(
        &app,
        post_form(&[("file", Some("site-02-mikatahara.xlsx"), &book)], None),
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{}", String::from_utf8_lossy(&b));
    let id = 1;
    assert_eq!(done(&app, id).await["status"], "done");
    let (status, headers, fragment) = send(&app, get(&format!("/submissions/{id}/progress"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["hx-refresh"], "true");
    let fragment = String::from_utf8(fragment).unwrap();
    assert!(
        fragment.contains("<strong id=\"status\">done</strong>"),
        "{fragment}"
    );
    assert!(
        !fragment.contains("hx-get"),
        "a settled check is not polled: {fragment}"
    );
    // The page of a finished check neither polls nor refreshes itself.
    let html = page(&app, &format!("/submissions/{id}")).await;
    assert!(!html.contains("hx-trigger"), "{html}");
    assert!(!html.contains("http-equiv=\"refresh\""), "{html}");

    let (s, _) = call(&app, get("/submissions/99/progress")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sites_page_lists_its_submissions_with_what_each_fixed() {
    let app = serve::app(config(), serve::Store::in_memory().unwrap()).unwrap();
    let site = "02/<b>";
    let fixed =
        std::fs::read(repo().join("fixtures/umin000015469/site-02-mikatahara.xlsx")).unwrap();
    for book in [broken_site(), fixed] {
        let (s, b) = call(
            &app,
            post(
                &[
                    ("site", None, site.as_bytes()),
                    ("file", Some("site-02.xlsx"), &book),
                ],
                None,
            ),
        )
        .await;
        assert_eq!(s, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&b));
        done(&app, json(&b)["id"].as_i64().unwrap()).await;
    }
    // The index links the site by its name encoded as one path segment, shown escaped.
    let index = page(&app, "/").await;
    let href = "/sites/02%2F%3Cb%3E";
    assert!(
        index.contains(&format!("<a href=\"{href}\">02/&#60;b&#62;</a>")),
        "{index}"
    );
    let html = page(&app, href).await;
    assert!(
        html.contains("Site 02/&#60;b&#62;: every submission"),
        "{html}"
    );
    let rows: Vec<&str> = html.split("<tr><td>").skip(1).collect();
    assert_eq!(rows.len(), 2, "{html}");
    // Newest first: the fixed workbook's 12 fixes and no errors; then the broken one, all new.
    let cells = |row: &str| -> Vec<String> {
        row.split("<td>")
            .map(|c| c.split('<').next().unwrap_or_default().to_owned())
            .collect()
    };
    let (newest, oldest) = (cells(rows[0]), cells(rows[1]));
    assert_eq!(
        newest[3..],
        ["done", "0", "0", "1", "0", "12", "1"],
        "{newest:?}"
    );
    assert_eq!(
        oldest[3..],
        ["done", "12", "0", "1", "13", "0", "0"],
        "{oldest:?}"
    );
    let (s, _) = call(&app, get("/sites/nobody")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
