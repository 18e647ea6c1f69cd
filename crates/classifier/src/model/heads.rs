//! The task heads: sequence classification (`pooler.*`, `classifier.*`) and masked
//! language modelling (`cls.predictions.*` in the legacy layout `transformers` writes,
//! `lm_predictions.lm_head.*` in Microsoft's), both decoding through the word embeddings.

use tch::{Tensor, nn::Path};

use crate::error::Result;
use crate::model::activation::Activation;
use crate::model::config::DebertaConfig;
use crate::model::layers::{LayerNorm, Linear, NO_DECAY, ZEROS, dropout};

/// `pooler` + `classifier` (`ContextPooler` and the linear layer of
/// `DebertaV2ForSequenceClassification`): token 0 → dropout → dense → activation →
/// dropout → classifier.
#[derive(Debug)]
pub struct ClassificationHead {
    /// `pooler.dense`.
    pub pooler_dense: Linear,
    /// `classifier`.
    pub classifier: Linear,
    act: Activation,
    pooler_dropout: f64,
    cls_dropout: f64,
}

impl ClassificationHead {
    /// Creates `pooler.dense` and `classifier` under the model's root `p`.
    pub fn new(p: &Path, c: &DebertaConfig) -> Result<Self> {
        let h = c.hidden_size;
        Ok(ClassificationHead {
            pooler_dense: Linear::new(&(p / "pooler" / "dense"), h, h, true, ZEROS)?,
            classifier: Linear::new(&(p / "classifier"), h, c.num_labels(), true, ZEROS)?,
            act: c.pooler_hidden_act,
            pooler_dropout: c.pooler_dropout,
            cls_dropout: c.cls_dropout.unwrap_or(c.hidden_dropout_prob),
        })
    }

    /// Logits `[batch, num_labels]` from the last hidden states `[batch, length, hidden]`.
    pub fn forward(&self, sequence_output: &Tensor, train: bool) -> Result<Tensor> {
        let first = sequence_output.f_select(1, 0)?;
        let first = dropout(&first, self.pooler_dropout, train)?;
        let pooled = self.act.forward(&self.pooler_dense.forward(&first)?)?;
        let pooled = dropout(&pooled, self.cls_dropout, train)?;
        Ok(self.classifier.forward(&pooled)?)
    }
}

/// Which parameter names the masked-LM head has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MlmHeadLayout {
    /// `cls.predictions.transform.{dense, LayerNorm}` and `cls.predictions.bias`
    /// (`transformers`' default, `legacy: true`); the transform maps to `embedding_size`.
    Legacy,
    /// `lm_predictions.lm_head.{dense, LayerNorm, bias}` (Microsoft's checkpoints,
    /// `legacy: false`).
    LmPredictions,
}

/// The masked-LM head: dense → activation → LayerNorm → `· word_embeddingsᵀ + bias`.
#[derive(Debug)]
pub struct MlmHead {
    /// `…dense`.
    pub dense: Linear,
    /// `…LayerNorm`.
    pub layer_norm: LayerNorm,
    /// `…bias`: `[vocab_size]`.
    pub bias: Tensor,
    /// The naming of the parameters.
    pub layout: MlmHeadLayout,
    act: Activation,
}

impl MlmHead {
    /// Creates the head's variables under the model's root `p`, named after `layout`.
    pub fn new(p: &Path, c: &DebertaConfig, layout: MlmHeadLayout) -> Result<Self> {
        let (h, e) = (c.hidden_size, c.embedding_size());
        let (dense, layer_norm, bias) = match layout {
            MlmHeadLayout::Legacy => {
                let pred = p / "cls" / "predictions";
                let t = &pred / "transform";
                (
                    Linear::new(&(&t / "dense"), h, e, true, ZEROS)?,
                    LayerNorm::new(&(&t / "LayerNorm"), e, c.layer_norm_eps)?,
                    pred.set_group(NO_DECAY).f_zeros("bias", &[c.vocab_size])?,
                )
            }
            MlmHeadLayout::LmPredictions => {
                let head = p / "lm_predictions" / "lm_head";
                (
                    Linear::new(&(&head / "dense"), h, h, true, ZEROS)?,
                    LayerNorm::new(&(&head / "LayerNorm"), h, c.layer_norm_eps)?,
                    head.set_group(NO_DECAY).f_zeros("bias", &[c.vocab_size])?,
                )
            }
        };
        Ok(MlmHead {
            dense,
            layer_norm,
            bias,
            layout,
            act: c.hidden_act,
        })
    }

    /// Vocabulary logits `[…, vocab_size]` from hidden states `[…, hidden]`, decoding with
    /// the word-embedding table `[vocab_size, embedding_size]`.
    pub fn forward(&self, hidden: &Tensor, word_embeddings: &Tensor) -> Result<Tensor> {
        let x = self.act.forward(&self.dense.forward(hidden)?)?;
        let x = self.layer_norm.forward(&x)?;
        Ok(x.f_matmul(&word_embeddings.f_transpose(0, 1)?)?
            .f_add(&self.bias)?)
    }
}
