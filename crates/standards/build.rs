//! The one place that knows where the standards folder is (see `standards-missing.txt`):
//! `TRIALBRIDGE_STANDARDS` if set (a relative path is taken from the workspace root), else
//! the default beside the repository (`default` below). From it, this script
//!
//! - stops the build with the message in `standards-missing.txt` when the folder or a part
//!   of it is missing (`build/parts.rs`);
//! - passes its canonical path on as `TRIALBRIDGE_STANDARDS_DIR` (`standards::reference_dir()`,
//!   for tests, examples and benches);
//! - cuts the CT tables out of the CDISC terminology files (`build/ct.rs`);
//! - embeds the FHIR and Dataset-JSON schemas (`build/embed.rs`);
//! - packs CDISC CORE's published rules and rule schema (`build/core.rs`).

#[path = "build/core.rs"]
mod core_rules;
#[path = "build/ct.rs"]
mod ct;
#[path = "build/embed.rs"]
mod embed;
#[path = "build/locate.rs"]
mod locate;
#[path = "build/parts.rs"]
mod parts;
#[path = "build/xml.rs"]
mod xml;

use std::path::{Path, PathBuf};

const HELP: &str = "standards-missing.txt";

fn main() {
    if let Err(message) = run() {
        // One message, no backtrace: cargo shows stderr under the failed build script.
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let workspace = manifest.join("../..");
    let workspace = workspace.canonicalize().unwrap_or(workspace);
    for own in ["build.rs", "build", HELP] {
        println!("cargo:rerun-if-changed={own}");
    }
    println!("cargo:rerun-if-env-changed={}", locate::ENV);

    let help = std::fs::read_to_string(manifest.join(HELP)).map_err(|e| format!("{HELP}: {e}"))?;
    let default = workspace.join("../shared/standards");
    let dir = locate::standards_dir(&workspace, &default, &help)?;
    let shown = dir.to_str().unwrap_or_default();
    println!("cargo:rustc-env=TRIALBRIDGE_STANDARDS_DIR={shown}");

    let reads: Vec<&str> = [ct::SDTM_OWL, ct::SDTM_CHANGES, ct::ADAM_ODM]
        .into_iter()
        .chain(embed::EMBEDDED.iter().map(|e| e.0))
        .collect();
    for file in &reads {
        println!("cargo:rerun-if-changed={}", dir.join(file).display());
    }
    let at = |file: &str, e: String| format!("{}: {e}", dir.join(file).display());
    let sdtm = ct::sdtm(&dir).map_err(|e| at(ct::SDTM_OWL, e))?;
    write(&out, "sdtm-ct-2022-03-25.tsv", &sdtm)?;
    let renames = ct::sdtm_renames(&dir).map_err(|e| at(ct::SDTM_CHANGES, e))?;
    write(&out, "sdtm-ct-2022-03-25-renames.tsv", &renames)?;
    let adam = ct::adam(&dir).map_err(|e| at(ct::ADAM_ODM, e))?;
    write(&out, "adam-ct-2021-12-17.tsv", &adam)?;
    embed::write_all(&dir, &out)?;
    println!(
        "cargo:rerun-if-changed={}",
        dir.join(core_rules::RULES).display()
    );
    core_rules::write_all(&dir, &out)
}

fn write(out: &Path, name: &str, text: &str) -> Result<(), String> {
    let path = out.join(name);
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}
