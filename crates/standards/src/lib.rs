//! Embedded CDISC metadata that the mapping engine, conformance rules, define.xml writer
//! and ADaM derivations look up: SDTMIG 3.4 domains, ADaMIG 1.3 variables, and CDISC
//! Controlled Terminology (SDTM 2022-03-25, ADaM 2021-12-17).
//!
//! The tables live under `data/` as TSV (see `data/README.md` for where they come from) and
//! are compiled on first use into immutable, `Send + Sync` structures shared for the life of
//! the process.

mod adam;
mod ct;
mod error;
mod ig;
pub mod suggest;
mod table;

pub use adam::{Adam, AdamCore, AdamDataset, AdamVar};
pub use ct::{Codelist, Ct, Term, normalize};
pub use error::{Error, TableErrorKind};
pub use ig::{Class, DomainMeta, Ig, VarMeta};
pub use suggest::did_you_mean;

use std::sync::OnceLock;

pub const SDTMIG_VERSION: &str = "3.4";
pub const ADAMIG_VERSION: &str = "1.3";
pub const SDTM_CT_VERSION: &str = "2022-03-25";
pub const ADAM_CT_VERSION: &str = "2021-12-17";

/// The embedded tables, by the file names errors report.
pub mod embedded {
    pub const SDTMIG_DOMAINS: (&str, &str) = (
        "sdtmig-3.4-domains.tsv",
        include_str!("../data/sdtmig-3.4-domains.tsv"),
    );
    pub const SDTMIG_VARIABLES: (&str, &str) =
        ("sdtmig-3.4.tsv", include_str!("../data/sdtmig-3.4.tsv"));
    pub const ADAMIG: (&str, &str) = ("adamig-1.3.tsv", include_str!("../data/adamig-1.3.tsv"));
    pub const SDTM_CT: (&str, &str) = (
        "sdtm-ct-2022-03-25.tsv",
        include_str!("../data/sdtm-ct-2022-03-25.tsv"),
    );
    pub const ADAM_CT: (&str, &str) = (
        "adam-ct-2021-12-17.tsv",
        include_str!("../data/adam-ct-2021-12-17.tsv"),
    );
}

// The embedded tables are checked by this crate's tests, so a parse failure here is a build
// defect, not an input error a caller could handle.
const EMBEDDED_OK: &str = "embedded standards table is valid (checked by crates/standards tests)";

/// SDTMIG 3.4 domain and variable metadata.
pub fn sdtmig() -> &'static Ig {
    static IG: OnceLock<Ig> = OnceLock::new();
    IG.get_or_init(|| {
        let (dfile, dtext) = embedded::SDTMIG_DOMAINS;
        let (vfile, vtext) = embedded::SDTMIG_VARIABLES;
        Ig::parse(SDTMIG_VERSION, dfile, dtext, vfile, vtext).expect(EMBEDDED_OK)
    })
}

/// ADaMIG 1.3 variables for ADSL, BDS, ADTTE and ADAE.
pub fn adamig() -> &'static Adam {
    static ADAM: OnceLock<Adam> = OnceLock::new();
    ADAM.get_or_init(|| {
        let (file, text) = embedded::ADAMIG;
        Adam::parse(file, text).expect(EMBEDDED_OK)
    })
}

/// SDTM Controlled Terminology 2022-03-25 (the codelists the embedded domains reference).
pub fn ct() -> &'static Ct {
    static CT: OnceLock<Ct> = OnceLock::new();
    CT.get_or_init(|| {
        let (file, text) = embedded::SDTM_CT;
        Ct::parse(file, SDTM_CT_VERSION, text).expect(EMBEDDED_OK)
    })
}

/// ADaM Controlled Terminology 2021-12-17 (DTYPE, PARAMTYP, DATEFL, TIMEFL, ...).
pub fn adam_ct() -> &'static Ct {
    static CT: OnceLock<Ct> = OnceLock::new();
    CT.get_or_init(|| {
        let (file, text) = embedded::ADAM_CT;
        Ct::parse(file, ADAM_CT_VERSION, text).expect(EMBEDDED_OK)
    })
}

/// The codelist a name refers to in either package: SDTM first, then ADaM.
pub fn any_codelist(name: &str) -> Option<&'static Codelist> {
    ct().codelist(name).or_else(|| adam_ct().codelist(name))
}
