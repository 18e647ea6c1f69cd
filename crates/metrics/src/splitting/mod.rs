//! Adaptive multi-level splitting (AMS): estimates `p = P(score(X) ≥ threshold)` for
//! `X ~ π` when `p` is far too small to see by sampling (1e-6, 1e-12…).
//!
//! The algorithm is the generalised AMS of Bréhier, Gazeau, Goudenège, Lelièvre and
//! Rousset (2016), which is the one of Cérou & Guyader (2007) and Webb et al. (2018,
//! *A statistical approach to assessing neural network robustness*) made unbiased when
//! scores tie:
//!
//! 1. draw `N` particles from `π` and score them;
//! 2. the level `z` is the `k`-th smallest score; if `z ≥ threshold`, stop;
//! 3. kill **every** particle with score `≤ z` (`K ≥ k` of them: all ties at the level go,
//!    which is what keeps the estimator unbiased for discrete scores, e.g. text); if all
//!    `N` die, stop with estimate 0 ("extinction");
//! 4. multiply the running estimate by `(N − K) / N`;
//! 5. replace each killed particle by a copy of a survivor drawn uniformly (with
//!    replacement), then move each copy with `mcmc_steps` steps of a Markov kernel that
//!    leaves `π` conditioned on `score > z` invariant: the problem proposes a move from a
//!    `π`-reversible kernel ([`SplittingProblem::propose`]) and the move is kept only if
//!    its score is `> z`; go to 2.
//!
//! The estimate is `p̂ = Π (1 − K_j / N) · #{score ≥ threshold} / N`, unbiased for any `N`
//! and `k` when the kernel samples the conditional law exactly (Bréhier et al., Thm. 4.1),
//! and consistent as the kernel mixes.
//!
//! **Batching.** The particles killed at a level are copied and moved together: each MCMC
//! step makes one [`SplittingProblem::propose`] call and one [`SplittingProblem::score`]
//! call on all of them, so a neural scorer sees batches of `K` (choose `k` ≈ N/10 for big
//! batches and few iterations; `k = 1` for the smallest variance per score evaluation).
//!
//! **Interval of one run** ([`run_splitting`]): the asymptotic variance of the ideal
//! algorithm, treating each level's survival fraction as an independent binomial
//! proportion, `Var(ln p̂) ≈ Σ_j K_j / (N (N − K_j)) + (1 − r) / (N r)` (`r` the final
//! fraction at the threshold). With `K_j = 1` throughout this is `−ln p / N` (Cérou &
//! Guyader's variance, Guyader et al. 2011); it is the fixed-levels splitting variance of
//! Cérou et al. (2006) for ties. The interval is `[p̂ e^{−zσ}, p̂ e^{zσ}]` (normal on the
//! log scale). It ignores the dependence that copying introduces, so it is too narrow when
//! the kernel mixes badly (a low [`SplittingDiagnostics::acceptance_rate`] is the warning
//! sign). **Interval of independent repetitions** ([`run_repeated`]): the mean of `R`
//! unbiased estimates with a Student-t interval; it rests on nothing but unbiasedness and
//! the CLT, and is the one to report.
//!
//! **Not reaching the threshold.** With a cap on the number of levels
//! ([`SplittingConfig::max_iterations`]) a run may stop below the threshold. It then does
//! not pretend to an estimate: [`SplittingOutcome::NotReached`] reports the last level `z`
//! and the estimate of `P(score > z)`, which is an *upper* bound on `p` (the event is
//! rarer than anything the run measured); the rarity `−log₁₀ p` is at least that much.
//!
//! ```
//! use metrics::{SplittingConfig, SplittingOutcome, SplittingProblem, run_splitting};
//! use rand::Rng;
//! use rand_chacha::ChaCha8Rng;
//!
//! /// 12 fair coins; the score is the number of heads. P(12 heads) = 2^-12.
//! struct Coins;
//! impl SplittingProblem for Coins {
//!     type State = Vec<bool>;
//!     type Error = std::convert::Infallible;
//!     fn sample_initial(&mut self, n: usize, rng: &mut ChaCha8Rng) -> Result<Vec<Vec<bool>>, Self::Error> {
//!         Ok((0..n).map(|_| (0..12).map(|_| rng.random()).collect()).collect())
//!     }
//!     fn score(&mut self, states: &[Vec<bool>]) -> Result<Vec<f64>, Self::Error> {
//!         Ok(states.iter().map(|s| s.iter().filter(|&&h| h).count() as f64).collect())
//!     }
//!     // Gibbs: toss one coin again (reversible for the uniform law).
//!     fn propose(&mut self, states: &[Vec<bool>], rng: &mut ChaCha8Rng) -> Result<Vec<Option<Vec<bool>>>, Self::Error> {
//!         Ok(states.iter().map(|s| {
//!             let mut t = s.clone();
//!             t[rng.random_range(0..12)] = rng.random();
//!             Some(t)
//!         }).collect())
//!     }
//! }
//!
//! let config = SplittingConfig { threshold: 12.0, particles: 200, kill: 20, ..SplittingConfig::default() };
//! let run = run_splitting(&mut Coins, &config)?;
//! match run.outcome {
//!     SplittingOutcome::Reached { estimate, interval, .. } => {
//!         assert!(interval.contains(2f64.powi(-12)), "{estimate:e} {interval:?}");
//!     }
//!     other => panic!("{other:?}"),
//! }
//! # Ok::<(), metrics::SplittingError<std::convert::Infallible>>(())
//! ```

mod config;
mod error;
mod outcome;
mod problem;
mod repeated;
mod run;

pub use config::SplittingConfig;
pub use error::SplittingError;
pub use outcome::{SplittingDiagnostics, SplittingOutcome, SplittingRun};
pub use problem::SplittingProblem;
pub use repeated::{RepeatedSplitting, RepeatedSummary, run_repeated};
pub use run::run_splitting;
