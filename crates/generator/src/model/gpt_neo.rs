//! `GPTNeoForCausalLM`: token and learned position embeddings, the blocks, a final
//! LayerNorm and the LM head (tied to the token embedding unless the config says not).

use tch::nn::VarStore;
use tch::{Device, Kind, Tensor};

use crate::error::{GeneratorError, Result};
use crate::model::attention::{AttentionMasks, KvCache};
use crate::model::block::Block;
use crate::model::config::{AttentionType, GptNeoConfig};
use crate::model::layers::{Embedding, LayerNorm, Linear, dropout, weight_init};

/// The transformer (`transformer.*` in checkpoints).
#[derive(Debug)]
struct Transformer {
    wte: Embedding,
    wpe: Embedding,
    h: Vec<Block>,
    ln_f: LayerNorm,
}

/// A GPT-Neo causal language model on libtorch, computing what Hugging Face's
/// `GPTNeoForCausalLM` computes (eager attention, fp32).
///
/// Its parameters live in a [`VarStore`] under the checkpoint's names
/// (`transformer.h.0.attn.attention.q_proj.weight`, …): see [`GptNeo::from_pretrained`]
/// and [`GptNeo::save_pretrained`].
#[derive(Debug)]
pub struct GptNeo {
    config: GptNeoConfig,
    vs: VarStore,
    transformer: Transformer,
    /// `None` when tied to `transformer.wte.weight`.
    lm_head: Option<Linear>,
}

impl GptNeo {
    /// A model made from scratch: weights drawn as transformers initialises them
    /// (normal with `initializer_range` for linear and embedding weights, zero biases,
    /// unit LayerNorms) from libtorch's generator seeded with `seed` (that generator is
    /// global to the process: do not build models concurrently if you need them
    /// reproducible).
    pub fn new(config: &GptNeoConfig, device: Device, seed: u64) -> Result<Self> {
        config.validate()?;
        tch::manual_seed(seed as i64);
        Self::build(config, device, true)
    }

    /// The model's structure, with random weights (`random`) or zeros.
    pub(crate) fn build(config: &GptNeoConfig, device: Device, random: bool) -> Result<Self> {
        let init = weight_init(config.initializer_range, random);
        let vs = VarStore::new(device);
        let root = vs.root();
        let t = &root / "transformer";
        let (vocab, d) = (config.vocab_size, config.hidden_size);
        let transformer = Transformer {
            wte: Embedding::new(&(&t / "wte"), vocab, d, init)?,
            wpe: Embedding::new(&(&t / "wpe"), config.max_position_embeddings, d, init)?,
            h: config
                .attention_layers()
                .into_iter()
                .enumerate()
                .map(|(i, kind)| Block::new(&(&t / "h" / i), config, kind, init))
                .collect::<Result<_>>()?,
            ln_f: LayerNorm::new(&(&t / "ln_f"), d as i64, config.layer_norm_epsilon)?,
        };
        let lm_head = if config.tie_word_embeddings {
            None
        } else {
            Some(Linear::new(
                &(&root / "lm_head"),
                d as i64,
                vocab as i64,
                false,
                init,
            )?)
        };
        Ok(GptNeo {
            config: config.clone(),
            vs,
            transformer,
            lm_head,
        })
    }

    /// The architecture.
    pub fn config(&self) -> &GptNeoConfig {
        &self.config
    }

    /// Where the parameters live.
    pub fn device(&self) -> Device {
        self.vs.device()
    }

    /// The parameters, by checkpoint name.
    pub fn var_store(&self) -> &VarStore {
        &self.vs
    }

    /// The parameters, mutably (for optimisers).
    pub fn var_store_mut(&mut self) -> &mut VarStore {
        &mut self.vs
    }

    /// An empty key/value cache for incremental decoding with this model.
    pub fn new_cache(&self) -> KvCache {
        KvCache::new(self.config.num_layers)
    }

    /// An empty cache with room for `positions` positions per sequence before it grows.
    pub fn new_cache_with_capacity(&self, positions: usize) -> KvCache {
        KvCache::with_capacity(self.config.num_layers, positions)
    }

    /// Number of parameters (the tied head counted once).
    pub fn num_parameters(&self) -> i64 {
        self.vs
            .trainable_variables()
            .iter()
            .map(Tensor::numel)
            .map(|n| n as i64)
            .sum()
    }

    /// Logits `[batch, seq, vocab]` (fp32) for `input_ids` (`[batch, seq]`, integers).
    ///
    /// - `attention_mask`: `[batch, past + seq]`, nonzero for real tokens and zero for
    ///   padding, covering the cached positions too (as in transformers); `None`: no padding.
    /// - `position_ids`: `[batch or 1, seq]`; `None` means `past, past+1, …` for every row,
    ///   which is what `GPTNeoForCausalLM.forward` does even when given a padding mask.
    ///   For left-padded batches pass [`positions_from_mask`] (what `generate` does).
    /// - `cache`: keys and values of earlier positions; this call's are appended.
    /// - `train`: applies dropout.
    pub fn forward_t(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        position_ids: Option<&Tensor>,
        cache: Option<&mut KvCache>,
        train: bool,
    ) -> Result<Tensor> {
        let hidden = self.residual_stream(input_ids, attention_mask, position_ids, cache, train)?;
        self.head(&hidden)
    }

    /// Logits `[batch, vocab]` of the last position only, for inference (no dropout, no
    /// gradients): what generation samples from. The final LayerNorm and the LM head — the
    /// largest product of a small model — run for one position instead of all. Arguments
    /// as for [`GptNeo::forward_t`].
    pub fn forward_last(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        position_ids: Option<&Tensor>,
        cache: Option<&mut KvCache>,
    ) -> Result<Tensor> {
        let _guard = tch::no_grad_guard();
        let hidden = self.residual_stream(input_ids, attention_mask, position_ids, cache, false)?;
        self.head(&hidden.f_select(1, -1)?)
    }

    /// The summed next-token cross-entropy (nats) of `input_ids` (`[batch, seq]`, no
    /// padding, `seq` at least 2) and the number of predicted tokens, `batch × (seq − 1)`:
    /// what causal-LM training minimises. Each position predicts the next; the last one,
    /// with nothing to predict, never reaches the LM head.
    ///
    /// The head and the loss are fused: the logits (`[batch·(seq − 1), vocab]`, hundreds
    /// of megabytes) are computed once, their gradient `softmax − one-hot` is written over
    /// them in place, and the gradients of the final LayerNorm's output and of the head's
    /// weight are handed to autograd through a surrogate term whose value cancels, so that
    /// `backward` on the result gives the same gradients as the plain cross-entropy
    /// without autograd keeping the logits, their log-softmax and a dense gradient of each.
    pub fn next_token_loss(&self, input_ids: &Tensor, train: bool) -> Result<(Tensor, i64)> {
        let size = input_ids.size();
        if size.len() != 2 || size[1] < 2 {
            return Err(GeneratorError::Input(format!(
                "next-token loss needs input ids of shape [batch, seq >= 2], got {size:?}"
            )));
        }
        let (batch, seq) = (size[0], size[1]);
        let hidden = self.residual_stream(input_ids, None, None, None, train)?;
        let width = self.config.hidden_size as i64;
        let x = self
            .transformer
            .ln_f
            .forward(&hidden.f_narrow(1, 0, seq - 1)?)?
            .f_reshape([-1, width])?;
        let weight = match &self.lm_head {
            Some(head) => &head.weight,
            None => &self.transformer.wte.weight,
        };
        let targets = input_ids
            .f_to_device(self.device())?
            .f_narrow(1, 1, seq - 1)?
            .f_reshape([-1, 1])?;
        // a view of a variable requires a gradient only while gradients are recorded
        let gradients = x.requires_grad() || weight.f_select(0, 0)?.requires_grad();
        let (loss, grads) = tch::no_grad(|| -> Result<(Tensor, Option<(Tensor, Tensor)>)> {
            let (xd, wd) = (x.f_detach()?, weight.f_detach()?);
            let logits = xd.f_matmul(&wd.f_tr()?)?;
            let lse = logits.f_logsumexp([1], true)?;
            let loss = lse
                .f_sub(&logits.f_gather(1, &targets, false)?)?
                .f_sum(Kind::Float)?;
            if !gradients {
                return Ok((loss, None));
            }
            // d(loss)/d(logits) = softmax − one-hot, written over the logits
            let mut grad = logits;
            let _ = grad.f_sub_(&lse)?.f_exp_()?;
            let minus_one =
                Tensor::f_full([targets.size()[0], 1], -1.0, (Kind::Float, grad.device()))?;
            let _ = grad.f_scatter_add_(1, &targets, &minus_one)?;
            let grad_x = grad.f_matmul(&wd)?;
            let grad_weight = grad.f_tr()?.f_matmul(&xd)?;
            Ok((loss, Some((grad_x, grad_weight))))
        })?;
        let loss = match grads {
            Some((gx, gw)) => {
                let surrogate = x
                    .f_mul(&gx)?
                    .f_sum(Kind::Float)?
                    .f_add(&weight.f_mul(&gw)?.f_sum(Kind::Float)?)?;
                surrogate.f_sub(&surrogate.f_detach()?)?.f_add(&loss)?
            }
            None => loss,
        };
        Ok((loss, batch * (seq - 1)))
    }

    /// The residual stream after the last block, before the final LayerNorm.
    fn residual_stream(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        position_ids: Option<&Tensor>,
        mut cache: Option<&mut KvCache>,
        train: bool,
    ) -> Result<Tensor> {
        let past = cache.as_ref().map_or(0, |c| c.len());
        let (_, seq) = self.check_inputs(
            input_ids,
            attention_mask,
            position_ids,
            cache.as_deref(),
            past,
        )?;
        let device = self.device();
        let input_ids = input_ids.f_to_device(device)?;
        let positions = match position_ids {
            Some(p) => p.f_to_device(device)?,
            None => {
                Tensor::f_arange_start(past, past + seq, (Kind::Int64, device))?.f_unsqueeze(0)?
            }
        };
        let padding = attention_mask.map(|m| m.f_to_device(device)).transpose()?;
        let masks = AttentionMasks::new(
            past,
            seq,
            self.config.window_size as i64,
            padding.as_ref(),
            device,
        )?;
        let t = &self.transformer;
        let embedded = t
            .wte
            .forward(&input_ids)?
            .f_add(&t.wpe.forward(&positions)?)?;
        let mut hidden = dropout(embedded, self.config.embed_dropout, train)?;
        for (i, block) in t.h.iter().enumerate() {
            let layer_cache = cache.as_deref_mut().map(|c| (c, i));
            hidden = block.forward_t(&hidden, &masks, layer_cache, train)?;
        }
        Ok(hidden)
    }

    /// Final LayerNorm and LM head: logits over the vocabulary for `hidden` (`[…, hidden]`).
    fn head(&self, hidden: &Tensor) -> Result<Tensor> {
        let t = &self.transformer;
        let hidden = t.ln_f.forward(hidden)?;
        match &self.lm_head {
            Some(head) => Ok(head.forward(&hidden)?),
            None => Ok(hidden.f_linear::<&Tensor>(&t.wte.weight, None)?),
        }
    }

    /// [`GptNeo::forward_t`] for inference: no dropout, no gradients.
    pub fn forward(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        position_ids: Option<&Tensor>,
        cache: Option<&mut KvCache>,
    ) -> Result<Tensor> {
        let _guard = tch::no_grad_guard();
        self.forward_t(input_ids, attention_mask, position_ids, cache, false)
    }

    /// Checks shapes and ranges so that libtorch never sees an index it would abort on.
    fn check_inputs(
        &self,
        input_ids: &Tensor,
        attention_mask: Option<&Tensor>,
        position_ids: Option<&Tensor>,
        cache: Option<&KvCache>,
        past: i64,
    ) -> Result<(i64, i64)> {
        let bad = |m: String| Err(GeneratorError::Input(m));
        let &[batch, seq] = input_ids.size().as_slice() else {
            return bad(format!(
                "input_ids must be [batch, seq], got shape {:?}",
                input_ids.size()
            ));
        };
        if batch == 0 || seq == 0 {
            return bad(format!("input_ids is empty (shape [{batch}, {seq}])"));
        }
        if input_ids.is_floating_point() || input_ids.kind() == Kind::Bool {
            return bad(format!(
                "input_ids must hold integers, got {:?}",
                input_ids.kind()
            ));
        }
        let vocab = self.config.vocab_size as i64;
        let (lo, hi) = min_max(input_ids)?;
        if lo < 0 || hi >= vocab {
            let id = if lo < 0 { lo } else { hi };
            return bad(format!(
                "token id {id} is outside the vocabulary of {vocab}"
            ));
        }
        if let Some(cache) = cache {
            if cache.num_layers() != self.config.num_layers {
                return bad(format!(
                    "the cache was made for {} layers, the model has {}",
                    cache.num_layers(),
                    self.config.num_layers
                ));
            }
            if let Some(b) = cache.batch_size().filter(|&b| b != batch) {
                return bad(format!(
                    "the cache holds {b} sequences, input_ids has {batch}"
                ));
            }
        }
        if let Some(mask) = attention_mask
            && mask.size() != [batch, past + seq]
        {
            return bad(format!(
                "attention_mask must be [batch, past + seq] = [{batch}, {}], got {:?}",
                past + seq,
                mask.size()
            ));
        }
        let max_positions = self.config.max_position_embeddings as i64;
        match position_ids {
            Some(p) => {
                let size = p.size();
                if size.len() != 2 || (size[0] != batch && size[0] != 1) || size[1] != seq {
                    return bad(format!(
                        "position_ids must be [{batch} or 1, {seq}], got {size:?}"
                    ));
                }
                let (lo, hi) = min_max(p)?;
                if lo < 0 || hi >= max_positions {
                    let id = if lo < 0 { lo } else { hi };
                    return bad(format!(
                        "position {id} is outside the position table of {max_positions}"
                    ));
                }
            }
            None if past + seq > max_positions => {
                return bad(format!(
                    "{} positions exceed max_position_embeddings = {max_positions}",
                    past + seq
                ));
            }
            None => {}
        }
        Ok((batch, seq))
    }

    /// Which attention each block uses.
    pub fn attention_layers(&self) -> Vec<AttentionType> {
        self.config.attention_layers()
    }
}

fn min_max(t: &Tensor) -> Result<(i64, i64)> {
    let t = t.f_to_kind(Kind::Int64)?;
    Ok((
        t.f_min()?.f_int64_value(&[])?,
        t.f_max()?.f_int64_value(&[])?,
    ))
}

/// Positions of a left-padded batch, as transformers' `generate` makes them:
/// `cumsum(mask) - 1`, with padded slots set to 0. `mask`: `[batch, seq]`, nonzero for
/// real tokens.
pub fn positions_from_mask(mask: &Tensor) -> Result<Tensor> {
    let mask = mask.f_to_kind(Kind::Int64)?;
    Ok(mask
        .f_cumsum(-1, Kind::Int64)?
        .f_sub_scalar(1)?
        .f_masked_fill(&mask.f_eq(0)?, 0)?)
}
