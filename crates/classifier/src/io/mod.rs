//! Reading and writing Hugging Face model directories: `config.json` ([`config_json`]),
//! the weights ([`checkpoint`], checked against the configuration by [`dimensions`]), the
//! tokenizer (`tokenizer.json` in [`tokenizer`], or a hub release's `spm.model` in
//! [`sentencepiece`]), and the directory as a whole ([`model_dir`]).

pub(crate) mod checkpoint;
pub(crate) mod config_json;
pub(crate) mod dimensions;
pub(crate) mod model_dir;
pub(crate) mod sentencepiece;
pub(crate) mod tokenizer;
