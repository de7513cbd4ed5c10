//! A dataset in memory as Apache Arrow: one schema and record batches of at most
//! [`BATCH_ROWS`] rows, with the dataset's SAS and Define-XML metadata on the schema.
//!
//! Rows of [`model::Value`]s are how mappers and derivations *build* a dataset
//! ([`model::Dataset`]); a [`Table`] is how one is *held* once built or read: readers stream
//! into it, rules and writers read it, and other Arrow engines can take its batches as they are.
//!
//! # Layout
//!
//! - Variable `i` is Arrow column `i`: a character variable is `Utf8`, a numeric one
//!   `Float64`. Arrow's null is SAS's ordinary missing (`.`, or an absent character value);
//!   an empty character value stays `""`, as Dataset-JSON keeps it.
//! - The dataset's name, label, class and structure are schema metadata, and each variable's
//!   label, length, format, origin, codelist, role, core and Dataset-JSON data type are field
//!   metadata, under the keys in [`meta`]. A schema alone gives back the whole
//!   [`model::DatasetMeta`].
//! - **Exceptions column.** SAS special missing values (`._`, `.A`–`.Z`) have no Arrow
//!   spelling, and a value whose type differs from its variable's (text in a numeric
//!   variable, which no reader of ours produces but a mapper may) has no place in a typed
//!   column. Such a value is null in the variable's column and spelled in a companion `Utf8`
//!   column, `<NAME>.exceptions`, after all the variables: `.A` or `._` for a special missing,
//!   `c:` and the text for text, `n:` and the shortest number for a number. The companion
//!   exists only for a variable that has one such value, is null everywhere else, and is
//!   marked with the field metadata `trialbridge.exceptions_of`, so a plain Arrow reader sees
//!   nulls and a tool that knows the convention loses nothing.
//! - Cell provenance (the workbook cell behind a value) is kept beside the batches as
//!   [`model::Provenance`], which is run-length encoded by column.

mod builder;
pub mod meta;
mod read;
mod table;

pub use builder::TableBuilder;
pub use read::{ReadError, read};
pub use table::{Column, ColumnIter, Row, RowIter, Rows, Table};

/// Rows per record batch: large enough that per-batch costs vanish, small enough that one
/// text column of a batch stays far below Arrow's 2 GiB offset limit.
pub const BATCH_ROWS: usize = 65_536;
