//! GPT-Neo self-attention (`attn.attention`): global and local (windowed) causal masks,
//! padding masks, and the key/value cache of incremental decoding.
//!
//! Mirrors `GPTNeoSelfAttention` of transformers' `modeling_gpt_neo.py`: no bias on the
//! query/key/value projections, **no** `1/sqrt(head_dim)` scaling of the scores, scores
//! and softmax in fp32, masked scores set to the fp32 minimum.

use tch::nn::{Init, Path};
use tch::{Device, Kind, Tensor};

use crate::model::config::{AttentionType, GptNeoConfig};
use crate::model::layers::Linear;

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
    fn used(&self) -> (Tensor, Tensor) {
        (
            self.keys.narrow(2, 0, self.len),
            self.values.narrow(2, 0, self.len),
        )
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
    pub fn select_rows(&mut self, rows: &Tensor) {
        for layer in self.layers.iter_mut().flatten() {
            layer.keys = layer.keys.index_select(0, rows);
            layer.values = layer.values.index_select(0, rows);
        }
    }

    /// Appends this step's keys and values of `layer`; returns all of them.
    fn append(&mut self, layer: usize, key: Tensor, value: Tensor) -> (Tensor, Tensor) {
        let size = key.size();
        let (batch, heads, new, dim) = (size[0], size[1], size[2], size[3]);
        let slot = &mut self.layers[layer];
        let len = slot.as_ref().map_or(0, |l| l.len);
        let capacity = slot.as_ref().map_or(0, |l| l.keys.size()[2]);
        if len + new > capacity {
            let room = (len + new).max(self.capacity).max(2 * capacity);
            let options = (key.kind(), key.device());
            let keys = Tensor::empty([batch, heads, room, dim], options);
            let values = Tensor::empty([batch, heads, room, dim], options);
            if let Some(old) = slot.as_ref() {
                let (k, v) = old.used();
                keys.narrow(2, 0, len).copy_(&k);
                values.narrow(2, 0, len).copy_(&v);
            }
            *slot = Some(LayerCache { keys, values, len });
        }
        let Some(cache) = slot.as_mut() else {
            // just filled above
            return (key, value);
        };
        cache.keys.narrow(2, len, new).copy_(&key);
        cache.values.narrow(2, len, new).copy_(&value);
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
    ) -> Self {
        let query_slots =
            Tensor::arange_start(past, past + queries, (Kind::Int64, device)).unsqueeze(1);
        let key_slots = Tensor::arange(past + queries, (Kind::Int64, device)).unsqueeze(0);
        let causal = key_slots.le_tensor(&query_slots);
        let in_window = (&query_slots - &key_slots).lt(window);
        let local = causal.logical_and(&in_window);
        let (mut global, mut local) = (
            causal.view([1, 1, queries, past + queries]),
            local.view([1, 1, queries, past + queries]),
        );
        if let Some(padding) = padding {
            let batch = padding.size()[0];
            let keep = padding.ne(0).view([batch, 1, 1, past + queries]);
            global = global.logical_and(&keep);
            local = local.logical_and(&keep);
        }
        AttentionMasks {
            global: global.logical_not(),
            local: local.logical_not(),
        }
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
    pub fn new(p: &Path, config: &GptNeoConfig, attention_type: AttentionType, init: Init) -> Self {
        let d = config.hidden_size;
        SelfAttention {
            q_proj: Linear::new(&(p / "q_proj"), d, d, false, init),
            k_proj: Linear::new(&(p / "k_proj"), d, d, false, init),
            v_proj: Linear::new(&(p / "v_proj"), d, d, false, init),
            out_proj: Linear::new(&(p / "out_proj"), d, d, true, init),
            attention_type,
            num_heads: config.num_heads as i64,
            head_dim: config.head_dim() as i64,
            attention_dropout: config.attention_dropout,
            resid_dropout: config.resid_dropout,
        }
    }

    /// `[batch, seq, hidden]` → `[batch, heads, seq, head_dim]`.
    fn split_heads(&self, x: &Tensor) -> Tensor {
        let (b, t) = (x.size()[0], x.size()[1]);
        x.view([b, t, self.num_heads, self.head_dim])
            .permute([0, 2, 1, 3])
    }

    /// Attends from `x` (`[batch, seq, hidden]`, already layer-normed) to itself and to
    /// the cached positions of `layer`, appending this step's keys and values.
    pub fn forward_t(
        &self,
        x: &Tensor,
        masks: &AttentionMasks,
        cache: Option<(&mut KvCache, usize)>,
        train: bool,
    ) -> Tensor {
        let query = self.split_heads(&self.q_proj.forward(x));
        let key = self.split_heads(&self.k_proj.forward(x));
        let value = self.split_heads(&self.v_proj.forward(x));
        let (key, value) = match cache {
            Some((cache, layer)) => cache.append(layer, key, value),
            None => (key, value),
        };
        // modeling_gpt_neo.py `_attn`: fp32 scores without scaling, masked with the fp32 minimum.
        let scores = query
            .to_kind(Kind::Float)
            .matmul(&key.to_kind(Kind::Float).transpose(-1, -2))
            .masked_fill(masks.blocked(self.attention_type), f64::from(f32::MIN));
        let probs = scores
            .softmax(-1, Kind::Float)
            .to_kind(value.kind())
            .dropout(self.attention_dropout, train);
        let (b, t) = (x.size()[0], x.size()[1]);
        let merged = probs
            .matmul(&value)
            .permute([0, 2, 1, 3])
            .contiguous()
            .view([b, t, self.num_heads * self.head_dim]);
        self.out_proj
            .forward(&merged)
            .dropout(self.resid_dropout, train)
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
        let masks = AttentionMasks::new(0, 5, 3, None, Device::Cpu);
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
        let masks = AttentionMasks::new(4, 1, 2, None, Device::Cpu);
        let got = Vec::<bool>::try_from(masks.local.logical_not().flatten(0, -1)).unwrap();
        assert_eq!(got, vec![false, false, false, true, true]);
    }

    #[test]
    fn padding_blocks_keys() {
        let padding = Tensor::from_slice(&[0i64, 1, 1, 1, 1, 1]).view([2, 3]);
        let masks = AttentionMasks::new(0, 3, 8, Some(&padding), Device::Cpu);
        let seen = masks.global.logical_not();
        // Row 0 is left-padded by one: its last query sees slots 1 and 2 only.
        let last = Vec::<bool>::try_from(seen.get(0).get(0).get(2)).unwrap();
        assert_eq!(last, vec![false, true, true]);
        let last = Vec::<bool>::try_from(seen.get(1).get(0).get(2)).unwrap();
        assert_eq!(last, vec![true, true, true]);
    }
}
