//! Reading and writing weights in Hugging Face's layout, by their real parameter names.
//!
//! A model directory holds `config.json` and one of: `model.safetensors`, a sharded
//! `model.safetensors.index.json`, or `pytorch_model.bin`. The last is the layout of
//! Microsoft's and Redwood's DeBERTa releases: a Python pickle of the state dict, which
//! libtorch's C++ loader cannot read; the error then names the one-command conversion
//! (`python/convert_deberta_checkpoint.py DIR`, with the project's virtualenv) that writes
//! `model.safetensors` (and `tokenizer.json`) beside it.
//! Names are matched after two normalisations that `transformers` also applies: old
//! `LayerNorm.gamma`/`.beta` become `.weight`/`.bias`, and a bare backbone saved without
//! the `deberta.` prefix gets it. Tensors the model does not use (`position_embeddings`
//! of v3, the ELECTRA `mask_predictions.*` of v3 checkpoints, tied duplicates) are
//! ignored; a tensor the model needs but the file lacks, or one of the wrong shape, is an
//! error naming both. Floating-point tensors are converted to the model's fp32.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use model_kit::{SafetensorsFile, f32_safetensors};
use tch::{Device, Tensor, nn::VarStore};

use crate::error::{ClassifierError, Result};

/// The file name of the weights this crate writes.
pub const SAFETENSORS_FILE: &str = "model.safetensors";
/// The index of a sharded safetensors checkpoint.
pub const SAFETENSORS_INDEX_FILE: &str = "model.safetensors.index.json";
/// A pickled PyTorch state dict.
pub const PYTORCH_BIN_FILE: &str = "pytorch_model.bin";

/// Named tensors read from a checkpoint, on the CPU.
#[derive(Debug)]
pub struct Checkpoint {
    path: PathBuf,
    tensors: HashMap<String, Tensor>,
}

impl Checkpoint {
    /// Reads the weights of a model directory: `model.safetensors`, else a sharded
    /// `model.safetensors.index.json`, else `pytorch_model.bin`.
    pub fn read_dir(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref();
        let single = dir.join(SAFETENSORS_FILE);
        let index = dir.join(SAFETENSORS_INDEX_FILE);
        let bin = dir.join(PYTORCH_BIN_FILE);
        if single.is_file() {
            Self::read_safetensors(&single)
        } else if index.is_file() {
            Self::read_sharded(&index)
        } else if bin.is_file() {
            Self::read_pytorch_bin(&bin)
        } else {
            Err(ClassifierError::format(
                dir,
                format!(
                    "no weights: expected {SAFETENSORS_FILE}, {SAFETENSORS_INDEX_FILE} or {PYTORCH_BIN_FILE}"
                ),
            ))
        }
    }

    /// Reads one safetensors file.
    pub fn read_safetensors(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let mut tensors = HashMap::new();
        read_safetensors_into(path, &mut tensors)?;
        Ok(Checkpoint::normalised(path, tensors))
    }

    /// Reads the shards listed by a `model.safetensors.index.json`.
    pub fn read_sharded(index: impl AsRef<Path>) -> Result<Self> {
        let index = index.as_ref();
        let text = std::fs::read_to_string(index).map_err(|e| ClassifierError::io(index, e))?;
        let parsed: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| ClassifierError::format(index, format!("not valid JSON: {e}")))?;
        let map = parsed
            .get("weight_map")
            .and_then(|m| m.as_object())
            .ok_or_else(|| ClassifierError::format(index, "no `weight_map` object"))?;
        let mut files: Vec<&str> = map.values().filter_map(|v| v.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        let dir = index.parent().unwrap_or(Path::new("."));
        let mut tensors = HashMap::new();
        for file in files {
            read_safetensors_into(&dir.join(file), &mut tensors)?;
        }
        Ok(Checkpoint::normalised(index, tensors))
    }

    /// Reads `pytorch_model.bin` through libtorch's C++ parameter loader, which reads
    /// archives saved by libtorch itself; a Python pickle (`torch.save(state_dict)`, what
    /// the hub ships) is an error naming `python/convert_deberta_checkpoint.py`.
    pub fn read_pytorch_bin(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(ClassifierError::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            ));
        }
        let named = Tensor::loadz_multi_with_device(path, Device::Cpu).map_err(|e| {
            ClassifierError::format(
                path,
                format!(
                    "libtorch cannot read this pickled state dict; convert the directory once with \
                     `$HIGHSTAKES_VENV/bin/python python/convert_deberta_checkpoint.py DIR` (it writes \
                     model.safetensors and tokenizer.json), then load it again ({})",
                    e.to_string().lines().next().unwrap_or_default()
                ),
            )
        })?;
        Ok(Checkpoint::normalised(path, named.into_iter().collect()))
    }

    /// The tensors from in-memory pairs (for tests and conversions); `path` names them in errors.
    pub fn from_tensors(path: impl Into<PathBuf>, tensors: Vec<(String, Tensor)>) -> Self {
        Checkpoint::normalised(&path.into(), tensors.into_iter().collect())
    }

    fn normalised(path: &Path, tensors: HashMap<String, Tensor>) -> Self {
        let has_prefix = tensors.keys().any(|k| k.starts_with("deberta."));
        let tensors = tensors
            .into_iter()
            .map(|(name, t)| {
                let mut name = if let Some(stem) = name.strip_suffix("LayerNorm.gamma") {
                    format!("{stem}LayerNorm.weight")
                } else if let Some(stem) = name.strip_suffix("LayerNorm.beta") {
                    format!("{stem}LayerNorm.bias")
                } else {
                    name
                };
                if !has_prefix && (name.starts_with("embeddings.") || name.starts_with("encoder."))
                {
                    name = format!("deberta.{name}");
                }
                (name, t)
            })
            .collect();
        Checkpoint {
            path: path.to_path_buf(),
            tensors,
        }
    }

    /// The file the tensors came from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the checkpoint holds a tensor of this (normalised) name.
    pub fn contains(&self, name: &str) -> bool {
        self.tensors.contains_key(name)
    }

    /// Whether any tensor name starts with `prefix`.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.tensors.keys().any(|k| k.starts_with(prefix))
    }

    /// The shape of the tensor of this (normalised) name, if the checkpoint holds it.
    pub fn shape(&self, name: &str) -> Option<Vec<i64>> {
        self.tensors.get(name).map(Tensor::size)
    }

    /// The tensor names, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.tensors.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    /// Copies every variable of `vs` from the checkpoint, except those for which `skip`
    /// is true (left as they are). Errors name the missing or misshapen tensor.
    pub fn fill(&self, vs: &VarStore, skip: impl Fn(&str) -> bool) -> Result<()> {
        let variables: BTreeMap<String, Tensor> = vs.variables().into_iter().collect();
        for (name, var) in &variables {
            if skip(name) {
                continue;
            }
            let Some(src) = self.tensors.get(name) else {
                return Err(self.missing(name));
            };
            if src.size() != var.size() {
                return Err(ClassifierError::ShapeMismatch {
                    path: self.path.clone(),
                    name: name.clone(),
                    found: src.size(),
                    expected: var.size(),
                });
            }
            let mut var = var.shallow_clone();
            tch::no_grad(|| -> Result<()> {
                let src = src.f_to_kind(var.kind())?.f_to(var.device())?;
                var.f_copy_(&src)?;
                Ok(())
            })?;
        }
        Ok(())
    }

    pub(crate) fn missing(&self, name: &str) -> ClassifierError {
        let hint = if !self.has_prefix("deberta.embeddings.") {
            let some: Vec<&str> = self.names().into_iter().take(3).collect();
            format!(
                "; this is not a DeBERTa-v2 checkpoint (it holds no deberta.embeddings.*; e.g. {})",
                if some.is_empty() {
                    "nothing".to_string()
                } else {
                    some.join(", ")
                }
            )
        } else {
            String::new()
        };
        ClassifierError::MissingTensor {
            path: self.path.clone(),
            name: name.to_string(),
            hint,
        }
    }
}

fn read_safetensors_into(path: &Path, out: &mut HashMap<String, Tensor>) -> Result<()> {
    out.extend(SafetensorsFile::open(path)?.read_all()?);
    Ok(())
}

/// Writes `vs`'s variables as fp32 `model.safetensors` (with the `{"format": "pt"}`
/// metadata `transformers` checks), atomically.
pub fn write_safetensors(vs: &VarStore, path: &Path) -> Result<()> {
    let variables: Vec<(String, Tensor)> = vs.variables().into_iter().collect();
    let bytes = f32_safetensors(&variables, path)?;
    labels::write_atomic(path, |w| std::io::Write::write_all(w, &bytes))?;
    Ok(())
}
