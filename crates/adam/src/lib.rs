//! ADaM derivations and the endpoint statistics computed from them.
//!
//! [`derive_all`] takes the SDTM datasets of a study and its analysis spec ([`spec`]:
//! what the study's analyses are, as data) and returns ADSL, ADTTE, ADAE, the BDS datasets
//! the spec names (ADRE, ADLB, …), dose datasets (ADGC, the glucocorticoid taper) and
//! composite responder datasets (ADLDA, low disease activity), the endpoint [`Summary`] and the findings met on the way. One derivation per
//! module; each module's documentation states its rules. Data problems never stop a
//! derivation: they become findings (code `DRV0001`–`DRV0003`) and the affected records
//! are left out or null.

mod adae;
mod adsl;
mod adtte;
mod bds;
mod build;
mod composite;
mod derive;
mod dose;
mod input;
mod report_html;
pub mod spec;
pub mod stats;
pub mod summary;

pub use adae::{impute_end, impute_start};
pub use adsl::Subject;
pub use derive::{AdamOutput, DeriveOptions, derive_all};
pub use summary::Summary;

use model::Finding;

/// A required SDTM domain is absent, so an ADaM dataset cannot be derived.
fn missing_input(domain: &str, target: &str) -> Finding {
    Finding::warning(
        "DRV0001",
        format!("SDTM {domain} is missing: {target} is not derived"),
    )
    .in_dataset(target)
}

/// A record the derivation had to leave out or leave incomplete.
fn derive_finding(dataset: &str, message: String) -> Finding {
    Finding::warning("DRV0002", message).in_dataset(dataset)
}

/// A statistic of the summary the data cannot support.
fn stats_note(message: String) -> Finding {
    Finding::notice("DRV0003", message).in_dataset("summary")
}
