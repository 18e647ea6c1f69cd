//! `DebertaV2ForSequenceClassification`: the backbone with the classification head, in
//! its own variable store.

use tch::{Device, Kind, Tensor, nn::VarStore};

use crate::error::Result;
use crate::model::config::DebertaConfig;
use crate::model::deberta::{Batch, DebertaModel, last_hidden_state};
use crate::model::heads::ClassificationHead;
use crate::model::init::initialize;

/// The name `transformers` gives this architecture in `config.json`.
pub const SEQUENCE_CLASSIFICATION_ARCHITECTURE: &str = "DebertaV2ForSequenceClassification";

/// A DeBERTa-v2/v3 sequence classifier (tensors in, logits out).
#[derive(Debug)]
pub struct DebertaForSequenceClassification {
    vs: VarStore,
    /// `deberta`.
    pub deberta: DebertaModel,
    /// `pooler` and `classifier`.
    pub head: ClassificationHead,
    config: DebertaConfig,
}

impl DebertaForSequenceClassification {
    /// The model with every variable created but not yet initialised.
    pub(crate) fn build(config: DebertaConfig, device: Device) -> Result<Self> {
        let (vs, deberta) = DebertaModel::in_new_store(&config, device)?;
        let head = ClassificationHead::new(&vs.root(), &config)?;
        Ok(DebertaForSequenceClassification {
            vs,
            deberta,
            head,
            config,
        })
    }

    /// A freshly initialised model (seeded: normal(0, `initializer_range`) weights from a ChaCha8 stream per variable).
    pub fn new(config: DebertaConfig, seed: u64, device: Device) -> Result<Self> {
        let model = Self::build(config, device)?;
        initialize(&model.vs, &model.config, seed, |_| true)?;
        Ok(model)
    }

    /// Logits `[batch, num_labels]`. The head reads token 0 only, so the last layer is
    /// computed for token 0 only (see [`DebertaModel::forward_rows`]).
    pub fn forward(&self, batch: &Batch, train: bool) -> Result<Tensor> {
        let first = self.first_positions(&batch.input_ids)?;
        let pooled = self.deberta.forward_rows(batch, &first, train)?;
        self.head.forward(&pooled, train)
    }

    /// Logits from word embeddings `[batch, length, embedding_size]` (the saliency path),
    /// the last layer computed for token 0 only.
    pub fn forward_embeds(
        &self,
        inputs_embeds: &Tensor,
        token_type_ids: Option<&Tensor>,
        attention_mask: &Tensor,
        train: bool,
    ) -> Result<Tensor> {
        let first = self.first_positions(inputs_embeds)?;
        let pooled = self.deberta.forward_embeds_rows(
            inputs_embeds,
            token_type_ids,
            attention_mask,
            &first,
            train,
        )?;
        self.head.forward(&pooled, train)
    }

    /// Logits `[n, num_labels]` of `n` variants of `base` (one sequence, no padding), variant
    /// `v` with token `ids[v]` at position `changed[v]` (`[n]` int64 each), for inference:
    /// what [`DebertaForSequenceClassification::forward`] gives for each variant, computed
    /// with the first layer's work on the base shared (see
    /// [`DebertaModel::forward_substituted_rows`]).
    pub fn forward_substitutions(
        &self,
        base: &Batch,
        changed: &Tensor,
        ids: &Tensor,
    ) -> Result<Tensor> {
        let first = self.first_positions(changed)?;
        let pooled = self
            .deberta
            .forward_substituted_rows(base, changed, ids, &first)?;
        self.head.forward(&pooled, false)
    }

    /// `[batch, 1]` zeros: the position the classification head reads.
    fn first_positions(&self, batched: &Tensor) -> Result<Tensor> {
        let b = batched.size().first().copied().unwrap_or(0);
        Ok(Tensor::f_zeros([b, 1], (Kind::Int64, batched.device()))?)
    }

    /// Hidden states (embedding output and each layer's) and logits.
    pub fn forward_with_states(&self, batch: &Batch, train: bool) -> Result<(Vec<Tensor>, Tensor)> {
        let states = self.deberta.forward(batch, train)?;
        let logits = self.logits_from_states(&states, train)?;
        Ok((states, logits))
    }

    fn logits_from_states(&self, states: &[Tensor], train: bool) -> Result<Tensor> {
        self.head.forward(last_hidden_state(states)?, train)
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
