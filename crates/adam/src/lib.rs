//! ADaM derivations and the endpoint statistics computed from them.

pub mod stats;
