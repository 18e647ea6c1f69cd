//! A Hugging Face model directory as the model types read and write it: `config.json`
//! (with the architecture's name) beside the weights (see [`crate::io::checkpoint::Checkpoint`]).

use std::path::Path;

use tch::nn::VarStore;

use crate::error::{ClassifierError, Result};
use crate::io::checkpoint::{Checkpoint, SAFETENSORS_FILE, write_safetensors};
use crate::model::config::DebertaConfig;

/// The file name of the configuration.
pub const CONFIG_FILE: &str = "config.json";

/// The configuration (`config.json`) and the weights of the model directory `dir`.
pub(crate) fn read_model_dir(dir: &Path) -> Result<(DebertaConfig, Checkpoint)> {
    let config = DebertaConfig::from_file(dir.join(CONFIG_FILE))?;
    let checkpoint = Checkpoint::read_dir(dir)?;
    Ok((config, checkpoint))
}

/// Writes `config.json` (naming `architecture`) and `model.safetensors` (the variables of
/// `vs`) into `dir`, created if needed.
pub(crate) fn write_model_dir(
    dir: &Path,
    config: &DebertaConfig,
    architecture: &str,
    vs: &VarStore,
) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| ClassifierError::io(dir, e))?;
    write_config(config, architecture, &dir.join(CONFIG_FILE))?;
    write_safetensors(vs, &dir.join(SAFETENSORS_FILE))
}

/// Writes a configuration as pretty JSON, atomically.
fn write_config(config: &DebertaConfig, architecture: &str, path: &Path) -> Result<()> {
    let text = serde_json::to_string_pretty(&config.to_json(architecture))
        .map_err(|e| ClassifierError::format(path, e.to_string()))?;
    labels::write_atomic(path, |w| std::io::Write::write_all(w, text.as_bytes()))?;
    Ok(())
}
