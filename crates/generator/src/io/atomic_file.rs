//! Files written whole or not at all: a crash or a full disk mid-save leaves the previous
//! file (or none), never a truncated `model.safetensors`.

use std::io::Write;
use std::path::Path;

use crate::error::{GeneratorError, Result};

/// Writes `bytes` to `path` atomically with [`labels::write_atomic`] (a temporary file,
/// fsync, rename, fsync of the directory); only a regular file at `path` is replaced, so a
/// symlink there is an error, never followed.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    labels::write_atomic(path, |w| w.write_all(bytes)).map_err(|e| match e {
        labels::LabelsError::Io { path, source } => GeneratorError::Io { path, source },
        other => GeneratorError::io(path, std::io::Error::other(other.to_string())),
    })
}
