//! `highstakes rate`: a failure rate k/n with its intervals.

use metrics::{BetaPrior, RateEstimate};

use super::error::CliError;
use super::output::outln;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Failures seen (e.g. false negatives).
    k: u64,
    /// Trials (e.g. injurious test snippets).
    n: u64,
    /// Central interval level.
    #[arg(long, default_value_t = 0.95)]
    level: f64,
    /// Beta prior (alpha, beta) of the credible interval.
    #[arg(long, num_args = 2, value_names = ["ALPHA", "BETA"], default_values_t = [1.0, 1.0])]
    prior: Vec<f64>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let prior = BetaPrior::new(args.prior[0], args.prior[1])?;
    let beta = RateEstimate::with_prior(args.k, args.n, prior, args.level)?;
    let exact = RateEstimate::clopper_pearson(args.k, args.n, args.level)?;
    let wilson = RateEstimate::wilson(args.k, args.n, args.level)?;
    if args.json {
        let out = serde_json::json!({ "beta_posterior": beta, "clopper_pearson": exact, "wilson": wilson });
        outln!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        let pct = 100.0 * args.level;
        outln!(
            "Beta({}, {}) posterior, central {pct}%: {beta}",
            short(args.prior[0]),
            short(args.prior[1])
        );
        outln!("Clopper-Pearson exact, {pct}%:      {exact}");
        outln!("Wilson score, {pct}%:               {wilson}");
    }
    Ok(())
}

/// A prior parameter as a person writes it: `1`, `0.5`, and `1e-300` rather than three
/// hundred zeros.
fn short(v: f64) -> String {
    if v >= 1e-4 {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}
