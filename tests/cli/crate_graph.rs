//! The crate graph runs one way, as the README's design section draws it: each crate sits on
//! a layer, and a crate depends only on crates of lower layers. A new crate, or a dependency
//! that points sideways or up (a sibling borrowed for a helper), fails here until the README
//! says where it belongs.

use std::collections::BTreeMap;
use std::process::Command;

/// The `layer N:` lines of the README's design section: crate → layer.
fn readme_layers() -> BTreeMap<String, usize> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut out = BTreeMap::new();
    for line in readme.lines() {
        let Some(rest) = line.strip_prefix("- layer ") else {
            continue;
        };
        let (n, crates) = rest.split_once(':').expect("`- layer N: crate, crate`");
        let n: usize = n.trim().parse().expect("a layer number");
        for c in crates.split(',') {
            let c = c.trim().trim_matches('`');
            assert!(out.insert(c.to_owned(), n).is_none(), "`{c}` on two layers");
        }
    }
    assert!(!out.is_empty(), "the README lists no layers");
    out
}

/// Workspace crate → the workspace crates it depends on (normal dependencies).
fn workspace_graph() -> BTreeMap<String, Vec<String>> {
    let o = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let short = |n: &str| n.strip_prefix("trialbridge-").unwrap_or(n).to_owned();
    let packages = m["packages"].as_array().unwrap();
    let names: Vec<String> = packages
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    packages
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["kind"].is_null())
                .filter_map(|d| d["name"].as_str())
                .filter(|d| names.iter().any(|n| n == d))
                .map(short)
                .collect();
            (short(p["name"].as_str().unwrap()), deps)
        })
        .collect()
}

#[test]
fn every_crate_depends_only_on_lower_layers_as_the_readme_draws_them() {
    let layers = readme_layers();
    let graph = workspace_graph();
    let mut wrong = Vec::new();
    for (krate, deps) in &graph {
        let Some(&at) = layers.get(krate) else {
            wrong.push(format!("`{krate}` is on no layer of the README"));
            continue;
        };
        for d in deps {
            match layers.get(d) {
                Some(&below) if below < at => {}
                Some(&other) => wrong.push(format!(
                    "`{krate}` (layer {at}) depends on `{d}` (layer {other})"
                )),
                None => wrong.push(format!("`{d}` is on no layer of the README")),
            }
        }
    }
    for listed in layers.keys() {
        if !graph.contains_key(listed) {
            wrong.push(format!("the README lists `{listed}`, which is no crate"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
