//! Reading and writing Hugging Face model directories: `config.json` ([`config_json`]),
//! the weights ([`checkpoint`], checked against the configuration by [`dimensions`]), the
//! tokenizer (`tokenizer.json` in [`tokenizer`], or a hub release's `spm.model` in
//! [`sentencepiece`]), the directory as a whole ([`model_dir`]), and the models read
//! from and written to checkpoints and directories ([`pretrained`]).

pub(crate) mod checkpoint;
pub(crate) mod config_json;
pub(crate) mod dimensions;
pub(crate) mod model_dir;
pub(crate) mod pretrained;
pub(crate) mod sentencepiece;
pub(crate) mod tokenizer;
