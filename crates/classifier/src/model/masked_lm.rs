//! `DebertaV2ForMaskedLM`: the backbone with the masked-LM head, in its own variable store.

use tch::{Device, Tensor, nn::VarStore};

use crate::error::{ClassifierError, Result};
use crate::model::config::DebertaConfig;
use crate::model::deberta::{Batch, DebertaModel, last_hidden_state};
use crate::model::heads::{MlmHead, MlmHeadLayout};
use crate::model::init::initialize;

/// The name `transformers` gives this architecture in `config.json`.
pub const MASKED_LM_ARCHITECTURE: &str = "DebertaV2ForMaskedLM";

/// A DeBERTa-v2/v3 masked language model (tensors in, vocabulary logits out).
#[derive(Debug)]
pub struct DebertaForMaskedLm {
    vs: VarStore,
    /// `deberta`.
    pub deberta: DebertaModel,
    /// `cls.predictions` or `lm_predictions.lm_head`.
    pub head: MlmHead,
    config: DebertaConfig,
}

impl DebertaForMaskedLm {
    pub(crate) fn build(
        config: DebertaConfig,
        layout: MlmHeadLayout,
        device: Device,
    ) -> Result<Self> {
        let (vs, deberta) = DebertaModel::in_new_store(&config, device)?;
        let head = MlmHead::new(&vs.root(), &config, layout)?;
        Ok(DebertaForMaskedLm {
            vs,
            deberta,
            head,
            config,
        })
    }

    /// The head layout the configuration asks for (`legacy`).
    pub(crate) fn configured_layout(config: &DebertaConfig) -> MlmHeadLayout {
        if config.legacy {
            MlmHeadLayout::Legacy
        } else {
            MlmHeadLayout::LmPredictions
        }
    }

    /// A freshly initialised model (seeded: normal(0, `initializer_range`) weights from a ChaCha8 stream per variable).
    pub fn new(config: DebertaConfig, seed: u64, device: Device) -> Result<Self> {
        let layout = Self::configured_layout(&config);
        let model = Self::build(config, layout, device)?;
        initialize(&model.vs, &model.config, seed, |_| true)?;
        Ok(model)
    }

    /// Vocabulary logits `[batch, length, vocab_size]`.
    pub fn forward(&self, batch: &Batch, train: bool) -> Result<Tensor> {
        let states = self.deberta.forward(batch, train)?;
        self.head.forward(
            last_hidden_state(&states)?,
            &self.deberta.embeddings.word_embeddings.weight,
        )
    }

    /// Vocabulary logits at selected positions only: `rows` and `cols` (int64, same
    /// length n) pick hidden states; returns `[n, vocab_size]`. Cheaper than
    /// [`DebertaForMaskedLm::forward`] when only a few positions are masked: the last
    /// layer runs for the picked tokens only and only they are decoded.
    pub fn forward_at(
        &self,
        batch: &Batch,
        rows: &Tensor,
        cols: &Tensor,
        train: bool,
    ) -> Result<Tensor> {
        let (b, length) = batch.shape();
        let rows_v = Vec::<i64>::try_from(rows.f_to_kind(tch::Kind::Int64)?.f_flatten(0, -1)?)?;
        let cols_v = Vec::<i64>::try_from(cols.f_to_kind(tch::Kind::Int64)?.f_flatten(0, -1)?)?;
        if rows_v.len() != cols_v.len() {
            return Err(ClassifierError::Setting(format!(
                "{} rows but {} columns to pick",
                rows_v.len(),
                cols_v.len()
            )));
        }
        if let Some((r, c)) = rows_v
            .iter()
            .zip(&cols_v)
            .find(|&(&r, &c)| !(0..b).contains(&r) || !(0..length).contains(&c))
        {
            return Err(ClassifierError::Setting(format!(
                "position ({r}, {c}) lies outside the [{b}, {length}] batch"
            )));
        }
        // each row's picked tokens in slots 0..count, the spare slots repeating token 0
        let mut slots: Vec<Vec<i64>> = vec![Vec::new(); b as usize];
        let mut slot_of = Vec::with_capacity(rows_v.len());
        for (&r, &c) in rows_v.iter().zip(&cols_v) {
            let row = &mut slots[r as usize];
            slot_of.push(row.len() as i64);
            row.push(c);
        }
        let n = slots.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let mut positions = Vec::with_capacity(b as usize * n);
        for row in &slots {
            positions.extend(row.iter().copied());
            positions.extend(std::iter::repeat_n(0, n - row.len()));
        }
        let device = self.device();
        let positions = Tensor::f_from_slice(&positions)?
            .f_view([b, n as i64])?
            .f_to(device)?;
        let hidden = self.deberta.forward_rows(batch, &positions, train)?;
        let flat: Vec<i64> = rows_v
            .iter()
            .zip(&slot_of)
            .map(|(&r, &s)| r * n as i64 + s)
            .collect();
        let picked = hidden
            .f_flatten(0, 1)?
            .f_index_select(0, &Tensor::f_from_slice(&flat)?.f_to(device)?)?;
        self.head
            .forward(&picked, &self.deberta.embeddings.word_embeddings.weight)
    }

    /// The configuration.
    pub fn config(&self) -> &DebertaConfig {
        &self.config
    }

    /// The variables (for optimisers and copies).
    pub fn var_store(&self) -> &VarStore {
        &self.vs
    }

    /// The device the weights live on.
    pub fn device(&self) -> Device {
        self.vs.device()
    }
}
