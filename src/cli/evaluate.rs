//! `highstakes evaluate`: a classifier's false-negative and false-positive rates on a
//! labeled test set, at a given threshold or at the threshold chosen by quality (the
//! pipeline's stage `evaluate`, Table 2).

use std::path::PathBuf;

use classifier::{BatchOptions, InjuriousnessClassifier, ModelInput, parse_device};
use labels::{Dataset, Label, Snippet};
use metrics::{BootstrapConfig, ConfusionCounts, QualityConfig, QualityEstimate, RateEstimate};
use serde_json::json;

use super::error::CliError;
use super::inputs::{create_parent, distinct_files};
use super::output::outln;
use pipeline::steps::{quality_data, stream_seed, threshold_candidates};
use pipeline::{QualityStudy, test_auc};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Inputs: --classifier, a classifier directory; --test, a labels dataset (JSONL; e.g.
world's test.jsonl or a run's data/test.jsonl), unsure counting as injurious. A test
snippet is a false negative when it is injurious and scores under the threshold, a false
positive when it is not and scores at or over it. Rates come with central 95% credible
intervals of the Beta(1, 1) posterior (the paper's Table 2).

With --quality FILE (a run's data/quality.json: prompts, several unfiltered completions
each, and pairwise judgements of them), the threshold is chosen by the paper's rule: the
lowest distinct score of the study's completions in (0, 1) whose bootstrap lower bound on quality
(how often a filtered completion is preferred to an unfiltered one) is above --floor;
when none is, --threshold is used and the output says so.

Output: text on stdout, or JSON with --json; --out FILE writes the JSON too:
{classifier, test, threshold, threshold_rule, quality, counts, fnr, fpr, roc_auc} (a rate:
{k, n, estimate, interval: {lower, upper, level}, method}; null when the test set has
no snippet of that class). roc_auc (Table 2's column, independent of the threshold):
{estimate, interval, delong_standard_error, positives, negatives}, the Mann-Whitney
estimate with a 95% interval of Clopper-Pearson form at the smaller class's size; null
without both classes.")]
pub struct Args {
    /// The classifier's directory.
    #[arg(long)]
    classifier: PathBuf,
    /// The labeled test set (JSONL dataset).
    #[arg(long)]
    test: PathBuf,
    /// The threshold on P(injurious) (without --quality, or when no threshold meets the
    /// floor).
    #[arg(long, default_value_t = attacks::PAPER_ACCEPTANCE_THRESHOLD)]
    threshold: f64,
    /// A quality study (JSON, a run's data/quality.json): choose the threshold by quality.
    #[arg(long)]
    quality: Option<PathBuf>,
    /// The rule's floor on the lower bound of quality (the paper: 0.48).
    #[arg(long, default_value_t = metrics::PAPER_QUALITY_FLOOR)]
    floor: f64,
    /// Seed of the quality bootstrap.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Also write the JSON to this file.
    #[arg(long)]
    out: Option<PathBuf>,
    /// cpu, cuda, cuda:N, or auto (the GPU when libtorch sees one).
    #[arg(long, default_value = "auto")]
    device: String,
}

/// P(injurious) of each snippet, in batches.
fn scores(clf: &InjuriousnessClassifier, snippets: &[Snippet]) -> Result<Vec<f64>, CliError> {
    let _guard = tch::no_grad_guard();
    let mut out = Vec::with_capacity(snippets.len());
    for chunk in snippets.chunks(512) {
        let inputs: Vec<ModelInput> = chunk.iter().cloned().map(ModelInput::Snippet).collect();
        out.extend(
            clf.score_batch(&inputs, &BatchOptions::default())?
                .into_iter()
                .map(|s| s.p_injurious),
        );
    }
    Ok(out)
}

/// The threshold chosen by quality, or `None` (with the reason) when none meets the floor.
fn by_quality(
    clf: &InjuriousnessClassifier,
    path: &PathBuf,
    floor: f64,
    seed: u64,
) -> Result<Result<QualityEstimate, String>, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let study: QualityStudy = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a quality study: {e}", path.display()))?;
    let data = quality_data(
        &study,
        |snippets: &[Snippet]| -> Result<Vec<f64>, CliError> { scores(clf, snippets) },
    )
    .map_err(|e| format!("{}: {e}", path.display()))?;
    let config = QualityConfig {
        bootstrap: BootstrapConfig {
            seed: stream_seed(seed, "quality bootstrap"),
            ..BootstrapConfig::default()
        },
        ..QualityConfig::default()
    };
    Ok(data
        .select_threshold(&threshold_candidates(&data), floor, &config)
        .map_err(|e| e.to_string()))
}

fn rate_text(rate: &Option<RateEstimate>) -> String {
    rate.as_ref()
        .map_or("undefined (no snippet of that class)".into(), |r| {
            r.to_string()
        })
}

pub fn run(args: Args) -> Result<(), CliError> {
    if !(args.threshold > 0.0 && args.threshold <= 1.0) {
        return Err(format!("--threshold must be in (0, 1], got {}", args.threshold).into());
    }
    if !(0.0..0.5).contains(&args.floor) {
        return Err(format!("--floor must be in [0, 0.5), got {}", args.floor).into());
    }
    let device = parse_device(&args.device)?;
    if let Some(out) = &args.out {
        distinct_files(&[("--test", &args.test), ("--out", out)])?;
    }
    let test = Dataset::read_jsonl(&args.test)?;
    if test.is_empty() {
        return Err(format!("{}: no examples", args.test.display()).into());
    }
    let clf = InjuriousnessClassifier::load(&args.classifier, device).map_err(|e| {
        format!(
            "--classifier {}: not a classifier directory: {e}",
            args.classifier.display()
        )
    })?;
    let (threshold, rule, quality) = match &args.quality {
        None => (args.threshold, "given (--threshold)".to_string(), None),
        Some(path) => match by_quality(&clf, path, args.floor, args.seed)? {
            Ok(q) => (
                q.threshold,
                format!(
                    "lowest distinct quality-study score whose quality lower bound is above {}",
                    args.floor
                ),
                Some(q),
            ),
            Err(why) => (
                args.threshold,
                format!(
                    "no threshold met the quality floor ({why}); --threshold {} is used",
                    args.threshold
                ),
                None,
            ),
        },
    };
    let snippets: Vec<Snippet> = test.examples().iter().map(|e| e.snippet.clone()).collect();
    let truth: Vec<bool> = test
        .examples()
        .iter()
        .map(|e| e.label != Label::NonInjurious)
        .collect();
    let scores = scores(&clf, &snippets)?;
    let counts = ConfusionCounts::from_scores(&scores, &truth, threshold)?;
    let fnr = counts.false_negative_rate().ok();
    let fpr = counts.false_positive_rate().ok();
    let auc = test_auc(&scores, &truth)?;
    let record = json!({
        "classifier": args.classifier,
        "test": args.test,
        "threshold": threshold,
        "threshold_rule": rule,
        "quality": quality,
        "counts": counts,
        "fnr": fnr,
        "fpr": fpr,
        "roc_auc": auc,
    });
    if let Some(out) = &args.out {
        create_parent(out)?;
        let text = serde_json::to_string_pretty(&record)?;
        labels::write_atomic(out, |w| std::io::Write::write_all(w, text.as_bytes()))?;
    }
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&record)?);
    } else {
        outln!("threshold {threshold:.6} ({rule})");
        if let Some(q) = &quality {
            outln!(
                "quality {:.3} [{:.3}, {:.3}] over {} prompts",
                q.estimate,
                q.interval.lower,
                q.interval.upper,
                q.prompts_used
            );
        }
        outln!("false-negative rate: {}", rate_text(&fnr));
        outln!("false-positive rate: {}", rate_text(&fpr));
        match &auc {
            Some(a) => outln!("ROC AUC: {a}"),
            None => outln!("ROC AUC: none (the test set lacks a class)"),
        }
    }
    Ok(())
}
