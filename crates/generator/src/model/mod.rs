//! The model, mirroring `transformers`' `modeling_gpt_neo.py` class by class: tensors in,
//! tensors out, parameters under the checkpoint's names.
//!
//! - [`config`]: `GPTNeoConfig`, typed and validated (with the activations of `ACT2FN`);
//! - [`layers`]: `nn.Linear`, `nn.LayerNorm`, `nn.Embedding`, initialised as
//!   `_init_weights` does;
//! - [`attention`]: `GPTNeoSelfAttention` with its global and local masks and the
//!   key/value cache of incremental decoding;
//! - [`block`]: `GPTNeoMLP` and `GPTNeoBlock`;
//! - [`gpt_neo`]: `GPTNeoForCausalLM` (embeddings, blocks, final LayerNorm, LM head) and
//!   the fused next-token loss of training.

pub(crate) mod attention;
pub(crate) mod block;
pub(crate) mod config;
pub(crate) mod gpt_neo;
pub(crate) mod layers;
