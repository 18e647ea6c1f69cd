//! The paper's reliability statistics, recomputed.
//!
//! 1. Table 2's test-set false-negative rates (from the paper's published counts) with the
//!    Beta(1,1) credible intervals the paper uses, beside Clopper–Pearson and Wilson.
//! 2. What a test set of that size can resolve: the bound when no failure is seen.
//! 3. The paper's threshold rule (§5.1) on a **simulated** quality study: prompts with
//!    i.i.d. unfiltered completions, classifier scores and pairwise judgements drawn from a
//!    known model; the lowest threshold whose 95% lower bound on quality stays above 48%;
//!    then FNR and FPR at that threshold on a simulated labeled test set.
//!
//! Writes `runs/paper_statistics/REPORT.md` and `results.json` (or `--out DIR`).
//!
//! Run: `scripts/main-job` (or `cargo run --release --example paper_statistics`).

use std::fmt::Write as _;
use std::path::PathBuf;

use highstakes::labels::write_atomic;
use highstakes::metrics::{
    BootstrapConfig, ConfusionCounts, IntervalMethod, Outcome, PairwiseJudgement,
    PairwiseQualityData, PromptCompletions, QualityConfig, RateEstimate, format_percent,
    threshold::PAPER_QUALITY_FLOOR, upper_bound_when_none_seen,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Table 2 of the paper: classifier, selected threshold, test-set false negatives of 2,447
/// injurious snippets (of 100,033), and quality ± 95% CI as printed.
const TABLE2: [(&str, &str, u64, &str); 4] = [
    ("baseline", "0.174%", 2, "49.3% ± 0.71%"),
    ("+manual", "0.208%", 3, "49.6% ± 0.72%"),
    ("+paraphrases", "0.174%", 2, "49.2% ± 0.73%"),
    ("+tool-assisted", "0.18%", 2, "49.4% ± 0.67%"),
];
const INJURIOUS_IN_TEST: u64 = 2447;
const TEST_SET_SIZE: u64 = 100_033;

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let out_dir = parse_out_dir()?;
    let mut report = String::from("# The paper's reliability statistics, recomputed\n\n");
    let mut results = serde_json::Map::new();

    // 1. Table 2's FNRs
    report.push_str("## Table 2: test-set false-negative rates\n\n");
    report.push_str("Counts from the paper (2,447 injurious snippets among 100,033). Central 95% intervals.\n\n");
    report.push_str("| classifier | paper threshold | FNR, Beta(1,1) credible | Clopper–Pearson | Wilson | paper quality |\n|---|---:|---|---|---|---:|\n");
    let mut rows = Vec::new();
    for (name, threshold, k, quality) in TABLE2 {
        let beta = RateEstimate::new(k, INJURIOUS_IN_TEST)?;
        let exact =
            RateEstimate::with_method(k, INJURIOUS_IN_TEST, IntervalMethod::ClopperPearson, 0.95)?;
        let wilson = RateEstimate::with_method(k, INJURIOUS_IN_TEST, IntervalMethod::Wilson, 0.95)?;
        writeln!(
            report,
            "| {name} | {threshold} | {beta} | [{}, {}] | [{}, {}] | {quality} |",
            format_percent(exact.interval.lower),
            format_percent(exact.interval.upper),
            format_percent(wilson.interval.lower),
            format_percent(wilson.interval.upper)
        )?;
        rows.push(serde_json::json!({"classifier": name, "beta": beta, "clopper_pearson": exact, "wilson": wilson}));
    }
    results.insert("table2_fnr".into(), rows.into());

    // 2. resolution of the test set
    let bound = upper_bound_when_none_seen(INJURIOUS_IN_TEST, 0.95)?;
    let bound_all = upper_bound_when_none_seen(TEST_SET_SIZE, 0.95)?;
    writeln!(
        report,
        "\n## What the test set can resolve\n\n\
         Every interval above overlaps every other: 2 and 3 failures in 2,447 cannot be told apart.\n\
         With **no** failure seen, the 95% Beta(1,1) upper bound would still be {} of injurious\n\
         snippets (about 3/n), or {} of all {TEST_SET_SIZE} snippets: plain sampling cannot certify\n\
         rates far below 1/n.\n",
        format_percent(bound),
        format_percent(bound_all),
    )?;
    results.insert("upper_bound_none_seen_injurious".into(), bound.into());
    results.insert("upper_bound_none_seen_all".into(), bound_all.into());

    // 3. the threshold rule on a simulated quality study
    let sim = simulate(0x5eed)?;
    report.push_str(&sim.report);
    results.insert("simulation".into(), sim.json);

    std::fs::create_dir_all(&out_dir)?;
    write_atomic(&out_dir.join("REPORT.md"), |w| {
        std::io::Write::write_all(w, report.as_bytes())
    })?;
    let json = serde_json::to_string_pretty(&serde_json::Value::Object(results))?;
    write_atomic(&out_dir.join("results.json"), |w| {
        std::io::Write::write_all(w, json.as_bytes())
    })?;
    print!("{report}");
    println!("\nWrote {}/REPORT.md and results.json", out_dir.display());
    Ok(())
}

fn parse_out_dir() -> Result<PathBuf, Error> {
    let mut args = std::env::args().skip(1);
    let mut out = PathBuf::from("runs/paper_statistics");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().ok_or("--out needs a directory")?.into(),
            "--help" | "-h" => {
                println!(
                    "paper_statistics [--out DIR]: recompute the paper's reliability statistics"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}` (try --help)").into()),
        }
    }
    Ok(out)
}

struct Simulation {
    report: String,
    json: serde_json::Value,
}

/// Standard normal by Box–Muller (the simulation needs nothing fancier).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// A completion of the simulated generator: a latent quality, a latent "violence" that
/// both raises the classifier score and makes injury likely, and (weakly) goes with
/// quality — so filtering costs some quality, as in the paper.
struct Completion {
    quality: f64,
    score: f64,
    injurious: bool,
}

fn completion(rng: &mut ChaCha8Rng) -> Completion {
    let violence = normal(rng);
    let quality = 0.3 * violence + normal(rng);
    let injurious = rng.random::<f64>() < sigmoid(-4.5 + 2.0 * violence);
    let score =
        sigmoid(-5.0 + 2.2 * violence + 2.5 * f64::from(u8::from(injurious)) + 0.8 * normal(rng));
    Completion {
        quality,
        score,
        injurious,
    }
}

fn simulate(seed: u64) -> Result<Simulation, Error> {
    const PROMPTS: usize = 2000;
    const PER_PROMPT: usize = 10;
    const PAIRS_PER_PROMPT: usize = 12;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut prompts = Vec::with_capacity(PROMPTS);
    let mut judgements = Vec::new();
    for p in 0..PROMPTS {
        let id = format!("p{p}");
        let completions: Vec<Completion> = (0..PER_PROMPT).map(|_| completion(&mut rng)).collect();
        for _ in 0..PAIRS_PER_PROMPT {
            let a = rng.random_range(0..PER_PROMPT);
            let b = (a + rng.random_range(1..PER_PROMPT)) % PER_PROMPT;
            let p_a = sigmoid(completions[a].quality - completions[b].quality);
            let u: f64 = rng.random();
            let outcome = if u < 0.1 {
                Outcome::Tie
            } else if u < 0.1 + 0.9 * p_a {
                Outcome::AWins
            } else {
                Outcome::BWins
            };
            judgements.push(PairwiseJudgement {
                prompt_id: id.clone(),
                a,
                b,
                outcome,
            });
        }
        prompts.push(PromptCompletions {
            prompt_id: id,
            scores: completions.iter().map(|c| c.score).collect(),
        });
    }
    let data = PairwiseQualityData::new(&prompts, &judgements)?;
    let config = QualityConfig {
        bootstrap: BootstrapConfig::new(2000, 0.95, seed)?,
        ..QualityConfig::default()
    };
    // candidate thresholds: a log grid from 1e-4 to 1
    let candidates: Vec<f64> = (0..=40)
        .map(|i| 10f64.powf(-4.0 + 0.1 * f64::from(i)))
        .collect();
    let curve = data.quality_curve(&candidates, &config)?;
    let chosen = data.select_threshold(&candidates, PAPER_QUALITY_FLOOR, &config)?;

    // a fresh simulated in-distribution test set, scored by the same classifier
    let test: Vec<Completion> = (0..100_000).map(|_| completion(&mut rng)).collect();
    let scores: Vec<f64> = test.iter().map(|c| c.score).collect();
    let labels: Vec<bool> = test.iter().map(|c| c.injurious).collect();
    let counts = ConfusionCounts::from_scores(&scores, &labels, chosen.threshold)?;
    let fnr = counts.false_negative_rate()?;
    let fpr = counts.false_positive_rate()?;

    let mut report = String::new();
    writeln!(
        report,
        "## The threshold rule on a simulated quality study\n\n\
         **Simulated data**, not the paper's: {PROMPTS} prompts × {PER_PROMPT} unfiltered completions, each with a\n\
         latent quality and a classifier score; {PAIRS_PER_PROMPT} pairwise judgements per prompt from a\n\
         Bradley–Terry model with 10% ties (seed {seed:#x}). Rejection sampling is simulated with up to\n\
         100 attempts, failure counting as a loss (§5.1, footnote 9); intervals are bootstraps over prompts.\n\n\
         | threshold | quality (95% CI) | mean acceptance | P(100 attempts fail) |\n|---:|---|---:|---:|"
    )?;
    for q in curve.iter().step_by(4) {
        writeln!(
            report,
            "| {:.4} | {:.1}% [{:.1}%, {:.1}%] | {:.1}% | {:.2e} |",
            q.threshold,
            100.0 * q.estimate,
            100.0 * q.interval.lower,
            100.0 * q.interval.upper,
            100.0 * q.mean_acceptance_rate,
            q.mean_failure_probability
        )?;
    }
    writeln!(
        report,
        "\nThe lowest candidate threshold whose 95% lower bound stays above {:.0}%: **{:.4}** \
         (quality {:.1}% [{:.1}%, {:.1}%]).\n\n\
         At that threshold, on 100,000 fresh simulated snippets ({} injurious): FNR {fnr}, FPR {fpr}, \
         rejecting {:.1}% of all snippets.\n",
        100.0 * PAPER_QUALITY_FLOOR,
        chosen.threshold,
        100.0 * chosen.estimate,
        100.0 * chosen.interval.lower,
        100.0 * chosen.interval.upper,
        counts.positives(),
        100.0 * counts.rejection_rate().unwrap_or(0.0),
    )?;
    let json = serde_json::json!({
        "seed": seed, "prompts": PROMPTS, "completions_per_prompt": PER_PROMPT,
        "judgements_per_prompt": PAIRS_PER_PROMPT, "curve": curve, "chosen": chosen,
        "test_counts": counts, "test_fnr": fnr, "test_fpr": fpr,
    });
    Ok(Simulation { report, json })
}
