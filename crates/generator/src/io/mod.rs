//! Reading and writing Hugging Face model directories: `config.json` ([`config_json`]),
//! the weights (`model.safetensors` or shards, [`checkpoint`], read one tensor at a time
//! by [`safetensors_file`]) and `tokenizer.json` ([`tokenizer`]).

pub(crate) mod checkpoint;
pub(crate) mod config_json;
pub(crate) mod safetensors_file;
pub(crate) mod tokenizer;
