//! Reading and writing Hugging Face model directories: `config.json` ([`config_json`]),
//! the weights (`model.safetensors` or shards, [`checkpoint`], read one tensor at a time
//! by [`model_kit::SafetensorsFile`]) and `tokenizer.json` ([`tokenizer`]); every file
//! written whole or not at all ([`atomic_file`]).

pub(crate) mod atomic_file;
pub(crate) mod checkpoint;
pub(crate) mod config_json;
pub(crate) mod tokenizer;
