//! The training recipe both model crates use: AdamW with weight decay on weights only
//! (parameter group [`DECAY`]; biases and LayerNorm parameters in [`NO_DECAY`]), the
//! learning rate warmed up linearly from 0 then decayed linearly to 0
//! ([`WarmupLinearDecay`]), and the gradients' global L2 norm clipped.
//!
//! Every libtorch call is a fallible one: a failure is an
//! [`Error::Torch`](crate::Error::Torch), never a
//! panic (`tch::nn::Optimizer` unwraps its calls).

use std::sync::{Arc, Mutex, MutexGuard};

use tch::nn::{VarStore, Variables};
use tch::{COptimizer, Tensor};

use crate::error::Result;

/// Optimizer group of parameters that get weight decay (weight matrices, embeddings).
pub const DECAY: usize = 0;
/// Optimizer group of biases and LayerNorm parameters: no weight decay.
pub const NO_DECAY: usize = 1;

/// A linear warm-up from 0 to `peak` over the first `warmup_fraction` of the steps, then
/// a linear decay to 0 at the last step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WarmupLinearDecay {
    peak: f64,
    warmup: f64,
    total: f64,
}

impl WarmupLinearDecay {
    /// The schedule of `total_steps` steps (at least one is assumed) whose first
    /// `round(warmup_fraction · total_steps)` warm up.
    pub fn new(peak: f64, warmup_fraction: f64, total_steps: usize) -> Self {
        let total = total_steps.max(1) as f64;
        WarmupLinearDecay {
            peak,
            warmup: (warmup_fraction * total).round(),
            total,
        }
    }

    /// The learning rate at `step` (0-based): `peak · (step + 1) / warmup` while warming
    /// up, then `peak · (total − step) / (total − warmup)`, and 0 from the last step on.
    pub fn rate_at(&self, step: usize) -> f64 {
        let s = step as f64;
        if s < self.warmup {
            self.peak * (s + 1.0) / self.warmup
        } else {
            self.peak * ((self.total - s) / (self.total - self.warmup).max(1.0)).max(0.0)
        }
    }
}

/// AdamW settings and schedule of one training run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamWConfig {
    /// Peak learning rate.
    pub learning_rate: f64,
    /// Decoupled weight decay of the [`DECAY`] group.
    pub weight_decay: f64,
    /// Fraction of the steps spent warming up.
    pub warmup_fraction: f64,
    /// Gradients are rescaled so that their global L2 norm is at most this (0: no
    /// clipping).
    pub max_grad_norm: f64,
}

/// AdamW (β = 0.9, 0.999, ε = 1e-8) over the trainable variables of a [`VarStore`],
/// stepping along a [`WarmupLinearDecay`] schedule.
#[derive(Debug)]
pub struct AdamW {
    optimizer: COptimizer,
    variables: Arc<Mutex<Variables>>,
    schedule: WarmupLinearDecay,
    max_grad_norm: f64,
    step: usize,
}

impl AdamW {
    /// The optimiser over `vs`'s trainable variables (weight decay in group [`DECAY`]
    /// only), scheduled over `total_steps`.
    pub fn new(vs: &VarStore, config: AdamWConfig, total_steps: usize) -> Result<Self> {
        let mut optimizer = COptimizer::adamw(
            config.learning_rate,
            0.9,
            0.999,
            config.weight_decay,
            1e-8,
            false,
        )?;
        let variables = vs.variables_.clone();
        {
            let held = lock(&variables);
            for var in &held.trainable_variables {
                optimizer.add_parameters(&var.tensor, var.group)?;
            }
            let groups: Vec<usize> = held.trainable_variables.iter().map(|v| v.group).collect();
            if groups.contains(&DECAY) {
                optimizer.set_weight_decay_group(DECAY, config.weight_decay)?;
            }
            if groups.contains(&NO_DECAY) {
                optimizer.set_weight_decay_group(NO_DECAY, 0.0)?;
            }
        }
        Ok(AdamW {
            optimizer,
            variables,
            schedule: WarmupLinearDecay::new(
                config.learning_rate,
                config.warmup_fraction,
                total_steps,
            ),
            max_grad_norm: config.max_grad_norm,
            step: 0,
        })
    }

    /// One step: the gradients of `loss`, clipping, the scheduled learning rate, the
    /// update. Returns the learning rate used.
    pub fn step(&mut self, loss: &Tensor) -> Result<f64> {
        let lr = self.schedule.rate_at(self.step);
        self.optimizer.zero_grad()?;
        loss.f_backward()?;
        if self.max_grad_norm > 0.0 {
            self.clip_grad_norm(self.max_grad_norm)?;
        }
        self.optimizer.set_learning_rate(lr)?;
        self.optimizer.step()?;
        self.step += 1;
        Ok(lr)
    }

    /// Steps taken so far.
    pub fn steps(&self) -> usize {
        self.step
    }

    /// The schedule.
    pub fn schedule(&self) -> WarmupLinearDecay {
        self.schedule
    }

    /// Rescales the gradients so that their global L2 norm is at most `max` (as
    /// `torch.nn.utils.clip_grad_norm_` and `tch`'s `clip_grad_norm`: the factor is
    /// `max / (norm + 1e-6)` when below 1).
    fn clip_grad_norm(&self, max: f64) -> Result<()> {
        let _guard = tch::no_grad_guard();
        let held = lock(&self.variables);
        let mut grads = Vec::new();
        for var in &held.trainable_variables {
            let grad = var.tensor.f_grad()?;
            if grad.defined() {
                grads.push(grad);
            }
        }
        if grads.is_empty() {
            return Ok(());
        }
        let norms = grads
            .iter()
            .map(Tensor::f_norm)
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let total = f64::try_from(Tensor::f_stack(&norms, 0)?.f_norm()?)?;
        let coefficient = max / (total + 1e-6);
        if coefficient < 1.0 {
            for mut grad in grads {
                let _ = grad.f_mul_scalar_(coefficient)?;
            }
        }
        Ok(())
    }
}

/// The variables, even if another thread panicked while holding them (they are only
/// read here).
fn lock(variables: &Mutex<Variables>) -> MutexGuard<'_, Variables> {
    variables
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::nn::{Init, OptimizerConfig};
    use tch::{Device, Kind};

    #[test]
    fn the_schedule_warms_up_then_decays_to_zero() {
        // 10 steps, 2 of warm-up: 0.5, 1.0, then (10 - s) / 8 for s = 2..9 (by hand)
        let s = WarmupLinearDecay::new(1.0, 0.2, 10);
        let lrs: Vec<f64> = (0..12).map(|i| s.rate_at(i)).collect();
        assert_eq!(
            lrs,
            vec![
                0.5, 1.0, 1.0, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0.0, 0.0
            ]
        );
    }

    /// A store with a weight (decayed) and a bias (not), filled with fixed values.
    fn store() -> VarStore {
        let vs = VarStore::new(Device::Cpu);
        let root = vs.root();
        let _ = root.set_group(DECAY).var("w", &[3, 2], Init::Const(0.5));
        let _ = root.set_group(NO_DECAY).var("b", &[3], Init::Const(-0.25));
        vs
    }

    fn loss(vs: &VarStore) -> Tensor {
        let v = vs.variables();
        let x = Tensor::from_slice(&[1.0f32, -2.0]).view([1, 2]);
        (x.linear(&v["w"], Some(&v["b"])) * 10.0)
            .pow_tensor_scalar(2)
            .sum(Kind::Float)
    }

    #[test]
    fn steps_are_tchs_adamw_with_clipping_and_the_schedule() {
        let config = AdamWConfig {
            learning_rate: 0.1,
            weight_decay: 0.3,
            warmup_fraction: 0.25,
            max_grad_norm: 1.0,
        };
        let (ours_vs, theirs_vs) = (store(), store());
        let mut ours = AdamW::new(&ours_vs, config, 4).unwrap();
        let mut theirs = tch::nn::AdamW::default().build(&theirs_vs, 0.1).unwrap();
        theirs.set_weight_decay_group(DECAY, 0.3);
        theirs.set_weight_decay_group(NO_DECAY, 0.0);
        let schedule = WarmupLinearDecay::new(0.1, 0.25, 4);
        for step in 0..4 {
            let lr = ours.step(&loss(&ours_vs)).unwrap();
            assert_eq!(lr, schedule.rate_at(step));
            theirs.zero_grad();
            loss(&theirs_vs).backward();
            theirs.clip_grad_norm(1.0);
            theirs.set_lr(lr);
            theirs.step();
        }
        assert_eq!(ours.steps(), 4);
        let (a, b) = (ours_vs.variables(), theirs_vs.variables());
        for name in ["w", "b"] {
            assert!(
                a[name].equal(&b[name]),
                "{name}: {} vs {}",
                a[name],
                b[name]
            );
        }
    }
}
