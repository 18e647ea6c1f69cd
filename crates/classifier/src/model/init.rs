//! Seeded random initialisation of new weights, as `transformers`' `_init_weights` does
//! it: normal(0, `initializer_range`) for weights and embedding tables (the padding row
//! zero), zeros for biases, ones for LayerNorm weights.
//!
//! Values come from a ChaCha8 stream per variable (seed + the variable's name), not from
//! libtorch's global generator, so that a model is the same for a seed whatever else the
//! process does, and adding a variable does not change the others.

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tch::{Kind, Tensor, nn::VarStore};

use crate::error::Result;
use crate::model::config::DebertaConfig;

/// Initialises every variable of `vs` for which `select` is true, with the
/// configuration's `initializer_range` and `pad_token_id`.
pub fn initialize(
    vs: &VarStore,
    config: &DebertaConfig,
    seed: u64,
    select: impl Fn(&str) -> bool,
) -> Result<()> {
    let (initializer_range, pad_token_id) = (config.initializer_range, config.pad_token_id);
    let variables: BTreeMap<String, Tensor> = vs.variables().into_iter().collect();
    for (name, var) in variables.iter().filter(|(n, _)| select(n)) {
        let mut var = var.shallow_clone();
        let values = if name.ends_with("LayerNorm.weight") {
            Tensor::f_ones(var.size(), (Kind::Float, var.device()))?
        } else if name.ends_with("bias") {
            Tensor::f_zeros(var.size(), (Kind::Float, var.device()))?
        } else {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(name_hash(name));
            let mut v = normal_values(&mut rng, var.numel(), initializer_range);
            if name == "deberta.embeddings.word_embeddings.weight" {
                let width = var.size().get(1).copied().unwrap_or(0) as usize;
                let start = pad_token_id as usize * width;
                if let Some(row) = v.get_mut(start..start + width) {
                    row.fill(0.0);
                }
            }
            Tensor::f_from_slice(&v)?
                .f_view(var.size().as_slice())?
                .f_to(var.device())?
        };
        tch::no_grad(|| var.f_copy_(&values))?;
    }
    Ok(())
}

/// `n` draws of normal(0, `std`) (Box–Muller on the stream's uniforms), as f32.
fn normal_values(rng: &mut ChaCha8Rng, n: usize, std: f64) -> Vec<f32> {
    let mut out = Vec::with_capacity(n + 1);
    while out.len() < n {
        let u1: f64 = 1.0 - rng.random::<f64>(); // in (0, 1]
        let u2: f64 = rng.random::<f64>();
        let r = (-2.0 * u1.ln()).sqrt() * std;
        let theta = std::f64::consts::TAU * u2;
        out.push((r * theta.cos()) as f32);
        out.push((r * theta.sin()) as f32);
    }
    out.truncate(n);
    out
}

/// FNV-1a of the name: the variable's stream number.
fn name_hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_draws_have_the_requested_spread() {
        // 100,000 draws: the sample mean is within 4 standard errors (4 · 0.02 / sqrt(1e5)
        // ≈ 2.5e-4) of 0 and the sample std within 2% of 0.02
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let v = normal_values(&mut rng, 100_000, 0.02);
        let mean = v.iter().map(|&x| f64::from(x)).sum::<f64>() / v.len() as f64;
        let var = v
            .iter()
            .map(|&x| (f64::from(x) - mean).powi(2))
            .sum::<f64>()
            / v.len() as f64;
        assert!(mean.abs() < 2.5e-4, "{mean}");
        assert!((var.sqrt() - 0.02).abs() < 0.0004, "{}", var.sqrt());
    }
}
