//! The model, mirroring `transformers`' `modeling_deberta_v2.py` class by class: tensors
//! in, tensors out, parameters under the checkpoint's names.
//!
//! - [`config`]: `DebertaV2Config`, typed and validated;
//! - [`layers`], [`activation`], [`init`]: `nn.Linear`, `nn.LayerNorm`, `nn.Embedding`,
//!   `ACT2FN` and `_init_weights`;
//! - [`embeddings`] (`DebertaV2Embeddings`), [`relative_position`] (log-bucketed
//!   distances), [`attention`] (`DisentangledSelfAttention`, `DebertaV2Attention`),
//!   [`encoder`] (`DebertaV2Layer`, `ConvLayer`, `DebertaV2Encoder`);
//! - [`deberta`] (`DebertaV2Model`, the backbone) and its heads ([`heads`]) in
//!   [`sequence_classification`] (`DebertaV2ForSequenceClassification`) and [`masked_lm`]
//!   (`DebertaV2ForMaskedLM`).

pub(crate) mod activation;
pub(crate) mod attention;
pub(crate) mod config;
pub(crate) mod deberta;
pub(crate) mod embeddings;
pub(crate) mod encoder;
pub(crate) mod heads;
pub(crate) mod init;
pub(crate) mod layers;
pub(crate) mod masked_lm;
pub(crate) mod relative_position;
pub(crate) mod sequence_classification;
