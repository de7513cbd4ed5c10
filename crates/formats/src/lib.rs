//! Dataset file formats. Each format implements the reader/writer traits of `model`.
//!
//! Format modules never depend on each other; `transcode` is the one place that joins them.
//! Finding codes: `FM0001`–`FM0049` XPT, `FM0050`–`FM0099` Dataset-JSON, `FM0100`–`FM0119`
//! CSV, `FM0120`–`FM0149` Define-XML, `FM0150`– transcode.

pub mod csv;
pub mod dataset_json;
pub mod package;
mod pipe;
pub mod transcode;
pub mod xpt;
