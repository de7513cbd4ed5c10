//! SDTM trial-design datasets (TS, TA, TE, TI, TV) from a registry record, and the
//! registry-vs-data cross-checks.
//!
//! ```no_run
//! use sdtm::trial_design::{Options, PlannedVisit, build};
//! let record = registry::read_path("fixtures/registry/umin000015469.toml")?;
//! let opts = Options {
//!     visits: PlannedVisit::weeks(&[0, 4, 12, 24, 36, 52]),
//!     ..Options::default()
//! };
//! let td = build(&record, &opts);
//! for ds in td.datasets() {
//!     println!("{}: {} records", ds.name(), ds.rows.len());
//! }
//! # Ok::<(), registry::RegistryError>(())
//! ```
//!
//! A registry answers only part of what the datasets hold. What it does not answer is said,
//! never guessed: a TS parameter the record leaves empty gets a null `TSVAL` and an ISO 21090
//! null flavor in `TSVALNF` (`NI` no information, `UNK` applies but not yet known, `NA` not
//! applicable to this kind of study, `PINF` no upper age limit), and an `RG` notice.
//!
//! ## Finding codes
//!
//! `RG` — building the trial design from the record ([`build`]):
//!
//! | code | severity | meaning |
//! |---|---|---|
//! | RG0001 | warning | the record has no registry id or protocol number: STUDYID is `UNKNOWN` (pass [`Options::studyid`]) |
//! | RG0002 | notice | a TS parameter the record gives no value for: TSVAL null, TSVALNF set |
//! | RG0003 | warning | a registry value with no term in the CDISC CT codelist (e.g. phase `UNKNOWN`, `PHASE1, PHASE3`): TSVALNF `UNK` |
//! | RG0004 | notice | a lossy mapping onto CT (triple masking → `DOUBLE BLIND`, early phase 1 → `PHASE 0 TRIAL`) |
//! | RG0005 | notice | a TSVAL over 200 characters, split into TSVAL, TSVAL1, ... (SDTMIG 3.4 §7.6.1) |
//! | RG0006 | notice | a date the registry gives as anticipated only: the actual date is `UNK` |
//! | RG0007 | notice | enrollment without actual/anticipated: taken as actual when the study has ended, else as planned |
//! | RG0008 | notice | a value left uncoded: registries carry no SNOMED CT (INDIC) or UNII (TRT, COMPTRT) codes |
//! | RG0009 | notice | a country with no ISO 3166-1 alpha-3 code known: FCNTRY keeps the name, TSVALCD null |
//! | RG0010 | warning | an age limit whose number cannot be read: AGEMIN/AGEMAX `UNK` |
//! | RG0011 | notice | the record has no arms: TA and TE are empty |
//! | RG0012 | notice | two arm labels give the same ARMCD: a suffix (`_2`) keeps codes unique |
//! | RG0013 | notice | an arm names no intervention: its treatment element is named after the arm |
//! | RG0014 | notice | the record has no inclusion or exclusion criteria: TI is empty |
//! | RG0015 | notice | a value over 200 characters (IETEST, ELEMENT, ...) cut at a word boundary |
//! | RG0016 | notice | no visit schedule (registries have none; pass [`Options::visits`]): no TV |
//! | RG0017 | notice | a non-ASCII value transliterated in the XPT file ([`xpt_copy`]); Dataset-JSON keeps the text |
//!
//! `XC` — registry record vs study data ([`cross_check`]):
//!
//! | code | severity | meaning |
//! |---|---|---|
//! | XC0001 | warning | actual enrollment in the registry ≠ subjects randomized in DM (ARMCD not null, `SCRNFAIL`, `NOTASSGN`) |
//! | XC0002 | notice | planned enrollment ≠ subjects randomized in DM |
//! | XC0003 | warning | a registry arm with no DM arm of the same name or ARMCD |
//! | XC0004 | warning | a DM arm with no registry arm of the same name or ARMCD |
//! | XC0005 | notice | a registry arm matched to DM by ARMCD only: the names differ |
//! | XC0006 | warning | the registry's phase is not TS.TPHASE |
//! | XC0007 | warning | the earliest RFICDTC is before the registered study start |
//! | XC0008 | notice | the earliest RFICDTC is after the registered study start (at the registry's precision) |
//! | XC0009 | warning | the ADTTE horizon runs past the longest primary-outcome time frame (by > 10 %, at least 14 days) |
//! | XC0010 | notice | the ADTTE horizon ends before 90 % of the longest primary-outcome time frame |
//! | XC0011 | notice | a check that could not run on the inputs given (no DM column, no readable time frame) |

mod ascii;
mod country;
mod cross;
mod duration;
mod ta_te;
mod table;
mod ti;
mod ts;
mod ts_rows;
mod ts_values;
mod tv;

// The rule lives in `registry` so that FHIR link ids and TA.ARMCD cannot drift apart.
pub use ascii::xpt_copy;
pub use cross::cross_check;
pub use duration::{age_duration, time_frame_days};
pub use registry::armcd::{armcd_for, armcds_for};
pub use tv::PlannedVisit;

use model::{Dataset, Finding};
use registry::StudyRecord;

/// The finding codes of this module; see the tables in the module documentation.
pub mod codes {
    pub const RG_NO_STUDYID: &str = "RG0001";
    pub const RG_NO_VALUE: &str = "RG0002";
    pub const RG_NOT_IN_CT: &str = "RG0003";
    pub const RG_LOSSY: &str = "RG0004";
    pub const RG_SPLIT: &str = "RG0005";
    pub const RG_PLANNED_ONLY: &str = "RG0006";
    pub const RG_ENROLLMENT_TYPE: &str = "RG0007";
    pub const RG_NOT_CODED: &str = "RG0008";
    pub const RG_COUNTRY: &str = "RG0009";
    pub const RG_AGE: &str = "RG0010";
    pub const RG_NO_ARMS: &str = "RG0011";
    pub const RG_ARMCD_SUFFIX: &str = "RG0012";
    pub const RG_ARM_NO_INTERVENTION: &str = "RG0013";
    pub const RG_NO_CRITERIA: &str = "RG0014";
    pub const RG_TEXT_CLIPPED: &str = "RG0015";
    pub const RG_NO_VISITS: &str = "RG0016";
    pub const RG_ASCII: &str = "RG0017";

    pub const XC_ACTUAL_ENROLLMENT: &str = "XC0001";
    pub const XC_PLANNED_ENROLLMENT: &str = "XC0002";
    pub const XC_ARM_NOT_IN_DM: &str = "XC0003";
    pub const XC_ARM_NOT_IN_REGISTRY: &str = "XC0004";
    pub const XC_ARM_NAME: &str = "XC0005";
    pub const XC_PHASE: &str = "XC0006";
    pub const XC_CONSENT_BEFORE_START: &str = "XC0007";
    pub const XC_CONSENT_AFTER_START: &str = "XC0008";
    pub const XC_HORIZON_LONG: &str = "XC0009";
    pub const XC_HORIZON_SHORT: &str = "XC0010";
    pub const XC_NOT_CHECKED: &str = "XC0011";

    /// Every code, for the rule catalogue and for the test that keeps this list and the
    /// module documentation in step.
    pub const ALL: [&str; 28] = [
        RG_NO_STUDYID,
        RG_NO_VALUE,
        RG_NOT_IN_CT,
        RG_LOSSY,
        RG_SPLIT,
        RG_PLANNED_ONLY,
        RG_ENROLLMENT_TYPE,
        RG_NOT_CODED,
        RG_COUNTRY,
        RG_AGE,
        RG_NO_ARMS,
        RG_ARMCD_SUFFIX,
        RG_ARM_NO_INTERVENTION,
        RG_NO_CRITERIA,
        RG_TEXT_CLIPPED,
        RG_NO_VISITS,
        RG_ASCII,
        XC_ACTUAL_ENROLLMENT,
        XC_PLANNED_ENROLLMENT,
        XC_ARM_NOT_IN_DM,
        XC_ARM_NOT_IN_REGISTRY,
        XC_ARM_NAME,
        XC_PHASE,
        XC_CONSENT_BEFORE_START,
        XC_CONSENT_AFTER_START,
        XC_HORIZON_LONG,
        XC_HORIZON_SHORT,
        XC_NOT_CHECKED,
    ];
}

/// What the registry record cannot say but the protocol can.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// STUDYID; by default the registry id, else the sponsor's protocol number.
    pub studyid: Option<String>,
    /// The planned visits; TV is built only when there are some.
    pub visits: Vec<PlannedVisit>,
    /// Planned treatment duration (ISO 8601, e.g. `P52W`): TEDUR of the treatment elements.
    pub treatment_duration: Option<String>,
    /// Planned follow-up after treatment (ISO 8601, e.g. `P4W`): adds the FU element; an
    /// empty string adds it with no planned duration.
    pub follow_up: Option<String>,
}

/// The trial-design datasets of one study and what could not be mapped.
#[derive(Debug, Clone)]
pub struct TrialDesign {
    pub ts: Dataset,
    pub ta: Dataset,
    pub te: Dataset,
    pub ti: Dataset,
    /// `None` without a visit schedule (RG0016).
    pub tv: Option<Dataset>,
    /// Sorted; RG codes only.
    pub findings: Vec<Finding>,
}

impl TrialDesign {
    /// TS, TA, TE, TI and TV when present, in that order, empty datasets left out.
    pub fn datasets(&self) -> Vec<&Dataset> {
        [&self.ts, &self.ta, &self.te, &self.ti]
            .into_iter()
            .chain(self.tv.as_ref())
            .filter(|d| !d.rows.is_empty())
            .collect()
    }
}

/// Builds TS, TA, TE, TI and (with visits) TV from a registry record.
pub fn build(record: &StudyRecord, opts: &Options) -> TrialDesign {
    let mut findings = Vec::new();
    let studyid = opts
        .studyid
        .clone()
        .or_else(|| record.display_id().map(str::to_owned))
        .unwrap_or_else(|| {
            findings.push(
                Finding::warning(
                    codes::RG_NO_STUDYID,
                    "the registry record has no registry id or protocol number; STUDYID is `UNKNOWN`",
                )
                .with_variable("STUDYID"),
            );
            "UNKNOWN".to_owned()
        });
    let ts = ts::build(record, &studyid, &mut findings);
    let (ta, te) = ta_te::build(record, opts, &studyid, &mut findings);
    let ti = ti::build(record, &studyid, &mut findings);
    let tv = tv::build(&opts.visits, &studyid, &mut findings);
    findings.sort();
    findings.dedup();
    TrialDesign {
        ts,
        ta,
        te,
        ti,
        tv,
        findings,
    }
}
