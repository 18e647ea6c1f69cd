//! What the two model crates (`classifier`, DeBERTa; `generator`, GPT-Neo) read and
//! compute the same way, in one place:
//!
//! - [`safetensors`]: Hugging Face weights read one tensor at a time
//!   ([`SafetensorsFile`]) and written in fp32 ([`f32_safetensors`]);
//! - [`config_json`]: strict `config.json` reading ([`ConfigKeys`]): each key taken out
//!   as the configuration reads it, parse errors naming the file and the key, and the
//!   keys left over named as unknown;
//! - [`tokenizer_json`]: `tokenizer.json` read without a malformed file panicking
//!   inside the `tokenizers` crate ([`read_tokenizer_json`]);
//! - [`optim`]: the training recipe, AdamW with weight decay on weights only, a linear
//!   warm-up then linear decay of the learning rate, and gradient clipping ([`AdamW`],
//!   [`WarmupLinearDecay`]);
//! - [`layers`]: `nn.Linear` and `nn.LayerNorm` ([`Linear`], [`LayerNorm`]) in the
//!   optimizer groups the recipe expects;
//! - [`Error`]: every failure names its file, option or tensor.
//!
//! **The tensor-error convention** of the model crates: tensor code calls `tch`'s
//! fallible `f_*` methods and propagates their [`tch::TchError`] with `?`, into the
//! crate's `Torch` variant (`libtorch: …`), here [`Error::Torch`]; a libtorch failure
//! is an error, never a panic. Each model crate converts [`Error`] into its own error
//! type variant by variant, so that its errors keep their names and messages.
//!
//! ```
//! use model_kit::{ConfigKeys, Error, SafetensorsFile, f32_safetensors};
//! use tch::Tensor;
//!
//! let dir = tempfile::tempdir().unwrap();
//! // weights: written in fp32, read back one tensor at a time
//! let path = dir.path().join("model.safetensors");
//! let weight = Tensor::from_slice(&[1.0f32, 2.0, 3.0, 4.0]).view([2, 2]);
//! std::fs::write(&path, f32_safetensors(&[("w".into(), weight)], &path)?).unwrap();
//! let mut file = SafetensorsFile::open(&path)?;
//! assert_eq!(file.entries()["w"].shape, vec![2, 2]);
//! assert_eq!(file.read("w")?.double_value(&[1, 0]), 3.0);
//! // config.json: a key of the wrong type is an error naming the file and the key
//! let mut keys = ConfigKeys::parse(r#"{"hidden_size": "big"}"#, "config.json")?;
//! let err = keys.take::<i64>("hidden_size").unwrap_err();
//! assert_eq!(err.to_string(), "config.json: option `hidden_size`: cannot read \"big\": \
//!     invalid type: string \"big\", expected i64");
//! # Ok::<(), Error>(())
//! ```
#![deny(missing_docs)]

pub mod config_json;
mod error;
pub mod layers;
pub mod optim;
pub mod safetensors;
pub mod tokenizer_json;

pub use config_json::ConfigKeys;
pub use error::{Error, Result};
pub use layers::{LayerNorm, Linear};
pub use optim::{AdamW, AdamWConfig, DECAY, NO_DECAY, WarmupLinearDecay};
pub use safetensors::{SafetensorsFile, TensorEntry, f32_safetensors};
pub use tokenizer_json::read_tokenizer_json;
