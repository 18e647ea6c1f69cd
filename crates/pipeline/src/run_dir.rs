//! The run directory: a manifest of the settings and of the stages finished, so that an
//! interrupted run resumes from the last finished stage, and a run with other settings
//! is refused rather than mixed in.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::{PipelineError, Result};
use super::settings::Settings;

/// The manifest's file name.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The manifest format this version writes and reads.
pub const MANIFEST_FORMAT: u32 = 1;

/// One finished stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageRecord {
    /// The stage's name.
    pub name: String,
    /// Seconds it took (the last time it ran to the end).
    pub seconds: f64,
    /// Its one-line summary.
    pub summary: String,
}

/// What `manifest.json` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_FORMAT`].
    pub format: u32,
    /// The settings the run was started with.
    pub settings: Settings,
    /// Stages finished, in order.
    pub stages: Vec<StageRecord>,
}

/// An open run directory.
pub struct RunDir {
    root: PathBuf,
    manifest: Manifest,
}

impl RunDir {
    /// Opens (or creates) the run directory `root` for `settings`. With `fresh`, a
    /// previous run there is removed first (only a directory that holds a manifest, or an
    /// empty one: anything else is refused, so that a mistyped `--out` deletes nothing).
    pub fn open(root: &Path, settings: &Settings, fresh: bool) -> Result<RunDir> {
        let manifest_path = root.join(MANIFEST_FILE);
        if fresh && root.exists() {
            let empty = std::fs::read_dir(root)
                .map_err(|e| PipelineError::io(root, e))?
                .next()
                .is_none();
            if !empty && !manifest_path.exists() {
                return Err(PipelineError::Setting(format!(
                    "--fresh would delete {}, which is not a run directory (no {MANIFEST_FILE})",
                    root.display()
                )));
            }
            std::fs::remove_dir_all(root).map_err(|e| PipelineError::io(root, e))?;
        }
        std::fs::create_dir_all(root).map_err(|e| PipelineError::io(root, e))?;
        let manifest = if manifest_path.exists() {
            let text = std::fs::read_to_string(&manifest_path)
                .map_err(|e| PipelineError::io(&manifest_path, e))?;
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| PipelineError::Corrupt {
                    path: manifest_path.clone(),
                    message: e.to_string(),
                })?;
            let format = value.get("format").and_then(|f| f.as_u64());
            if format != Some(MANIFEST_FORMAT as u64) {
                return Err(PipelineError::Incompatible {
                    path: manifest_path,
                    message: format!(
                        "manifest format {format:?}, this version reads {MANIFEST_FORMAT}"
                    ),
                });
            }
            let manifest: Manifest =
                serde_json::from_value(value).map_err(|e| PipelineError::Corrupt {
                    path: manifest_path.clone(),
                    message: e.to_string(),
                })?;
            let differences = settings.differences(&manifest.settings);
            if !differences.is_empty() {
                return Err(PipelineError::Incompatible {
                    path: manifest_path,
                    message: differences.join("; "),
                });
            }
            manifest
        } else {
            Manifest {
                format: MANIFEST_FORMAT,
                settings: settings.clone(),
                stages: Vec::new(),
            }
        };
        let dir = RunDir {
            root: root.to_path_buf(),
            manifest,
        };
        dir.save()?;
        Ok(dir)
    }

    /// The directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A path inside the run directory.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// A directory inside the run directory, created if missing.
    pub fn dir(&self, relative: &str) -> Result<PathBuf> {
        let path = self.root.join(relative);
        std::fs::create_dir_all(&path).map_err(|e| PipelineError::io(&path, e))?;
        Ok(path)
    }

    /// The record of a finished stage.
    pub fn finished(&self, stage: &str) -> Option<&StageRecord> {
        self.manifest.stages.iter().find(|s| s.name == stage)
    }

    /// The stages finished, in order.
    pub fn stages(&self) -> &[StageRecord] {
        &self.manifest.stages
    }

    /// Records a stage as finished (written to disk at once).
    pub fn finish(&mut self, stage: &str, seconds: f64, summary: String) -> Result<()> {
        self.manifest.stages.retain(|s| s.name != stage);
        self.manifest.stages.push(StageRecord {
            name: stage.to_string(),
            seconds,
            summary,
        });
        self.save()
    }

    fn save(&self) -> Result<()> {
        let path = self.root.join(MANIFEST_FILE);
        let text = serde_json::to_string_pretty(&self.manifest)
            .map_err(|e| PipelineError::stage("manifest", e.to_string()))?;
        labels::write_atomic(&path, |w| std::io::Write::write_all(w, text.as_bytes()))?;
        Ok(())
    }
}

/// Saves a model directory atomically: `save` writes into a fresh temporary sibling,
/// which then replaces `dir`.
pub fn save_dir_atomically(dir: &Path, save: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "model".into());
    let tmp = dir.with_file_name(format!(".{name}.partial"));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| PipelineError::io(&tmp, e))?;
    }
    std::fs::create_dir_all(&tmp).map_err(|e| PipelineError::io(&tmp, e))?;
    save(&tmp)?;
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| PipelineError::io(dir, e))?;
    }
    std::fs::rename(&tmp, dir).map_err(|e| PipelineError::io(dir, e))?;
    Ok(())
}

/// Writes a value as pretty JSON, atomically.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| PipelineError::stage("json", format!("{}: {e}", path.display())))?;
    labels::write_atomic(path, |w| std::io::Write::write_all(w, text.as_bytes()))?;
    Ok(())
}

/// Reads a JSON file written by [`write_json`].
pub fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let text = std::fs::read_to_string(path).map_err(|e| PipelineError::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| PipelineError::Corrupt {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}
