//! `serve`'s page in headless Chromium (Debian's chromium and chromedriver; `make test`
//! installs them): upload the broken example workbook, see its findings on the right cells,
//! follow a finding to its cell, download the xlsx report, upload the fixed workbook and see
//! the findings marked fixed. Screenshots go to target/screenshots/.

use crate::repo;
use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A child process ended when the test ends, however it ends.
struct Ended(Child);

impl Drop for Ended {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `serve` for the example study on a free port: (process, address).
fn serve(dir: &std::path::Path) -> (Ended, String) {
    let (child, _, addr) = crate::serve::start(dir, "serve.db");
    (Ended(child), addr)
}

fn chromedriver(port: u16) -> Ended {
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("chromedriver is not on PATH ({e}): `make test` installs it (Debian's package chromium-driver), or run `make browser`")
        });
    // Ready when it accepts connections.
    for _ in 0..100 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ended(child)
}

/// The bytes of a GET, headers dropped.
fn download(addr: &str, path: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    let at = all.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    all[at + 4..].to_vec()
}

async fn upload(c: &Client, addr: &str, workbook: &std::path::Path) {
    c.goto(&format!("http://{addr}/")).await.unwrap();
    let site = c.find(Locator::Css("input[name=site]")).await.unwrap();
    site.send_keys("02").await.unwrap();
    let file = c.find(Locator::Css("input[name=file]")).await.unwrap();
    file.send_keys(&workbook.display().to_string())
        .await
        .unwrap();
    c.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // With script on, the page's `<noscript>` refresh is inert: only the vendored htmx,
    // polling the status and reloading the page once the check is done, brings the counts.
    let htmx = c
        .execute("return typeof window.htmx", vec![])
        .await
        .unwrap();
    assert_eq!(htmx, serde_json::json!("object"), "htmx did not load");
    for _ in 0..300 {
        if c.find(Locator::Css("#n-error")).await.is_ok() {
            let status = c.find(Locator::Css("#status")).await.unwrap();
            assert_eq!(status.text().await.unwrap(), "done");
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the submission was not checked within a minute");
}

async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    let dir = repo().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), png).unwrap();
}

#[test]
fn a_data_manager_follows_findings_to_their_cells_and_sees_them_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let (_serve, addr) = serve(dir.path());
    let port = free_port();
    let _driver = chromedriver(port);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"]}),
        );
        let c = ClientBuilder::rustls()
            .unwrap()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap();
        let fixtures = repo().join("fixtures/umin000015469");
        upload(&c, &addr, &fixtures.join("broken/site-02-mikatahara.xlsx")).await;
        // The `#N/A` sits on Labs!E42, coloured as an error, its message on the cell.
        let cell = c.find(Locator::Css("td#c0-Labs-E42")).await.unwrap();
        assert_eq!(cell.attr("class").await.unwrap().as_deref(), Some("sev-error"));
        let title = cell.attr("title").await.unwrap().unwrap_or_default();
        assert!(title.contains("SI0001"), "{title}");
        assert_eq!(cell.text().await.unwrap(), "#N/A");
        // From the list to the cell.
        c.find(Locator::Css("a[href='#c0-Labs-E42']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let target = c
            .execute("return document.querySelector(':target').id", vec![])
            .await
            .unwrap();
        assert_eq!(target, "c0-Labs-E42");
        screenshot(&c, "serve-grid.png").await;
        // The xlsx report the page links to.
        let href = c
            .find(Locator::Css("a[href$='report.xlsx']"))
            .await
            .unwrap()
            .attr("href")
            .await
            .unwrap()
            .unwrap();
        assert!(download(&addr, &href).starts_with(b"PK"), "report.xlsx is a zip");
        // The site sends its fixed workbook.
        upload(&c, &addr, &fixtures.join("site-02-mikatahara.xlsx")).await;
        let fixed: usize = c
            .find(Locator::Css("#n-fixed"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .parse()
            .unwrap();
        assert!(fixed >= 5, "{fixed} fixed");
        let list = c.find(Locator::Css("ul.fixed")).await.unwrap().text().await.unwrap();
        assert!(list.contains("SI0001"), "{list}");
        screenshot(&c, "serve-fixed.png").await;
        c.close().await.unwrap();
    });
}
