//! Writes the R5 and R4B ResearchStudy and Bundle of every registry fixture and every CT.gov
//! record in the standards folder into DIR, for `tests/interop/fhir_check.py` to read with fhir.resources:
//! `DIR/r5/<record>.study.json`, `DIR/r5/<record>.bundle.json`, the same under `DIR/r4b/`.

use fhir::{BundleKind, DmRow, FhirVersion, Options};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn records(repo: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let ctgov = standards::reference_dir().join("ctgov");
    for dir in [
        repo.join("fixtures/registry"),
        ctgov.join("api-v2-json"),
        ctgov.join("legacy-xml"),
    ] {
        let rd = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for p in rd.flatten().map(|e| e.path()) {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if matches!(ext, "json" | "toml" | "xml") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn run(dir: &Path) -> Result<usize, String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dm = [DmRow {
        usubjid: "INTEROP-001".into(),
        armcd: String::new(),
        actarmcd: String::new(),
        rficdtc: "2020-01-15".into(),
    }];
    let mut written = 0;
    for path in records(&repo)? {
        let rec = registry::read_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("record")
            .to_owned();
        for (v, sub) in [(FhirVersion::R5, "r5"), (FhirVersion::R4B, "r4b")] {
            let out = dir.join(sub);
            std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
            let collection = Options::default();
            let transaction = Options {
                bundle: BundleKind::Transaction,
                id: None,
            };
            let study = match v {
                FhirVersion::R5 => fhir::research_study_r5(&rec, &collection),
                FhirVersion::R4B => fhir::research_study_r4b(&rec, &collection),
            };
            let files = [
                ("study", study),
                ("bundle", fhir::bundle(&rec, v, &dm, &collection)),
                ("transaction", fhir::bundle(&rec, v, &dm, &transaction)),
            ];
            for (kind, res) in files {
                let res = res.map_err(|e| format!("{}: {e}", path.display()))?;
                let file = out.join(format!("{stem}.{kind}.json"));
                std::fs::write(&file, res.json).map_err(|e| format!("{}: {e}", file.display()))?;
                written += 1;
            }
        }
    }
    Ok(written)
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: fhir_interop_fixtures DIR");
        return ExitCode::from(2);
    };
    match run(Path::new(&dir)) {
        Ok(n) => {
            println!("wrote {n} FHIR files to {}", Path::new(&dir).display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fhir_interop_fixtures: {e}");
            ExitCode::from(2)
        }
    }
}
