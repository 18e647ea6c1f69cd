//! GPT-Neo self-attention (`attn.attention`): global and local (windowed) causal masks,
//! padding masks, and the key/value cache of incremental decoding.
//!
//! Mirrors `GPTNeoSelfAttention` of transformers' `modeling_gpt_neo.py`: no bias on the
//! query/key/value projections, **no** `1/sqrt(head_dim)` scaling of the scores, scores
//! and softmax in fp32, masked scores set to the fp32 minimum.

use tch::nn::{Init, Path};
use tch::{Device, Kind, Tensor};

use crate::error::{GeneratorError, Result};
use crate::model::config::{AttentionType, GptNeoConfig};
use crate::model::layers::{Linear, dropout};

/// Keys and values of every earlier position, per layer, for incremental decoding.
///
/// Slot `j` of the cache holds the token fed at step `j` of the sequence (padding
/// included): attention masks and local windows are expressed over these slots, as in
/// Hugging Face's `DynamicCache`. Each layer's keys and values live in buffers with room
/// for more positions (doubling when full), so a step writes its own keys and values
/// instead of copying every earlier one into a new tensor.
#[derive(Debug)]
pub struct KvCache {
    layers: Vec<Option<LayerCache>>,
    capacity: i64,
}

/// One layer's buffers, `[batch, heads, capacity, head_dim]`, of which `len` slots are used.
#[derive(Debug)]
struct LayerCache {
    keys: Tensor,
    values: Tensor,
    len: i64,
}

impl LayerCache {
    fn used(&self) -> Result<(Tensor, Tensor)> {
        Ok((
            self.keys.f_narrow(2, 0, self.len)?,
            self.values.f_narrow(2, 0, self.len)?,
        ))
    }
}

impl KvCache {
    /// An empty cache for a model with `num_layers` blocks.
    pub fn new(num_layers: usize) -> Self {
        Self::with_capacity(num_layers, 0)
    }

    /// An empty cache with room for `positions` positions before it grows.
    pub fn with_capacity(num_layers: usize, positions: usize) -> Self {
        KvCache {
            layers: (0..num_layers).map(|_| None).collect(),
            capacity: positions as i64,
        }
    }

    /// Number of cached positions (0 when empty).
    pub fn len(&self) -> i64 {
        match self.layers.first() {
            Some(Some(layer)) => layer.len,
            _ => 0,
        }
    }

    /// Whether nothing is cached yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of sequences in the cached batch (`None` when empty).
    pub fn batch_size(&self) -> Option<i64> {
        match self.layers.first() {
            Some(Some(layer)) => Some(layer.keys.size()[0]),
            _ => None,
        }
    }

    /// Number of blocks the cache was made for.
    pub fn num_layers(&self) -> usize {
        self.layers.len()
    }

    /// Keeps only the batch rows listed in `rows` (an Int64 tensor of row indices), in
    /// that order: drops finished sequences from a batch.
    pub fn select_rows(&mut self, rows: &Tensor) -> Result<()> {
        for layer in self.layers.iter_mut().flatten() {
            layer.keys = layer.keys.f_index_select(0, rows)?;
            layer.values = layer.values.f_index_select(0, rows)?;
        }
        Ok(())
    }

    /// Appends this step's keys and values of `layer`; returns all of them.
    fn append(&mut self, layer: usize, key: Tensor, value: Tensor) -> Result<(Tensor, Tensor)> {
        let (batch, heads, new, dim) = key.size4()?;
        let Some(slot) = self.layers.get_mut(layer) else {
            return Err(GeneratorError::Input(format!(
                "layer {layer} of a cache made for {} layers",
                self.layers.len()
            )));
        };
        let len = slot.as_ref().map_or(0, |l| l.len);
        let capacity = slot.as_ref().map_or(0, |l| l.keys.size()[2]);
        if len + new > capacity {
            let room = (len + new).max(self.capacity).max(2 * capacity);
            let options = (key.kind(), key.device());
            let keys = Tensor::f_empty([batch, heads, room, dim], options)?;
            let values = Tensor::f_empty([batch, heads, room, dim], options)?;
            if let Some(old) = slot.as_ref() {
                let (k, v) = old.used()?;
                keys.f_narrow(2, 0, len)?.f_copy_(&k)?;
                values.f_narrow(2, 0, len)?.f_copy_(&v)?;
            }
            *slot = Some(LayerCache { keys, values, len });
        }
        let Some(cache) = slot.as_mut() else {
            // just filled above
            return Ok((key, value));
        };
        cache.keys.f_narrow(2, len, new)?.f_copy_(&key)?;
        cache.values.f_narrow(2, len, new)?.f_copy_(&value)?;
        cache.len = len + new;
        cache.used()
    }
}

/// Where attention is **blocked**, for each kind of layer: boolean tensors of shape
/// `[batch or 1, 1, queries, keys]`, true where a query may not see a key.
#[derive(Debug)]
pub(crate) struct AttentionMasks {
    global: Tensor,
    local: Tensor,
}

impl AttentionMasks {
    /// Masks for `queries` new positions after `past` cached ones. Query `t` sits in slot
    /// `past + t`; it sees slot `j` when `j <= past + t` (global), and also
    /// `past + t - j < window` (local) — transformers' `tril ^ tril(·, -window)` — and
    /// when `padding[b, j]` is nonzero (`padding`: `[batch, past + queries]`).
    pub fn new(
        past: i64,
        queries: i64,
        window: i64,
        padding: Option<&Tensor>,
        device: Device,
    ) -> Result<Self> {
        let query_slots =
            Tensor::f_arange_start(past, past + queries, (Kind::Int64, device))?.f_unsqueeze(1)?;
        let key_slots = Tensor::f_arange(past + queries, (Kind::Int64, device))?.f_unsqueeze(0)?;
        let causal = key_slots.f_le_tensor(&query_slots)?;
        let in_window = query_slots.f_sub(&key_slots)?.f_lt(window)?;
        let local = causal.f_logical_and(&in_window)?;
        let (mut global, mut local) = (
            causal.f_view([1, 1, queries, past + queries])?,
            local.f_view([1, 1, queries, past + queries])?,
        );
        if let Some(padding) = padding {
            let (batch, _) = padding.size2()?;
            let keep = padding.f_ne(0)?.f_view([batch, 1, 1, past + queries])?;
            global = global.f_logical_and(&keep)?;
            local = local.f_logical_and(&keep)?;
        }
        Ok(AttentionMasks {
            global: global.f_logical_not()?,
            local: local.f_logical_not()?,
        })
    }

    fn blocked(&self, kind: AttentionType) -> &Tensor {
        match kind {
            AttentionType::Global => &self.global,
            AttentionType::Local => &self.local,
        }
    }
}

/// `GPTNeoSelfAttention`: fields named as the checkpoint's `attn.attention.*` tensors.
#[derive(Debug)]
pub(crate) struct SelfAttention {
    q_proj: Linear,
    k_proj: Linear,
    v_proj: Linear,
    out_proj: Linear,
    attention_type: AttentionType,
    num_heads: i64,
    head_dim: i64,
    attention_dropout: f64,
    resid_dropout: f64,
}

impl SelfAttention {
    pub fn new(
        p: &Path,
        config: &GptNeoConfig,
        attention_type: AttentionType,
        init: Init,
    ) -> Result<Self> {
        let d = config.hidden_size as i64;
        Ok(SelfAttention {
            q_proj: Linear::new(&(p / "q_proj"), d, d, false, init)?,
            k_proj: Linear::new(&(p / "k_proj"), d, d, false, init)?,
            v_proj: Linear::new(&(p / "v_proj"), d, d, false, init)?,
            out_proj: Linear::new(&(p / "out_proj"), d, d, true, init)?,
            attention_type,
            num_heads: config.num_heads as i64,
            head_dim: config.head_dim() as i64,
            attention_dropout: config.attention_dropout,
            resid_dropout: config.resid_dropout,
        })
    }

    /// `[batch, seq, hidden]` → `[batch, heads, seq, head_dim]`.
    fn split_heads(&self, x: &Tensor) -> Result<Tensor> {
        let (b, t, _) = x.size3()?;
        Ok(x.f_view([b, t, self.num_heads, self.head_dim])?
            .f_permute([0, 2, 1, 3])?)
    }

    /// Attends from `x` (`[batch, seq, hidden]`, already layer-normed) to itself and to
    /// the cached positions of `layer`, appending this step's keys and values.
    pub fn forward_t(
        &self,
        x: &Tensor,
        masks: &AttentionMasks,
        cache: Option<(&mut KvCache, usize)>,
        train: bool,
    ) -> Result<Tensor> {
        let query = self.split_heads(&self.q_proj.forward(x)?)?;
        let key = self.split_heads(&self.k_proj.forward(x)?)?;
        let value = self.split_heads(&self.v_proj.forward(x)?)?;
        let (key, value) = match cache {
            Some((cache, layer)) => cache.append(layer, key, value)?,
            None => (key, value),
        };
        // modeling_gpt_neo.py `_attn`: fp32 scores without scaling, masked with the fp32 minimum.
        let scores = query
            .f_to_kind(Kind::Float)?
            .f_matmul(&key.f_to_kind(Kind::Float)?.f_transpose(-1, -2)?)?
            .f_masked_fill(masks.blocked(self.attention_type), f64::from(f32::MIN))?;
        let probs = scores.f_softmax(-1, Kind::Float)?.f_to_kind(value.kind())?;
        let probs = dropout(probs, self.attention_dropout, train)?;
        let (b, t, _) = x.size3()?;
        let merged = probs
            .f_matmul(&value)?
            .f_permute([0, 2, 1, 3])?
            .f_contiguous()?
            .f_view([b, t, self.num_heads * self.head_dim])?;
        dropout(self.out_proj.forward(&merged)?, self.resid_dropout, train)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(mask: &Tensor) -> Vec<Vec<bool>> {
        let m = mask.logical_not().squeeze();
        let rows = m.size()[0];
        (0..rows)
            .map(|i| Vec::<bool>::try_from(m.get(i)).unwrap())
            .collect()
    }

    #[test]
    fn local_window_sees_the_last_window_positions() {
        // Window 3 over 5 positions: i sees j with i - 3 < j <= i (hand-written table).
        let masks = AttentionMasks::new(0, 5, 3, None, Device::Cpu).unwrap();
        let expected = [
            [true, false, false, false, false],
            [true, true, false, false, false],
            [true, true, true, false, false],
            [false, true, true, true, false],
            [false, false, true, true, true],
        ];
        let got = allowed(&masks.local);
        for (i, row) in expected.iter().enumerate() {
            assert_eq!(got[i], row.to_vec(), "row {i}");
        }
        let global = allowed(&masks.global);
        assert_eq!(global[4], vec![true; 5]);
        assert_eq!(global[0], vec![true, false, false, false, false]);
    }

    #[test]
    fn cached_queries_sit_after_the_past() {
        // One new query after 4 cached slots, window 2: it is slot 4 and sees slots 3 and 4.
        let masks = AttentionMasks::new(4, 1, 2, None, Device::Cpu).unwrap();
        let got = Vec::<bool>::try_from(masks.local.logical_not().flatten(0, -1)).unwrap();
        assert_eq!(got, vec![false, false, false, true, true]);
    }

    #[test]
    fn padding_blocks_keys() {
        let padding = Tensor::from_slice(&[0i64, 1, 1, 1, 1, 1]).view([2, 3]);
        let masks = AttentionMasks::new(0, 3, 8, Some(&padding), Device::Cpu).unwrap();
        let seen = masks.global.logical_not();
        // Row 0 is left-padded by one: its last query sees slots 1 and 2 only.
        let last = Vec::<bool>::try_from(seen.get(0).get(0).get(2)).unwrap();
        assert_eq!(last, vec![false, true, true]);
        let last = Vec::<bool>::try_from(seen.get(1).get(0).get(2)).unwrap();
        assert_eq!(last, vec![true, true, true]);
    }
}
