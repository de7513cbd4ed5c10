//! Command-line surface. Each subcommand's arguments live here; its work lives in `cmd/`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// The version and the commit this binary was built from.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("TRIALBRIDGE_COMMIT"),
    ")"
);

/// Site workbooks and registry exports to CDISC SDTM/ADaM, Define-XML and FHIR, validated.
///
/// Exit codes: 0 clean, 1 error-severity findings in the data, 2 trialbridge could not do
/// its job (bad arguments, unreadable input, a write that failed).
#[derive(Debug, Parser)]
#[command(name = "trialbridge", version = VERSION, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Print error causes in full and progress details.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// Print nothing but errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Timestamp written into outputs (RFC 3339 UTC like 2024-01-31T12:00:00Z, or UNIX
    /// seconds). Defaults to $SOURCE_DATE_EPOCH, else the current time. Fix it to make
    /// reruns byte-identical.
    #[arg(long, global = true, value_name = "TIME")]
    pub timestamp: Option<String>,
    /// Hide subject-level values in reports and messages.
    #[arg(long, global = true)]
    pub mask: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the whole pipeline for a study: site workbooks and registry record in, SDTM,
    /// ADaM, define.xml, FHIR, a validation report and endpoint summaries out.
    Run(RunArgs),
    /// Convert site workbooks to SDTM datasets with a mapping spec.
    Convert(ConvertArgs),
    /// Turn a registry export into FHIR ResearchStudy resources and SDTM trial design.
    Registry(RegistryArgs),
    /// Derive ADaM datasets and endpoint statistics from SDTM datasets.
    Adam(AdamArgs),
    /// Validate workbooks, datasets, define.xml and FHIR resources against the rule catalogue.
    Validate(ValidateArgs),
    /// Join the partial reports of `validate --shard I/N` into the report a single run gives.
    Merge(MergeArgs),
    /// Convert a dataset between XPT, Dataset-JSON (json, ndjson, dsjc) and CSV.
    Transcode(TranscodeArgs),
    /// Generate a Define-XML 2.1 document from a folder of datasets.
    Define(DefineArgs),
    /// List the conformance rules, or print one rule's documentation.
    Rules(RulesArgs),
    /// Write the embedded example study (study file, registry record, site workbooks,
    /// mapping specs) into a folder, to read, edit and run with `trialbridge run`.
    Example(ExampleArgs),
    /// Serve an upload API for a study's incoming site workbooks: each submission is
    /// checked off the request path and kept in SQLite (`/api/openapi.json` describes it).
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The study file whose mapping specs (and randomization workbook) submissions are
    /// checked against.
    #[arg(long)]
    pub study: PathBuf,
    /// Address to listen on; loopback unless you say otherwise.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// SQLite database file, created with its tables on first start.
    #[arg(long, default_value = "trialbridge-serve.db")]
    pub db: PathBuf,
    /// Bearer token every API call must send (or $TRIALBRIDGE_TOKEN).
    #[arg(long)]
    pub token: Option<String>,
    /// Largest upload in MB.
    #[arg(long, default_value_t = 64)]
    pub max_upload_mb: usize,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The study file (study.toml). Without it, the embedded example study (UMIN000015469,
    /// tacrolimus vs cyclosporin A in myositis-associated ILD) is run.
    pub study: Option<PathBuf>,
    /// Output folder; created if missing. Earlier good outputs are replaced only when the
    /// new file is complete.
    #[arg(long, short, default_value = "trialbridge-out")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExampleArgs {
    /// Folder to write into; created if missing. Files already there are never overwritten.
    #[arg(long, short)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// A mapping spec file or a folder of them (one TOML file per SDTM domain).
    #[arg(long, short)]
    pub mapping: PathBuf,
    /// Output folder for the SDTM datasets.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Run the input checks only; write no datasets.
    #[arg(long)]
    pub check_only: bool,
    /// Site workbooks (xlsx, xlsm, xlsb, xls, ods, csv, tsv).
    #[arg(required = true)]
    pub workbooks: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RegistryArgs {
    /// CT.gov API v2 or classic JSON, CT.gov legacy XML, WHO ICTRP XML or a study TOML record.
    pub input: PathBuf,
    /// Output folder.
    #[arg(long, short)]
    pub out: PathBuf,
    /// FHIR versions to write (`--fhir ""` for none).
    #[arg(long, value_delimiter = ',', default_value = "r5,r4b")]
    pub fhir: Vec<String>,
    /// Also write the SDTM trial-design datasets (TS, TA, TE, TI, TV).
    #[arg(long)]
    pub sdtm: bool,
}

#[derive(Debug, Args)]
pub struct AdamArgs {
    /// Folder of SDTM datasets.
    #[arg(long)]
    pub sdtm: PathBuf,
    /// Output folder for ADaM datasets and summaries.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Analysis spec folder (analyses/<study>/: analysis.toml, adsl.toml, ...). Without
    /// it, the example study's spec (UMIN000015469), which the binary carries.
    #[arg(long)]
    pub spec: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files or folders: datasets (XPT, Dataset-JSON, CSV), define.xml, FHIR JSON, registry
    /// records (CT.gov API v2 JSON, CT.gov legacy XML, WHO ICTRP XML) and, with --mapping,
    /// site workbooks (xlsx, xlsm, xlsb, xls, ods). Folders are searched recursively.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Mapping folder to check site workbooks against: each workbook is run through the
    /// study's specs (nothing written) and every input problem reported with its cell.
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// A study-wide workbook (e.g. the randomization list) read together with each site
    /// workbook; repeatable.
    #[arg(long = "with", value_name = "WORKBOOK", requires = "mapping")]
    pub with: Vec<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Only these codes or families (e.g. SDT0013,SDT,CORE-000001,CORE,DX); any code a
    /// finding can carry, not only rules (RL findings on unreadable inputs are always kept).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these codes or families (`CORE` skips every CDISC CORE rule, `FM0030` a notice
    /// raised while reading).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Also run these CORE-format rules: a rule.yml/.yaml file or a folder of them;
    /// repeatable. They run whatever standards they cite.
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// The standard the datasets follow, e.g. sdtmig-3.4; it chooses the CORE rules that
    /// apply and whether the rules built from IG metadata run (only for the embedded SDTMIG 3.4
    /// and ADaMIG 1.3). Default: a CORE test case's .env, else what define.xml claims, else
    /// ADaMIG 1.3 for ADaM datasets and SDTMIG 3.4 for the others.
    #[arg(long)]
    pub standard: Option<String>,
    /// The CT version the datasets follow, e.g. 2022-03-25. Default: what define.xml 2.1
    /// claims. A term missing from the embedded CT is an error only when this is the embedded
    /// version (SDTM CT 2022-03-25, ADaM CT 2021-12-17); otherwise a warning naming both.
    #[arg(long, value_name = "VERSION")]
    pub ct: Option<String>,
    /// Check every FHIR file as this version. Default: decided per file from its content
    /// (fhirVersion, meta.profile, version-specific elements) or a package.json beside it,
    /// and reported (FH0072). R4 is checked with the R4 schema and the R4B checks.
    #[arg(long, value_enum, value_name = "VERSION")]
    pub fhir_version: Option<FhirRelease>,
    /// Pass over files of no kind validate checks (a notice each) instead of failing
    /// (exit 2) on them.
    #[arg(long)]
    pub skip_unknown: bool,
    /// Check only share INDEX of COUNT of the inputs (counted from 0: 0/3, 1/3, 2/3), for
    /// one job of a batch scheduler's array; write each share with --format json and join
    /// them with `trialbridge merge`. Give every job the same --timestamp.
    #[arg(long, value_name = "INDEX/COUNT")]
    pub shard: Option<pipeline::validate::shard::Shard>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The parts: the `validate --shard I/N --format json` reports of one run, one per shard.
    #[arg(required = true)]
    pub parts: Vec<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Where a report goes and in what format.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Report format: text, json, sarif and csv go to standard output unless --output is
    /// given; xlsx and html need --output.
    #[arg(long, default_value = "text", value_parser = ["text", "json", "sarif", "csv", "xlsx", "html"])]
    pub format: String,
    /// Write the report in --format to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Also write report.json, report.xlsx and report.html into this folder.
    #[arg(long)]
    pub report_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TranscodeArgs {
    /// Input dataset: .xpt, .json, .ndjson, .dsjc or .csv.
    pub input: PathBuf,
    /// Output dataset; the format follows the extension.
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct DefineArgs {
    /// Folder of datasets (XPT or Dataset-JSON).
    #[arg(long = "in")]
    pub input: PathBuf,
    /// The define.xml to write.
    #[arg(long, short)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule code (e.g. SD0001); without it, the whole catalogue is listed.
    pub code: Option<String>,
}

/// `--fhir-version`: the releases `validate` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FhirRelease {
    R4,
    R4b,
    R5,
}

impl From<FhirRelease> for fhir::release::Release {
    fn from(r: FhirRelease) -> Self {
        match r {
            FhirRelease::R4 => Self::R4,
            FhirRelease::R4b => Self::R4b,
            FhirRelease::R5 => Self::R5,
        }
    }
}
