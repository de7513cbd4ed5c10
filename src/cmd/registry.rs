//! `trialbridge registry INPUT --out DIR [--fhir r5,r4b] [--sdtm]`: one registry record
//! (CT.gov API v2 or classic JSON, CT.gov legacy XML, WHO ICTRP XML or a study TOML) to FHIR
//! resources and, with `--sdtm`, the SDTM trial-design datasets in `DIR/sdtm/`.
//!
//! All or nothing: everything is written into a staging folder beside `DIR` and put in place
//! only when every file was written. XPT files get ASCII text (the transliteration in
//! `docs/registry.md`, one RG0017 notice per changed value); Dataset-JSON keeps the text.

use crate::cli::RegistryArgs;
use crate::cmd::Ctx;
use crate::{Failure, Outcome};
use anyhow::anyhow;
use model::{Finding, Severity, Summary};
use pipeline::sink::{DatasetSink, Refusal};
use sdtm::trial_design::{self, Options};

const FHIR_VERSIONS: [&str; 2] = ["r5", "r4b"];

pub fn registry(ctx: &Ctx, args: &RegistryArgs) -> Result<Outcome, Failure> {
    // A typo in --fhir fails before anything is read or written.
    // `--fhir ""` asks for no FHIR output.
    for v in args.fhir.iter().filter(|v| !v.is_empty()) {
        if !FHIR_VERSIONS.contains(&v.as_str()) {
            return Err(anyhow!("unknown FHIR version `{v}` (use r5, r4b)").into());
        }
    }
    let record = ::registry::read_path(&args.input).map_err(|e| match e {
        ::registry::RegistryError::Io { .. } => anyhow!(e),
        other => anyhow!("{}: {other}", args.input.display()),
    })?;
    let source = args.input.file_name().map_or_else(
        || args.input.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut findings: Vec<Finding> = Vec::new();
    let mut written: Vec<String> = Vec::new();
    let wants_output = args.sdtm || args.fhir.iter().any(|v| !v.is_empty());
    let staged = if wants_output {
        Some(pipeline::output::StagedDir::create(&args.out)?)
    } else {
        None
    };
    let root = staged.as_ref().map_or(args.out.as_path(), |s| s.path());

    let versions: Vec<fhir::FhirVersion> = args
        .fhir
        .iter()
        .filter_map(|v| pipeline::fhir_out::parse_version(v))
        .collect();
    if !versions.is_empty() {
        let dir = root.join("fhir");
        let (files, notes) =
            pipeline::fhir_out::write(&ctx.stage(), &record, &versions, None, &dir)?;
        findings.extend(notes);
        written.push(format!("{} FHIR file(s)", files.len()));
    }

    if args.sdtm {
        let td = trial_design::build(&record, &Options::default());
        let dir = root.join("sdtm");
        // All or nothing: a dataset a format refuses fails the run and its staged folder.
        let sink = DatasetSink {
            timestamp: ctx.timestamp,
            dir: &dir,
            shown: "",
            refusal: Refusal::Fail,
        };
        for ds in td.datasets() {
            let (ascii, notes) = trial_design::xpt_copy(ds);
            let xpt = format!("sdtm/{}.xpt", ds.meta.name.to_ascii_lowercase());
            findings.extend(notes.into_iter().map(|f| f.in_file(xpt.clone())));
            findings.extend(sink.write(ascii.as_ref(), &["xpt"])?.findings);
            findings.extend(sink.write(ds, &["json"])?.findings);
            written.push(format!("{} ({})", ds.name(), ds.rows.len()));
        }
        findings.extend(td.findings.into_iter().map(|f| f.in_file(source.clone())));
    }

    if let Some(staged) = staged {
        staged.commit()?;
    }
    findings.sort();
    for f in &findings {
        let f = if ctx.mask { f.masked() } else { f.clone() };
        if !ctx.quiet || f.severity == Severity::Error {
            println!("{f}");
        }
    }
    let s = Summary::of(&findings);
    let id = record.display_id().unwrap_or("(no registry id)");
    let what = if written.is_empty() {
        format!("read {id} from {source}; nothing written (use --fhir or --sdtm)")
    } else {
        format!("wrote {} under {}", written.join(", "), args.out.display())
    };
    ctx.say(format!(
        "{what}; {} error(s), {} warning(s), {} notice(s)",
        s.error, s.warning, s.notice
    ));
    Ok(if s.error > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
