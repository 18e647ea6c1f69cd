//! Hugging Face checkpoint directories: `config.json` and `model.safetensors` (or shards
//! listed in `model.safetensors.index.json`), read and written by real parameter names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use model_kit::{SafetensorsFile, f32_safetensors};
use tch::{Device, Kind, Tensor};

use crate::error::{GeneratorError, Result};
use crate::io::atomic_file::write_file;
use crate::model::config::GptNeoConfig;
use crate::model::gpt_neo::GptNeo;

/// Buffers that old GPT-Neo checkpoints carry (the causal masks): not parameters.
const BUFFER_SUFFIXES: &[&str] = &[".attn.attention.bias", ".attn.attention.masked_bias"];

/// The weight files of a checkpoint directory.
fn weight_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let single = dir.join("model.safetensors");
    if single.is_file() {
        return Ok(vec![single]);
    }
    let index = dir.join("model.safetensors.index.json");
    if index.is_file() {
        let text = std::fs::read_to_string(&index).map_err(|e| GeneratorError::io(&index, e))?;
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| GeneratorError::Json {
                path: index.clone(),
                message: e.to_string(),
            })?;
        let map = value["weight_map"]
            .as_object()
            .ok_or_else(|| GeneratorError::Json {
                path: index.clone(),
                message: "no `weight_map` object".into(),
            })?;
        let mut shards: Vec<PathBuf> = Vec::new();
        for shard in map.values() {
            let name = shard.as_str().ok_or_else(|| GeneratorError::Json {
                path: index.clone(),
                message: format!("shard name {shard} is not a string"),
            })?;
            let path = dir.join(name);
            if !shards.contains(&path) {
                shards.push(path);
            }
        }
        return Ok(shards);
    }
    let hint = if dir.join("pytorch_model.bin").is_file() {
        " (only safetensors are read: convert pytorch_model.bin with transformers' \
         `save_pretrained(dir, safe_serialization=True)`)"
    } else {
        ""
    };
    Err(GeneratorError::io(
        &single,
        std::io::Error::new(std::io::ErrorKind::NotFound, format!("no such file{hint}")),
    ))
}

/// Opens every file's header.
fn open_all(files: &[PathBuf]) -> Result<Vec<SafetensorsFile>> {
    Ok(files
        .iter()
        .map(SafetensorsFile::open)
        .collect::<model_kit::Result<_>>()?)
}

/// Checks `config`'s sizes against the tensors the headers list, before a model is built:
/// a `config.json` that asks for sizes the weights do not have (a million layers, a
/// 16,384-wide model) is an error naming the option, the tensor and the file, not
/// gigabytes allocated first. The full name-by-name check follows when the model is
/// filled.
fn check_dimensions(
    config: &GptNeoConfig,
    files: &[PathBuf],
    opened: &[SafetensorsFile],
) -> Result<()> {
    let first = files.first().cloned().unwrap_or_default();
    let find = |name: &str| {
        opened.iter().zip(files).find_map(|(file, path)| {
            file.entries()
                .get(name)
                .map(|entry| (path.clone(), entry.shape.clone()))
        })
    };
    let prefix = if find("transformer.wte.weight").is_some() {
        "transformer."
    } else if find("wte.weight").is_some() {
        ""
    } else {
        // another architecture: the fill names it
        return Ok(());
    };
    let layer_prefix = format!("{prefix}h.");
    let layers: BTreeSet<u64> = opened
        .iter()
        .flat_map(|file| file.entries().keys())
        .filter_map(|name| {
            name.strip_prefix(&layer_prefix)?
                .split('.')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    // more layers in the file than config.json has are named one by one as the model is filled
    if layers.len() < config.num_layers {
        return Err(GeneratorError::checkpoint(
            &first,
            format!("{layer_prefix}*"),
            format!(
                "config.json's `num_layers` is {} but the weights hold {} layers",
                config.num_layers,
                layers.len()
            ),
        ));
    }
    let hidden = ("hidden_size", config.hidden_size);
    let expected = [
        ("wte.weight", [("vocab_size", config.vocab_size), hidden]),
        (
            "wpe.weight",
            [
                ("max_position_embeddings", config.max_position_embeddings),
                hidden,
            ],
        ),
        (
            "h.0.mlp.c_fc.weight",
            [("intermediate_size", config.inner_dim()), hidden],
        ),
    ];
    for (name, dims) in expected {
        let name = format!("{prefix}{name}");
        let Some((path, shape)) = find(&name) else {
            return Err(GeneratorError::checkpoint(
                &first,
                name,
                "missing from the checkpoint",
            ));
        };
        let wanted: Vec<i64> = dims.iter().map(|&(_, d)| d as i64).collect();
        if shape != wanted {
            let option = dims
                .iter()
                .zip(&shape)
                .find(|&(&(_, d), &have)| d as i64 != have)
                .map_or("hidden_size", |(&(option, _), _)| option);
            return Err(GeneratorError::checkpoint(
                path,
                name,
                format!(
                    "shape {shape:?} in the file, but config.json's `{option}` implies {wanted:?}"
                ),
            ));
        }
    }
    Ok(())
}

impl GptNeo {
    /// Loads a Hugging Face checkpoint directory (`config.json`, `model.safetensors`),
    /// parameters converted to fp32 on `device`.
    ///
    /// Every parameter must be in the file with the shape `config.json` implies; the
    /// causal-mask buffers of old checkpoints are skipped, and so is `lm_head.weight`
    /// when the head is tied. A checkpoint of the bare `GPTNeoModel` (names without
    /// `transformer.`) loads too when the head is tied. Anything else — a missing or
    /// misshapen tensor, an unknown one, a checkpoint of another architecture — is an
    /// error naming the file and the tensor.
    pub fn from_pretrained(dir: impl AsRef<Path>, device: Device) -> Result<Self> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(GeneratorError::io(
                dir,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such checkpoint directory"),
            ));
        }
        let config = GptNeoConfig::from_file(dir.join("config.json"))?;
        let files = weight_files(dir)?;
        let opened = open_all(&files)?;
        // the sizes are compared with the headers before anything is allocated
        check_dimensions(&config, &files, &opened)?;
        let mut model = GptNeo::build(&config, device, false)?;
        model.load_opened(&files, opened)?;
        Ok(model)
    }

    /// Fills the parameters from safetensors files (all of them, checked first by their
    /// headers, then read one tensor at a time).
    pub fn load_safetensors(&mut self, files: &[PathBuf]) -> Result<()> {
        let opened = open_all(files)?;
        self.load_opened(files, opened)
    }

    fn load_opened(&mut self, files: &[PathBuf], mut opened: Vec<SafetensorsFile>) -> Result<()> {
        let first = files
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("<no file>"));
        // name -> index of the file holding it
        let mut owner: BTreeMap<String, usize> = BTreeMap::new();
        for (i, file) in opened.iter().enumerate() {
            for name in file.entries().keys() {
                owner.insert(name.clone(), i);
            }
        }
        let prefix = if owner.contains_key("transformer.wte.weight") {
            "transformer."
        } else if owner.contains_key("wte.weight") && self.config().tie_word_embeddings {
            ""
        } else {
            let seen: Vec<&str> = owner.keys().take(3).map(String::as_str).collect();
            return Err(GeneratorError::checkpoint(
                &first,
                "transformer.wte.weight",
                format!("missing: this is not a GPT-Neo checkpoint (it holds {seen:?}…)"),
            ));
        };
        let variables = self.var_store().variables();
        // file name -> variable name
        let mut wanted: BTreeMap<String, String> = BTreeMap::new();
        for name in variables.keys() {
            let in_file = match name.strip_prefix("transformer.") {
                Some(rest) => format!("{prefix}{rest}"),
                None => name.clone(),
            };
            wanted.insert(in_file, name.clone());
        }
        // Check names and shapes from the headers before reading any data.
        let path_of = |name: &str| owner.get(name).map_or(first.clone(), |&i| files[i].clone());
        for (in_file, var_name) in &wanted {
            let expected = variables[var_name].size();
            let Some(&i) = owner.get(in_file) else {
                return Err(GeneratorError::checkpoint(
                    &first,
                    in_file,
                    "missing from the checkpoint",
                ));
            };
            let entry = &opened[i].entries()[in_file];
            if entry.shape != expected {
                return Err(GeneratorError::checkpoint(
                    &files[i],
                    in_file,
                    format!(
                        "shape {:?} in the file, {expected:?} expected from config.json",
                        entry.shape
                    ),
                ));
            }
            if !matches!(entry.dtype.as_str(), "F32" | "F16" | "BF16" | "F64") {
                return Err(GeneratorError::checkpoint(
                    &files[i],
                    in_file,
                    format!("dtype {} is not a floating-point type", entry.dtype),
                ));
            }
        }
        let config = self.config().clone();
        for name in owner.keys() {
            if wanted.contains_key(name) || BUFFER_SUFFIXES.iter().any(|s| name.ends_with(s)) {
                continue;
            }
            if name == "lm_head.weight" && config.tie_word_embeddings {
                let shape = &opened[owner[name]].entries()[name].shape;
                let expected = [config.vocab_size as i64, config.hidden_size as i64];
                if shape.as_slice() != expected {
                    return Err(GeneratorError::checkpoint(
                        path_of(name),
                        name,
                        format!(
                            "shape {shape:?} in the file, {expected:?} expected from config.json"
                        ),
                    ));
                }
                continue;
            }
            return Err(GeneratorError::checkpoint(
                path_of(name),
                name,
                format!(
                    "unexpected: not a parameter of GPT-Neo with this config.json ({} layers{})",
                    config.num_layers,
                    if config.tie_word_embeddings {
                        ", tied head"
                    } else {
                        ""
                    }
                ),
            ));
        }
        let device = self.device();
        let _guard = tch::no_grad_guard();
        for (in_file, var_name) in &wanted {
            let file = &mut opened[owner[in_file]];
            let tensor = file.read(in_file)?;
            let mut var = variables[var_name].shallow_clone();
            var.f_copy_(&tensor.f_to_kind(Kind::Float)?.f_to_device(device)?)?;
        }
        Ok(())
    }

    /// Writes `config.json` and `model.safetensors` (fp32, Hugging Face names, no
    /// `lm_head.weight` when tied, metadata `format: pt`) into `dir`, creating it; each
    /// file is written whole or not at all (a symlink in their place is an error).
    /// `transformers.GPTNeoForCausalLM.from_pretrained(dir)` reads the result.
    pub fn save_pretrained(&self, dir: impl AsRef<Path>) -> Result<()> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|e| GeneratorError::io(dir, e))?;
        let config_path = dir.join("config.json");
        let text = serde_json::to_string_pretty(&self.config().to_json()).map_err(|e| {
            GeneratorError::Json {
                path: config_path.clone(),
                message: e.to_string(),
            }
        })?;
        write_file(&config_path, (text + "\n").as_bytes())?;
        let weights_path = dir.join("model.safetensors");
        let variables: Vec<(String, Tensor)> = self.var_store().variables().into_iter().collect();
        let bytes = f32_safetensors(&variables, &weights_path)?;
        write_file(&weights_path, &bytes)
    }
}
