//! `deberta.embeddings`: word (and optionally absolute-position and token-type)
//! embeddings, projected to the hidden width when narrower, normalised and masked.
//!
//! The word lookup is separate from the rest ([`Embeddings::word_embeddings`] then
//! [`Embeddings::forward`]) so that saliency can differentiate with respect to the word
//! embeddings themselves (`inputs_embeds` in `transformers`).

use tch::{Device, Kind, Tensor, nn::Path};

use crate::error::{ClassifierError, Result};
use crate::model::config::DebertaConfig;
use crate::model::layers::{Embedding, LayerNorm, Linear, ZEROS, dropout};

/// The embedding layer (`DebertaV2Embeddings`).
#[derive(Debug)]
pub struct Embeddings {
    /// `word_embeddings`: `[vocab_size, embedding_size]`, also the masked-LM decoder.
    pub word_embeddings: Embedding,
    /// `position_embeddings`, only when `position_biased_input`.
    pub position_embeddings: Option<Embedding>,
    /// `token_type_embeddings`, only when `type_vocab_size > 0`.
    pub token_type_embeddings: Option<Embedding>,
    /// `embed_proj` (no bias), only when `embedding_size != hidden_size`.
    pub embed_proj: Option<Linear>,
    /// `LayerNorm`.
    pub layer_norm: LayerNorm,
    dropout: f64,
}

impl Embeddings {
    /// Creates the variables under `p` (`deberta.embeddings`).
    pub fn new(p: &Path, c: &DebertaConfig) -> Result<Self> {
        let e = c.embedding_size();
        let word_embeddings = Embedding::new(
            &(p / "word_embeddings"),
            c.vocab_size,
            e,
            Some(c.pad_token_id),
        )?;
        let position_embeddings = if c.position_biased_input {
            Some(Embedding::new(
                &(p / "position_embeddings"),
                c.max_position_embeddings,
                e,
                None,
            )?)
        } else {
            None
        };
        let token_type_embeddings = if c.type_vocab_size > 0 {
            Some(Embedding::new(
                &(p / "token_type_embeddings"),
                c.type_vocab_size,
                e,
                None,
            )?)
        } else {
            None
        };
        let embed_proj = if e != c.hidden_size {
            Some(Linear::new(
                &(p / "embed_proj"),
                e,
                c.hidden_size,
                false,
                ZEROS,
            )?)
        } else {
            None
        };
        Ok(Embeddings {
            word_embeddings,
            position_embeddings,
            token_type_embeddings,
            embed_proj,
            layer_norm: LayerNorm::new(&(p / "LayerNorm"), c.hidden_size, c.layer_norm_eps)?,
            dropout: c.hidden_dropout_prob,
        })
    }

    /// The word embeddings of `input_ids` (`[batch, length]` → `[batch, length, embedding_size]`).
    pub fn word_embeddings(&self, input_ids: &Tensor) -> Result<Tensor> {
        self.word_embeddings.forward(input_ids)
    }

    /// The embedding output from word embeddings: `+ position` (when biased input)
    /// `+ token type` (when any), `embed_proj`, LayerNorm, times the mask, dropout.
    ///
    /// `inputs_embeds`: `[batch, length, embedding_size]`; `token_type_ids`: `[batch,
    /// length]` or `None` (all zeros); `mask`: `[batch, length]`, 1 for tokens, 0 for padding.
    pub fn forward(
        &self,
        inputs_embeds: &Tensor,
        token_type_ids: Option<&Tensor>,
        mask: &Tensor,
        train: bool,
    ) -> Result<Tensor> {
        let size = inputs_embeds.size();
        let (length, device) = (size[1], inputs_embeds.device());
        let mut x = inputs_embeds.shallow_clone();
        if let Some(pos) = &self.position_embeddings {
            if length > pos.rows() {
                return Err(ClassifierError::Setting(format!(
                    "a sequence of {length} tokens is longer than the model's {} positions",
                    pos.rows()
                )));
            }
            let ids = Tensor::f_arange(length, (Kind::Int64, device))?;
            x = x.f_add(&pos.forward(&ids)?.f_unsqueeze(0)?)?;
        }
        if let Some(types) = &self.token_type_embeddings {
            let ids = match token_type_ids {
                Some(t) => t.shallow_clone(),
                None => Tensor::f_zeros([size[0], length], (Kind::Int64, device))?,
            };
            x = x.f_add(&types.forward(&ids)?)?;
        }
        if let Some(proj) = &self.embed_proj {
            x = proj.forward(&x)?;
        }
        let x = self.layer_norm.forward(&x)?;
        let x = x.f_mul(&mask.f_unsqueeze(-1)?.f_to_kind(x.kind())?)?;
        dropout(&x, self.dropout, train)
    }

    /// The device the tables live on.
    pub fn device(&self) -> Device {
        self.word_embeddings.weight.device()
    }
}
