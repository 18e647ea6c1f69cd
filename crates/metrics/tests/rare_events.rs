//! Importance sampling and adaptive multi-level splitting on rare events with known
//! answers: Gaussian tails (closed form `erfc(t/√2)/2`) and all-ones bit strings (`2^-k`).

mod problems;

use metrics::{
    ImportanceConfig, ImportanceIntervalBasis, ImportanceIntervalMethod, MetricsError,
    RepeatedSummary, SplittingConfig, SplittingError, SplittingOutcome, SplittingProblem,
    clopper_pearson_interval, importance_estimate, run_repeated, run_splitting,
};
use problems::{Bits, Gaussian, normal_tail, shifted_normal_draws};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::convert::Infallible;

// ---------------------------------------------------------------- importance sampling

#[test]
fn importance_sampling_recovers_gaussian_tails() {
    // P(X ≥ 4) = 3.1671e-5 and P(X ≥ 5) = 2.8665e-7 (erfc(t/√2)/2): plain sampling of
    // 2000 draws would see nothing. The proposal N(t, 1) puts half its draws past t.
    for (t, seed) in [(4.0, 1), (5.0, 2)] {
        let truth = normal_tail(t);
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (lw, f) = shifted_normal_draws(t, t, 2000, &mut rng);
        let e = importance_estimate(&lw, &f, &ImportanceConfig::default()).unwrap();
        assert!(
            e.interval.contains(truth),
            "t = {t}: {truth:e} not in {:?}",
            e.interval
        );
        assert!(e.failures > 800 && e.failures < 1200, "{}", e.failures);
        // the relative standard error of this proposal is about 2.4 / √n ≈ 5% at t = 5
        // (e^{t²} Q(2t) / Q(t)² − 1 = 5.7 per draw); 20% is a loose check of the SE
        assert!(e.standard_error < 0.2 * truth, "{e:?}");
        assert!((e.log_estimate - e.estimate.ln()).abs() < 1e-12);
        assert!(e.failure_effective_sample_size > 100.0, "{e:?}");
    }
}

#[test]
fn bootstrap_intervals_cover_and_are_reproducible() {
    let t = 4.0;
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let (lw, f) = shifted_normal_draws(t, t, 1000, &mut rng);
    let config = ImportanceConfig {
        method: ImportanceIntervalMethod::Bootstrap {
            resamples: 400,
            seed: 3,
        },
        ..ImportanceConfig::default()
    };
    let a = importance_estimate(&lw, &f, &config).unwrap();
    let b = importance_estimate(&lw, &f, &config).unwrap();
    assert_eq!(a, b);
    assert!(a.interval.contains(normal_tail(t)), "{:?}", a.interval);
    assert!(a.interval.contains(a.estimate));
    assert_eq!(
        a.basis,
        ImportanceIntervalBasis::Bootstrap {
            resamples: 400,
            seed: 3
        }
    );
    // the normal interval of the same draws is about as wide
    let normal = importance_estimate(&lw, &f, &ImportanceConfig::default()).unwrap();
    let ratio = a.interval.width() / normal.interval.width();
    assert!((0.7..1.3).contains(&ratio), "{ratio}");
}

#[test]
fn no_failure_gives_an_honest_upper_bound() {
    let n = 100_033;
    let lw = vec![0.0; n];
    let f = vec![false; n];
    // proposal = target (weights 1, bound ln 1 = 0): the plain-sampling bound, the upper
    // end of the central Clopper–Pearson interval for 0 of n, 1 − 0.025^(1/n) ≈ 3.69/n
    let plain = clopper_pearson_interval(0, n as u64, 0.95).unwrap().upper;
    assert!((plain * n as f64 - 3.689).abs() < 1e-3); // −ln 0.025 = 3.6889
    let bounded = ImportanceConfig {
        log_weight_bound: Some(0.0),
        ..ImportanceConfig::default()
    };
    let e = importance_estimate(&lw, &f, &bounded).unwrap();
    assert_eq!((e.estimate, e.self_normalized), (0.0, 0.0));
    assert_eq!(e.log_estimate, f64::NEG_INFINITY);
    assert_eq!(e.interval.lower, 0.0);
    assert!((e.interval.upper - plain).abs() < 1e-18);
    // a defensive mixture q = p/2 + q'/2 has w ≤ 2: twice the bound
    let mixture = ImportanceConfig {
        log_weight_bound: Some(2f64.ln()),
        ..ImportanceConfig::default()
    };
    let e = importance_estimate(&lw, &f, &mixture).unwrap();
    assert!((e.interval.upper - 2.0 * plain).abs() < 1e-15);
    // without a bound on the weights nothing can be said
    let e = importance_estimate(&lw, &f, &ImportanceConfig::default()).unwrap();
    assert_eq!(e.interval.upper, 1.0);
    assert_eq!(
        e.basis,
        ImportanceIntervalBasis::NoFailureBound {
            log_weight_bound: None
        }
    );
}

// ---------------------------------------------------------------- splitting

fn reached(outcome: &SplittingOutcome) -> (f64, metrics::Interval) {
    match outcome {
        SplittingOutcome::Reached {
            estimate, interval, ..
        } => (*estimate, *interval),
        other => panic!("expected to reach the threshold: {other:?}"),
    }
}

#[test]
fn splitting_recovers_gaussian_tails() {
    // 1e-5 and 3e-7 (closed form), with 100 particles: each run ~1000 iterations.
    for (t, seed) in [(4.0, 3), (5.0, 4)] {
        let truth = normal_tail(t);
        let config = SplittingConfig {
            threshold: t,
            seed,
            ..SplittingConfig::default()
        };
        let run = run_splitting(Gaussian { rho: 0.9 }, &config).unwrap();
        let (estimate, interval) = reached(&run.outcome);
        assert!(
            interval.contains(truth),
            "t = {t}: {truth:e} not in {interval:?}"
        );
        // the ideal relative spread is sqrt(−ln p / N) ≈ 0.34 at t = 4: within a factor 2
        assert!((estimate / truth).ln().abs() < 2f64.ln(), "{estimate:e}");
        let d = &run.diagnostics;
        assert!(d.levels.windows(2).all(|w| w[0] < w[1]), "levels must rise");
        assert!(d.levels.last().is_some_and(|&z| z < t));
        assert!(d.acceptance_rate() > 0.2, "{}", d.acceptance_rate());
        // N + steps × Σ K states were scored (no stays: this kernel always moves)
        let killed: usize = d.killed.iter().sum();
        assert_eq!(d.score_evaluations, 100 + 20 * killed);
    }
}

#[test]
fn splitting_recovers_all_ones_with_ties() {
    // P(20 ones of 20 fair bits) = 2^-20 ≈ 9.5e-7, and 2^-30 ≈ 9.3e-10: every score is an
    // integer, so whole groups of particles tie at each level and are killed together.
    for (k, particles, kill, steps, seed) in [(20, 100, 10, 20, 5), (30, 200, 20, 30, 6)] {
        let truth = 2f64.powi(-k);
        let config = SplittingConfig {
            threshold: f64::from(k),
            particles,
            kill,
            mcmc_steps: steps,
            seed,
            ..SplittingConfig::default()
        };
        let mut problem = Bits::new(k as usize);
        let run = run_splitting(&mut problem, &config).unwrap();
        let (_, interval) = reached(&run.outcome);
        assert!(
            interval.contains(truth),
            "k = {k}: {truth:e} not in {interval:?}"
        );
        let d = &run.diagnostics;
        // levels are distinct integers below k, and ties mean more than `kill` die at once
        assert!(d.levels.windows(2).all(|w| w[0] < w[1]));
        assert!(
            d.levels
                .iter()
                .all(|z| z.fract() == 0.0 && *z < f64::from(k))
        );
        assert!(d.killed.iter().all(|&n| n >= kill));
        assert!(d.killed.iter().any(|&n| n > kill));
        // batching: one score call for the start and at most one per MCMC step
        assert!(problem.score_calls <= 1 + d.iterations() * steps);
        // resampling a bit to its own value is a stay, not scored
        assert!(d.score_evaluations < particles + steps * d.killed.iter().sum::<usize>());
    }
}

#[test]
fn independent_repetitions_cover_all_ones() {
    let config = SplittingConfig {
        threshold: 20.0,
        particles: 50,
        kill: 5,
        mcmc_steps: 10,
        seed: 40,
        ..SplittingConfig::default()
    };
    let rep = run_repeated(Bits::new(20), &config, 20).unwrap();
    let truth = 2f64.powi(-20);
    match rep.summary {
        RepeatedSummary::Estimate {
            interval,
            estimate,
            log_estimate,
            ..
        } => {
            assert!(interval.contains(truth), "{truth:e} not in {interval:?}");
            assert!((log_estimate - estimate.ln()).abs() < 1e-12);
        }
        other => panic!("{other:?}"),
    }
    // run r used seed 40 + r, and is what a single run with that seed gives
    assert_eq!(rep.runs.len(), 20);
    let third = run_splitting(Bits::new(20), &SplittingConfig { seed: 42, ..config }).unwrap();
    assert_eq!(rep.runs[2], third);
}

#[test]
fn a_capped_run_reports_an_upper_bound_not_an_estimate() {
    let config = SplittingConfig {
        threshold: 5.0,
        max_iterations: 50,
        seed: 7,
        ..SplittingConfig::default()
    };
    let run = run_splitting(Gaussian { rho: 0.9 }, &config).unwrap();
    match run.outcome {
        SplittingOutcome::NotReached {
            level,
            log_probability_above_level,
            upper_bound,
            ..
        } => {
            assert!(level < 5.0);
            // 50 levels killing ~10% each: P(score > level) ≈ 0.9^50 ≈ 5e-3 ≫ 2.9e-7
            assert!((log_probability_above_level - 50.0 * 0.9f64.ln()).abs() < 1.0);
            assert!(upper_bound > normal_tail(5.0));
            assert!(upper_bound >= log_probability_above_level.exp());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(run.outcome.unbiased_estimate(), None);
    assert_eq!(run.diagnostics.iterations(), 50);
}

#[test]
fn threshold_already_met_is_plain_sampling() {
    // every standard normal draw of 100 is above -10: no level, estimate 1
    let config = SplittingConfig {
        threshold: -10.0,
        ..SplittingConfig::default()
    };
    let run = run_splitting(Gaussian { rho: 0.9 }, &config).unwrap();
    let (estimate, _) = reached(&run.outcome);
    assert_eq!(estimate, 1.0);
    assert_eq!(run.diagnostics.iterations(), 0);
}

/// A problem whose every state scores 0: all particles tie at the first level.
struct Flat;

impl SplittingProblem for Flat {
    type State = ();
    type Error = Infallible;
    fn sample_initial(&mut self, n: usize, _: &mut ChaCha8Rng) -> Result<Vec<()>, Infallible> {
        Ok(vec![(); n])
    }
    fn score(&mut self, s: &[()]) -> Result<Vec<f64>, Infallible> {
        Ok(vec![0.0; s.len()])
    }
    fn propose(&mut self, s: &[()], _: &mut ChaCha8Rng) -> Result<Vec<Option<()>>, Infallible> {
        Ok(vec![None; s.len()])
    }
}

#[test]
fn all_tied_below_the_threshold_is_an_extinction() {
    let config = SplittingConfig {
        threshold: 1.0,
        ..SplittingConfig::default()
    };
    let run = run_splitting(Flat, &config).unwrap();
    match run.outcome {
        SplittingOutcome::Extinct {
            level,
            log_probability_at_level,
            upper_bound,
        } => {
            assert_eq!(level, 0.0);
            assert_eq!(log_probability_at_level, 0.0);
            // nothing survived among 100: the Clopper–Pearson upper end, 1 − 0.025^(1/100)
            assert!((upper_bound - (1.0 - 0.025f64.powf(0.01))).abs() < 1e-12);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(run.outcome.unbiased_estimate(), Some(0.0));
}

/// A broken problem: returns one score too few, or NaN.
struct Broken {
    nan: bool,
}

impl SplittingProblem for Broken {
    type State = f64;
    type Error = Infallible;
    fn sample_initial(&mut self, n: usize, _: &mut ChaCha8Rng) -> Result<Vec<f64>, Infallible> {
        Ok(vec![0.0; n])
    }
    fn score(&mut self, s: &[f64]) -> Result<Vec<f64>, Infallible> {
        Ok(if self.nan {
            vec![f64::NAN; s.len()]
        } else {
            vec![0.0; s.len() - 1]
        })
    }
    fn propose(&mut self, s: &[f64], _: &mut ChaCha8Rng) -> Result<Vec<Option<f64>>, Infallible> {
        Ok(vec![None; s.len()])
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the model is on fire")]
struct Fire;

struct Failing;

impl SplittingProblem for Failing {
    type State = f64;
    type Error = Fire;
    fn sample_initial(&mut self, _: usize, _: &mut ChaCha8Rng) -> Result<Vec<f64>, Fire> {
        Err(Fire)
    }
    fn score(&mut self, _: &[f64]) -> Result<Vec<f64>, Fire> {
        Err(Fire)
    }
    fn propose(&mut self, _: &[f64], _: &mut ChaCha8Rng) -> Result<Vec<Option<f64>>, Fire> {
        Err(Fire)
    }
}

#[test]
fn broken_problems_and_settings_are_errors() {
    let config = SplittingConfig::default();
    assert!(matches!(
        run_splitting(Broken { nan: false }, &config),
        Err(SplittingError::Metrics(MetricsError::LengthMismatch { .. }))
    ));
    assert!(matches!(
        run_splitting(Broken { nan: true }, &config),
        Err(SplittingError::Metrics(MetricsError::InvalidValue {
            what: "scores",
            ..
        }))
    ));
    let err = run_splitting(Failing, &config).unwrap_err();
    assert!(matches!(err, SplittingError::Problem(Fire)));
    assert_eq!(
        err.to_string(),
        "the splitting problem failed: the model is on fire"
    );
    let bad = [
        SplittingConfig {
            particles: 1,
            kill: 1,
            ..config
        },
        SplittingConfig { kill: 0, ..config },
        SplittingConfig {
            kill: 100,
            ..config
        },
        SplittingConfig {
            mcmc_steps: 0,
            ..config
        },
        SplittingConfig {
            max_iterations: 0,
            ..config
        },
        SplittingConfig {
            threshold: f64::NAN,
            ..config
        },
        SplittingConfig {
            level: 1.0,
            ..config
        },
    ];
    for c in bad {
        assert!(c.validate().is_err(), "{c:?}");
        assert!(matches!(
            run_splitting(Gaussian { rho: 0.5 }, &c),
            Err(SplittingError::Metrics(_))
        ));
    }
    assert!(matches!(
        run_repeated(Gaussian { rho: 0.5 }, &config, 1),
        Err(SplittingError::Metrics(
            MetricsError::InvalidParameter { .. }
        ))
    ));
}
