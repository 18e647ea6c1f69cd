//! `deberta`: the DeBERTa-v2/v3 backbone (`DebertaV2Model`), embeddings then encoder,
//! and the [`Batch`] of token ids it reads.

use tch::nn::{Path, VarStore};
use tch::{Device, Kind, Tensor};

use crate::error::{ClassifierError, Result};
use crate::model::config::DebertaConfig;
use crate::model::embeddings::Embeddings;
use crate::model::encoder::Encoder;

/// Model inputs for a batch of sequences, padded to one length.
#[derive(Debug)]
pub struct Batch {
    /// `[batch, length]` int64 token ids (padding positions hold the pad id).
    pub input_ids: Tensor,
    /// `[batch, length]` int64 segment ids (0 for the first sequence, 1 for the second).
    pub token_type_ids: Tensor,
    /// `[batch, length]` int64: 1 for tokens, 0 for padding.
    pub attention_mask: Tensor,
}

impl Batch {
    /// Pads `sequences` of `(ids, type_ids)` to the longest with `pad_id`, on `device`.
    pub fn from_sequences(
        sequences: &[(&[i64], &[i64])],
        pad_id: i64,
        device: Device,
    ) -> Result<Self> {
        let length = sequences
            .iter()
            .map(|(ids, _)| ids.len())
            .max()
            .unwrap_or(0);
        if sequences.is_empty() || length == 0 {
            return Err(ClassifierError::Setting(
                "a batch needs at least one non-empty sequence".into(),
            ));
        }
        let n = sequences.len();
        let mut ids = vec![pad_id; n * length];
        let mut types = vec![0i64; n * length];
        let mut mask = vec![0i64; n * length];
        for (row, (seq, seq_types)) in sequences.iter().enumerate() {
            if seq_types.len() != seq.len() {
                return Err(ClassifierError::Input {
                    index: row,
                    message: format!("{} token ids but {} type ids", seq.len(), seq_types.len()),
                });
            }
            let start = row * length;
            ids[start..start + seq.len()].copy_from_slice(seq);
            types[start..start + seq.len()].copy_from_slice(seq_types);
            mask[start..start + seq.len()].fill(1);
        }
        let shape = [n as i64, length as i64];
        let make = |v: &[i64]| -> Result<Tensor> {
            Ok(Tensor::f_from_slice(v)?.f_view(shape)?.f_to(device)?)
        };
        Ok(Batch {
            input_ids: make(&ids)?,
            token_type_ids: make(&types)?,
            attention_mask: make(&mask)?,
        })
    }

    /// `(batch, length)`.
    pub fn shape(&self) -> (i64, i64) {
        let s = self.input_ids.size();
        (s[0], s[1])
    }
}

/// The backbone (`DebertaV2Model`, checkpoint prefix `deberta.`).
#[derive(Debug)]
pub struct DebertaModel {
    /// `embeddings`.
    pub embeddings: Embeddings,
    /// `encoder`.
    pub encoder: Encoder,
    vocab_size: i64,
}

impl DebertaModel {
    /// A new variable store on `device` holding the backbone's variables under `deberta`
    /// (the configuration checked first): what every model with a head starts from.
    pub(crate) fn in_new_store(config: &DebertaConfig, device: Device) -> Result<(VarStore, Self)> {
        config.validate()?;
        let vs = VarStore::new(device);
        let deberta = DebertaModel::new(&(&vs.root() / "deberta"), config)?;
        Ok((vs, deberta))
    }

    /// Creates the variables under `p` (`deberta`).
    pub fn new(p: &Path, c: &DebertaConfig) -> Result<Self> {
        Ok(DebertaModel {
            embeddings: Embeddings::new(&(p / "embeddings"), c)?,
            encoder: Encoder::new(&(p / "encoder"), c)?,
            vocab_size: c.vocab_size,
        })
    }

    /// Word embeddings of the batch's ids (checked against the vocabulary).
    pub fn word_embeddings(&self, input_ids: &Tensor) -> Result<Tensor> {
        if input_ids.numel() > 0 {
            let max = input_ids.f_max()?.f_int64_value(&[])?;
            let min = input_ids.f_min()?.f_int64_value(&[])?;
            if min < 0 || max >= self.vocab_size {
                return Err(ClassifierError::Setting(format!(
                    "token ids must lie in 0..{}, got {min}..={max}",
                    self.vocab_size
                )));
            }
        }
        self.embeddings.word_embeddings(input_ids)
    }

    /// Hidden states (embedding output, then each layer's) from word embeddings
    /// `[batch, length, embedding_size]`: the path saliency differentiates through.
    pub fn forward_embeds(
        &self,
        inputs_embeds: &Tensor,
        token_type_ids: Option<&Tensor>,
        attention_mask: &Tensor,
        train: bool,
    ) -> Result<Vec<Tensor>> {
        let mask = attention_mask.f_to_kind(Kind::Int64)?;
        let embedded = self
            .embeddings
            .forward(inputs_embeds, token_type_ids, &mask, train)?;
        self.encoder.forward(&embedded, &mask, train)
    }

    /// The last hidden state at `positions` (`[batch, n]` int64) only, from word
    /// embeddings: `[batch, n, hidden]` (see [`Encoder::forward_rows`](crate::model::encoder::Encoder::forward_rows)).
    pub fn forward_embeds_rows(
        &self,
        inputs_embeds: &Tensor,
        token_type_ids: Option<&Tensor>,
        attention_mask: &Tensor,
        positions: &Tensor,
        train: bool,
    ) -> Result<Tensor> {
        let mask = attention_mask.f_to_kind(Kind::Int64)?;
        let embedded = self
            .embeddings
            .forward(inputs_embeds, token_type_ids, &mask, train)?;
        self.encoder
            .forward_rows(&embedded, &mask, positions, train)
    }

    /// The last hidden state at `positions` (`[batch, n]` int64) only, for a batch of ids.
    pub fn forward_rows(&self, batch: &Batch, positions: &Tensor, train: bool) -> Result<Tensor> {
        let embeds = self.word_embeddings(&batch.input_ids)?;
        self.forward_embeds_rows(
            &embeds,
            Some(&batch.token_type_ids),
            &batch.attention_mask,
            positions,
            train,
        )
    }

    /// The last hidden state at `positions` (`[n, q]` int64) of `n` variants of one
    /// sequence, variant `v` with token `ids[v]` at position `changed[v]` (both `[n]`
    /// int64), for inference. `base` is the sequence, one row without padding. Equal to
    /// [`DebertaModel::forward_rows`] of the variants; the first layer reuses the base's
    /// work (see [`Encoder::forward_rows_substituted`](crate::model::encoder::Encoder::forward_rows_substituted)).
    pub fn forward_substituted_rows(
        &self,
        base: &Batch,
        changed: &Tensor,
        ids: &Tensor,
        positions: &Tensor,
    ) -> Result<Tensor> {
        let (rows, length) = base.shape();
        let padded = base.attention_mask.numel() > 0
            && base.attention_mask.f_min()?.f_int64_value(&[])? == 0;
        if rows != 1 || padded {
            return Err(ClassifierError::Setting(format!(
                "the base of substitutions is one sequence without padding, got {rows} rows{}",
                if padded { " with padding" } else { "" }
            )));
        }
        let n = changed.size1()?;
        let variants = base
            .input_ids
            .f_expand([n, length], false)?
            .f_contiguous()?
            .f_scatter(1, &changed.f_view([n, 1])?, &ids.f_view([n, 1])?)?;
        let types = base.token_type_ids.f_expand([n, length], false)?;
        let mask = base.attention_mask.f_expand([n, length], false)?;
        let embedded = self.embeddings.forward(
            &self.word_embeddings(&variants)?,
            Some(&types),
            &mask,
            false,
        )?;
        let base_embedded = self.embeddings.forward(
            &self.word_embeddings(&base.input_ids)?,
            Some(&base.token_type_ids),
            &base.attention_mask,
            false,
        )?;
        self.encoder
            .forward_rows_substituted(&embedded, &base_embedded, changed, positions)
    }

    /// Hidden states for a batch of ids.
    pub fn forward(&self, batch: &Batch, train: bool) -> Result<Vec<Tensor>> {
        let embeds = self.word_embeddings(&batch.input_ids)?;
        self.forward_embeds(
            &embeds,
            Some(&batch.token_type_ids),
            &batch.attention_mask,
            train,
        )
    }
}

/// The last of the hidden states (the encoder's output), which the heads read.
pub(crate) fn last_hidden_state(states: &[Tensor]) -> Result<&Tensor> {
    states
        .last()
        .ok_or_else(|| ClassifierError::Setting("the encoder produced no hidden states".into()))
}
