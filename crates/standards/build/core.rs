//! CDISC CORE's published rules (`cdisc-core/rules/*/rule.yml`) and the rule schema
//! (`cdisc-core/schema/*.json`), packed for `src/cdisc_core.rs`: each file as
//! `name US text RS`, the whole deflated. The commits they were taken at come from the
//! folder's README so reports can cite them.

use flate2::Compression;
use flate2::write::DeflateEncoder;
use std::io::Write;
use std::path::Path;

pub const RULES: &str = "cdisc-core/rules";
pub const SCHEMA: &str = "cdisc-core/schema";
pub const README: &str = "cdisc-core/README.md";
const LICENCES: [&str; 2] = ["LICENSE-cdisc-open-rules", "LICENSE-cdisc-rules-engine"];
/// Separators no YAML or JSON text of the rules contains (checked while packing).
const UNIT: char = '\u{1f}';
const RECORD: char = '\u{1e}';

pub fn write_all(standards: &Path, out: &Path) -> Result<(), String> {
    let rules = standards.join(RULES);
    let mut names = list(&rules, |p| p.join("rule.yml").is_file())?;
    names.sort();
    let files: Vec<(String, std::path::PathBuf)> = names
        .into_iter()
        .map(|n| (n.clone(), rules.join(n).join("rule.yml")))
        .collect();
    pack(&files, &out.join("cdisc-core-rules.deflate"))?;

    let schema = standards.join(SCHEMA);
    let mut names = list(&schema, |p| p.extension().is_some_and(|e| e == "json"))?;
    names.sort();
    let files: Vec<_> = names.iter().map(|n| (n.clone(), schema.join(n))).collect();
    pack(&files, &out.join("cdisc-core-schema.deflate"))?;

    // MIT asks that the notice travels with the copies: embedded whole.
    for licence in LICENCES {
        let from = standards.join("cdisc-core").join(licence);
        std::fs::copy(&from, out.join(licence)).map_err(|e| format!("{}: {e}", from.display()))?;
    }

    let readme_path = standards.join(README);
    let readme = std::fs::read_to_string(&readme_path)
        .map_err(|e| format!("{}: {e}", readme_path.display()))?;
    let commits = commits(&readme);
    let [rules_commit, engine_commit] = commits.as_slice() else {
        return Err(format!(
            "{}: expected the two source commits (rules, engine), found {}",
            readme_path.display(),
            commits.len()
        ));
    };
    println!("cargo:rustc-env=TRIALBRIDGE_CORE_RULES_COMMIT={rules_commit}");
    println!("cargo:rustc-env=TRIALBRIDGE_CORE_ENGINE_COMMIT={engine_commit}");
    Ok(())
}

/// Entries of `dir` (names) for which `keep` holds.
fn list(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        if keep(&entry.path()) {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    Ok(names)
}

fn pack(files: &[(String, std::path::PathBuf)], target: &Path) -> Result<(), String> {
    let mut text = String::new();
    for (name, path) in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let body = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if body.contains([UNIT, RECORD]) {
            return Err(format!("{}: holds a packing separator", path.display()));
        }
        text.push_str(name);
        text.push(UNIT);
        text.push_str(&body);
        text.push(RECORD);
    }
    let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
    let bytes = enc
        .write_all(text.as_bytes())
        .and_then(|()| enc.finish())
        .map_err(|e| e.to_string())?;
    std::fs::write(target, bytes).map_err(|e| format!("{}: {e}", target.display()))
}

/// 40-hex-digit words of the README, in order.
fn commits(readme: &str) -> Vec<&str> {
    readme
        .split(|c: char| !c.is_ascii_hexdigit())
        .filter(|w| w.len() == 40)
        .collect()
}
