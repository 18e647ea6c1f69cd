//! The fields of the hand-written tables (`core_verbs`, `core_words`): errors that name
//! the table and the line, injury kinds and severities.

use super::kind::InjuryKind;
use crate::error::{Result, StoryworldError};

/// The error of a built-in table's line.
pub(super) fn table_error(table: &str, line: &str, what: &str) -> StoryworldError {
    StoryworldError::Setting(format!("built-in {table} table, line `{line}`: {what}"))
}

/// The injury kind named by a table's field.
pub(super) fn parse_kind(table: &str, line: &str, name: &str) -> Result<InjuryKind> {
    InjuryKind::from_name(name).ok_or_else(|| table_error(table, line, "unknown injury kind"))
}

/// The severity (1–9) given by a table's field.
pub(super) fn parse_severity(table: &str, line: &str, field: &str) -> Result<u8> {
    field
        .parse::<u8>()
        .ok()
        .filter(|s| (1..=9).contains(s))
        .ok_or_else(|| table_error(table, line, "severity must be 1–9"))
}
