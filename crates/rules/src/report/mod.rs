//! Reporters: JSON (the contract other tools read), SARIF, HTML and XLSX for people, and the
//! console summary.

pub mod counts;
pub mod html;
pub mod json;
pub mod sarif;
pub mod xlsx;
