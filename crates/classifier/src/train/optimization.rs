//! What fine-tuning and pre-training share: AdamW with weight decay on weights only, a
//! linear warm-up then linear decay of the learning rate, gradient clipping, snapshots of
//! the best weights, and the lock that makes seeded runs reproducible.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use model_kit::{AdamW, AdamWConfig, WarmupLinearDecay};
use serde::{Deserialize, Serialize};
use tch::nn::VarStore;
use tch::{Device, Tensor};

use crate::error::{ClassifierError, Result};

/// Optimiser settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OptimizerSettings {
    /// Peak learning rate (reached at the end of warm-up).
    pub learning_rate: f64,
    /// AdamW's decoupled weight decay, applied to weights but not to biases or LayerNorm.
    pub weight_decay: f64,
    /// Fraction of all steps spent warming the learning rate up linearly from 0.
    pub warmup_fraction: f64,
    /// Gradients are rescaled so that their global L2 norm is at most this (0: no clipping).
    pub max_grad_norm: f64,
}

impl Default for OptimizerSettings {
    /// Fine-tuning a pre-trained DeBERTa: 2e-5, weight decay 0.01, 10% warm-up, clip at 1.
    fn default() -> Self {
        OptimizerSettings {
            learning_rate: 2e-5,
            weight_decay: 0.01,
            warmup_fraction: 0.1,
            max_grad_norm: 1.0,
        }
    }
}

impl OptimizerSettings {
    pub(crate) fn validate(&self) -> Result<()> {
        let ok = self.learning_rate > 0.0
            && self.learning_rate.is_finite()
            && self.weight_decay >= 0.0
            && (0.0..=1.0).contains(&self.warmup_fraction)
            && self.max_grad_norm >= 0.0;
        if ok {
            Ok(())
        } else {
            Err(ClassifierError::Setting(format!(
                "invalid optimizer settings {self:?}"
            )))
        }
    }

    /// The learning rate at `step` (0-based) of `total`: linear warm-up, then linear decay to 0.
    pub fn learning_rate_at(&self, step: usize, total: usize) -> f64 {
        WarmupLinearDecay::new(self.learning_rate, self.warmup_fraction, total).rate_at(step)
    }
}

/// An AdamW optimiser over the variables of `vs` following `settings` (see
/// [`model_kit::AdamW`]).
pub(crate) struct Trainer(AdamW);

impl Trainer {
    pub(crate) fn new(
        vs: &VarStore,
        settings: OptimizerSettings,
        total_steps: usize,
    ) -> Result<Self> {
        settings.validate()?;
        let config = AdamWConfig {
            learning_rate: settings.learning_rate,
            weight_decay: settings.weight_decay,
            warmup_fraction: settings.warmup_fraction,
            max_grad_norm: settings.max_grad_norm,
        };
        Ok(Trainer(AdamW::new(vs, config, total_steps)?))
    }

    /// One step: gradients of `loss`, clipping, the scheduled learning rate, the update.
    pub(crate) fn step(&mut self, loss: &Tensor) -> Result<f64> {
        Ok(self.0.step(loss)?)
    }
}

/// libtorch's global generator draws the dropout masks: a training run seeds it and holds
/// this lock, so that two runs in one process never interleave their draws.
static TORCH_RNG: Mutex<()> = Mutex::new(());

/// Seeds libtorch's generator and holds it for the caller's run.
pub(crate) fn seeded_torch(seed: u64) -> MutexGuard<'static, ()> {
    let guard = TORCH_RNG
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    tch::manual_seed(seed as i64);
    guard
}

/// A copy of every variable, on the CPU.
pub(crate) struct Snapshot(BTreeMap<String, Tensor>);

impl Snapshot {
    pub(crate) fn take(vs: &VarStore) -> Result<Self> {
        let mut out = BTreeMap::new();
        for (name, t) in vs.variables() {
            // a fresh CPU tensor: `to(Cpu)` of a CPU tensor would alias the variable
            let mut copy = Tensor::f_zeros(t.size(), (t.kind(), Device::Cpu))?;
            tch::no_grad(|| copy.f_copy_(&t))?;
            out.insert(name, copy);
        }
        Ok(Snapshot(out))
    }

    pub(crate) fn restore(&self, vs: &VarStore) -> Result<()> {
        for (name, var) in vs.variables() {
            let src = self
                .0
                .get(&name)
                .ok_or_else(|| ClassifierError::Setting(format!("snapshot lacks `{name}`")))?;
            let mut var = var;
            tch::no_grad(|| -> Result<()> {
                var.f_copy_(&src.f_to(var.device())?)?;
                Ok(())
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_warms_up_then_decays_to_zero() {
        let s = OptimizerSettings {
            learning_rate: 1.0,
            warmup_fraction: 0.2,
            ..OptimizerSettings::default()
        };
        // 10 steps, 2 of warm-up: 0.5, 1.0, then (10 - s) / 8 for s = 2..9 (by hand)
        let lrs: Vec<f64> = (0..10).map(|i| s.learning_rate_at(i, 10)).collect();
        assert_eq!(
            lrs,
            vec![0.5, 1.0, 1.0, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125]
        );
    }
}
