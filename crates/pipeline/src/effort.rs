//! Stages 10–11: a fresh tool-assisted attack on each classifier of Table 2 (the paper's
//! Figures 2 and 3), and attackers with and without the tools on the same seeds (§5.2).

use labels::{Journal, Label, Snippet};
use metrics::{BootstrapConfig, BootstrapEstimate, RateEstimate, bootstrap_units};
use serde::{Deserialize, Serialize};

use super::attack_journal::SeedRecord;
use super::attack_policy::AttackKind;
use super::attacking::{Suggestions, attack_seeds};
use super::context::Context;
use super::data::{TEST_FILE, load};
use super::error::{PipelineError, Result};
use super::evaluation::{TABLE2, TABLE2_FILE, Table2Row, score_all};
use super::models::load_masked_lm;
use super::run_dir::{read_json, write_json};
use super::training::load_classifier;
use crate::report::figures::{EffortRow, Figure2, Figure3, Spent};

/// The seeds every fresh attack starts from.
pub const SEEDS_FILE: &str = "eval/attack_seeds.json";
/// §5.2's result.
pub const SPEEDUP_FILE: &str = "eval/tools_speedup.json";

/// The journal of the fresh attack of `kind` on `model`.
pub fn journal_of(model: &str, kind: AttackKind) -> String {
    match kind {
        AttackKind::Unaided => format!("eval/attacks/{model}_unaided.jsonl"),
        _ => format!("eval/attacks/{model}.jsonl"),
    }
}

/// Stage `attack_seeds`: injurious test snippets that every classifier of Table 2 flags
/// (scores at or above the acceptance threshold), so that each is attacked from the
/// same seeds.
pub fn choose_seeds(ctx: &mut Context) -> Result<String> {
    let test = load(ctx, TEST_FILE)?;
    let injurious: Vec<Snippet> = test
        .examples()
        .iter()
        .filter(|e| e.label == Label::Injurious)
        .map(|e| e.snippet.clone())
        .collect();
    let mut flagged_by_all = vec![true; injurious.len()];
    for (model, label, _) in TABLE2 {
        let classifier = load_classifier(ctx, model)?;
        let scores = score_all(ctx, &classifier, &injurious, &format!("seeds: {label}"))?;
        for (keep, s) in flagged_by_all.iter_mut().zip(scores) {
            *keep &= s >= ctx.settings.acceptance_threshold;
        }
    }
    let candidates = flagged_by_all.iter().filter(|&&k| k).count();
    let seeds: Vec<Snippet> = injurious
        .into_iter()
        .zip(flagged_by_all)
        .filter(|(_, k)| *k)
        .map(|(s, _)| s)
        .take(ctx.settings.sizes.evaluation_seeds)
        .collect();
    if seeds.is_empty() {
        return Err(PipelineError::stage(
            "attack_seeds",
            "no injurious test snippet is flagged by every classifier",
        ));
    }
    ctx.dir.dir("eval")?;
    write_json(&ctx.dir.path(SEEDS_FILE), &seeds)?;
    Ok(format!(
        "{} seeds (of {candidates} injurious test snippets that every classifier flags)",
        seeds.len()
    ))
}

fn seeds(ctx: &Context) -> Result<Vec<(String, Snippet)>> {
    let seeds: Vec<Snippet> = read_json(&ctx.dir.path(SEEDS_FILE))?;
    Ok(seeds
        .into_iter()
        .enumerate()
        .map(|(i, s)| (format!("seed-{i}"), s))
        .collect())
}

/// Stage `attack_<model>` (and `unaided_<model>`): the fresh attack of `kind` on
/// classifier `index` of Table 2, from the first `limit` common seeds.
pub fn fresh_attack(
    ctx: &mut Context,
    index: usize,
    kind: AttackKind,
    limit: usize,
) -> Result<String> {
    let (model, label, _) = TABLE2[index];
    let mut seeds = seeds(ctx)?;
    seeds.truncate(limit);
    let classifier = load_classifier(ctx, model)?;
    let masked_lm = load_masked_lm(ctx)?;
    let suggestions = Suggestions::new(ctx.lexicon.clone(), &masked_lm);
    let combined = suggestions.combined();
    ctx.dir.dir("eval/attacks")?;
    let records = attack_seeds(
        ctx,
        kind,
        label,
        &classifier,
        &combined,
        &seeds,
        &journal_of(model, kind),
        &format!("fresh {kind:?}"),
    )?;
    let successes = records.iter().filter(|r| r.succeeded).count();
    let queries: u64 = records.iter().map(|r| r.queries).sum();
    Ok(format!(
        "{label}: {successes}/{} seeds broken, {queries} queries in all",
        records.len()
    ))
}

/// The records of a fresh attack.
pub fn records(ctx: &Context, model: &str, kind: AttackKind) -> Result<Vec<SeedRecord>> {
    Ok(Journal::<SeedRecord>::read(ctx.dir.path(&journal_of(model, kind)))?.records)
}

/// `Σ numerator / Σ denominator` over seeds (e.g. queries per adversarial example) with a
/// percentile bootstrap over seeds (paired: a resampled seed brings both its numbers), or
/// `None` when the denominator sums to 0 (nothing found).
///
/// The estimate is always `Σ numerator / Σ denominator` when something was found. A
/// resample without a success has an infinite cost per success and is kept as `+∞` (see
/// [`metrics::bootstrap_units`]): when more than 2.5% of the resamples have none, the
/// interval is open above, `[lower, ∞)`, rather than dropped, so a classifier broken on
/// few seeds still shows its bar with an honest, unbounded upper end.
pub fn ratio_of_sums(
    numerator: &[f64],
    denominator: &[f64],
    config: &BootstrapConfig,
) -> Option<BootstrapEstimate> {
    if numerator.len() != denominator.len() || denominator.iter().sum::<f64>() == 0.0 {
        return None;
    }
    let statistic = |units: &[usize]| {
        let (mut a, mut b) = (0.0, 0.0);
        for &i in units {
            a += numerator[i];
            b += denominator[i];
        }
        if b == 0.0 { f64::INFINITY } else { a / b }
    };
    bootstrap_units(numerator.len(), statistic, config).ok()
}

fn bootstrap(ctx: &Context, what: &str) -> BootstrapConfig {
    BootstrapConfig {
        seed: ctx.seed_of(what),
        ..BootstrapConfig::default()
    }
}

/// Figure 2's row of one classifier.
pub fn effort_row(ctx: &Context, label: &str, records: &[SeedRecord]) -> Result<EffortRow> {
    let successes: Vec<f64> = records
        .iter()
        .map(|r| f64::from(u8::from(r.succeeded)))
        .collect();
    let per_success =
        |values: Vec<f64>, what: &str| ratio_of_sums(&values, &successes, &bootstrap(ctx, what));
    let egregiousness: Vec<f64> = records
        .iter()
        .filter_map(|r| r.adversarial.first().map(|(_, e)| f64::from(*e)))
        .collect();
    Ok(EffortRow {
        classifier: label.to_string(),
        success_rate: RateEstimate::new(
            records.iter().filter(|r| r.succeeded).count() as u64,
            records.len().max(1) as u64,
        )?,
        queries_per_success: per_success(
            records.iter().map(|r| r.queries as f64).collect(),
            "figure 2 queries",
        ),
        evaluations_per_success: per_success(
            records.iter().map(|r| r.evaluations as f64).collect(),
            "figure 2 evaluations",
        ),
        seconds_per_success: per_success(
            records.iter().map(|r| r.seconds).collect(),
            "figure 2 seconds",
        ),
        spent: Spent {
            queries: records.iter().map(|r| r.queries).sum(),
            evaluations: records.iter().map(|r| r.evaluations).sum(),
            seconds: records.iter().map(|r| r.seconds).sum(),
        },
        egregiousness: if egregiousness.is_empty() {
            None
        } else {
            metrics::bootstrap_mean(&egregiousness, &bootstrap(ctx, "figure 2 egregiousness")).ok()
        },
    })
}

/// Figure 2 from the fresh tool-assisted attacks.
pub fn figure2(ctx: &Context) -> Result<Figure2> {
    let mut classifiers = Vec::new();
    for (model, label, _) in TABLE2 {
        classifiers.push(effort_row(
            ctx,
            label,
            &records(ctx, model, AttackKind::ToolAssisted)?,
        )?);
    }
    Ok(Figure2 { classifiers })
}

/// Stage `figure3`: every classifier on every fresh tool-assisted dataset.
pub fn figure3(ctx: &mut Context) -> Result<String> {
    let mut datasets = Vec::new();
    let mut found: Vec<Vec<Snippet>> = Vec::new();
    for (model, label, _) in TABLE2 {
        datasets.push(label.to_string());
        found.push(
            records(ctx, model, AttackKind::ToolAssisted)?
                .into_iter()
                .flat_map(|r| r.adversarial.into_iter().map(|(s, _)| s))
                .collect(),
        );
    }
    // each classifier's own threshold, chosen by quality in stage `evaluate`
    let table2: Vec<Table2Row> = read_json(&ctx.dir.path(TABLE2_FILE))?;
    let own_thresholds: Vec<f64> = TABLE2
        .iter()
        .map(|(model, _, _)| {
            table2
                .iter()
                .find(|row| row.model == *model)
                .map(|row| row.threshold)
                .ok_or_else(|| {
                    PipelineError::stage("figure3", format!("{TABLE2_FILE} has no row for {model}"))
                })
        })
        .collect::<Result<_>>()?;
    let mut cells = vec![Vec::new(); datasets.len()];
    let mut cells_at_own_threshold = vec![Vec::new(); datasets.len()];
    for (c, (model, label, _)) in TABLE2.iter().enumerate() {
        let classifier = load_classifier(ctx, model)?;
        for (d, snippets) in found.iter().enumerate() {
            if snippets.is_empty() {
                cells[d].push(None);
                cells_at_own_threshold[d].push(None);
                continue;
            }
            let scores = score_all(ctx, &classifier, snippets, &format!("figure 3: {label}"))?;
            let missed_below = |threshold: f64| -> Result<Option<RateEstimate>> {
                let missed = scores.iter().filter(|&&s| s < threshold).count();
                Ok(Some(RateEstimate::new(
                    missed as u64,
                    snippets.len() as u64,
                )?))
            };
            cells[d].push(missed_below(ctx.settings.acceptance_threshold)?);
            cells_at_own_threshold[d].push(missed_below(own_thresholds[c])?);
        }
    }
    let figure = Figure3 {
        datasets: datasets.clone(),
        classifiers: datasets,
        cells,
        own_thresholds,
        cells_at_own_threshold,
    };
    write_json(&ctx.dir.path(FIGURE3_FILE), &figure)?;
    let sizes: Vec<String> = found.iter().map(|f| f.len().to_string()).collect();
    Ok(format!(
        "datasets of {} adversarial examples",
        sizes.join(", ")
    ))
}

/// Where Figure 3's data is kept.
pub const FIGURE3_FILE: &str = "eval/figure3.json";

/// §5.2: the speed-up the tools give, on one classifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speedup {
    /// The attacked classifier.
    pub classifier: String,
    /// Seeds attacked by each attacker.
    pub seeds: usize,
    /// The attacker with the tools.
    pub tools: EffortRow,
    /// The attacker without them.
    pub unaided: EffortRow,
    /// Unaided queries per success over tool-assisted queries per success (paired
    /// bootstrap over seeds; open above when more than 2.5% of the resamples hold no
    /// unaided success). `None` when either attacker found nothing, where the ratio's
    /// estimate is 0 or infinite (the report says which).
    pub query_speedup: Option<BootstrapEstimate>,
    /// The same in wall-clock seconds.
    pub time_speedup: Option<BootstrapEstimate>,
}

/// Stage `tools_speedup`: §5.2 on the baseline and on +tool-assisted.
pub fn tools_speedup(ctx: &mut Context) -> Result<String> {
    let limit = ctx.settings.sizes.speedup_seeds;
    let mut out = Vec::new();
    for index in [0, TABLE2.len() - 1] {
        let (model, label, _) = TABLE2[index];
        let tools: Vec<SeedRecord> = records(ctx, model, AttackKind::ToolAssisted)?
            .into_iter()
            .take(limit)
            .collect();
        let unaided = records(ctx, model, AttackKind::Unaided)?;
        let n = tools.len().min(unaided.len());
        let (tools, unaided) = (&tools[..n], &unaided[..n]);
        let speedup = |value: &dyn Fn(&SeedRecord) -> f64, what: &str| {
            // per seed: (unaided cost, unaided success, tool cost, tool success)
            let rows: Vec<[f64; 4]> = tools
                .iter()
                .zip(unaided)
                .map(|(t, u)| {
                    [
                        value(u),
                        f64::from(u8::from(u.succeeded)),
                        value(t),
                        f64::from(u8::from(t.succeeded)),
                    ]
                })
                .collect();
            // per resample: (unaided cost / unaided successes) / (tool cost / tool
            // successes); a side without success costs +∞ per success, and a resample
            // where neither succeeded says nothing (NaN: it widens both ends)
            let statistic = |units: &[usize]| {
                let mut s = [0.0; 4];
                for &i in units {
                    for (acc, v) in s.iter_mut().zip(rows[i]) {
                        *acc += v;
                    }
                }
                let per_success = |cost: f64, found: f64| {
                    if found == 0.0 {
                        f64::INFINITY
                    } else {
                        cost / found
                    }
                };
                per_success(s[0], s[1]) / per_success(s[2], s[3])
            };
            // the estimate needs a success on both sides; then the interval is kept even
            // when some resamples lose them (the ratio is non-negative: the lower end
            // stays at 0 or above)
            bootstrap_units(rows.len(), statistic, &bootstrap(ctx, what))
                .ok()
                .map(|mut b| {
                    b.interval.lower = b.interval.lower.max(0.0);
                    b
                })
        };
        out.push(Speedup {
            classifier: label.to_string(),
            seeds: n,
            tools: effort_row(ctx, label, tools)?,
            unaided: effort_row(ctx, label, unaided)?,
            query_speedup: speedup(&|r| r.queries as f64, "speedup queries"),
            time_speedup: speedup(&|r| r.seconds, "speedup seconds"),
        });
    }
    write_json(&ctx.dir.path(SPEEDUP_FILE), &out)?;
    let parts: Vec<String> = out
        .iter()
        .map(|s| match &s.query_speedup {
            Some(b) => format!(
                "{}: {:.2}× fewer queries with the tools",
                s.classifier, b.estimate
            ),
            None => format!(
                "{}: no ratio ({}/{} seeds broken unaided, {}/{} with the tools)",
                s.classifier,
                s.unaided.success_rate.k,
                s.unaided.success_rate.n,
                s.tools.success_rate.k,
                s.tools.success_rate.n
            ),
        })
        .collect();
    Ok(parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> BootstrapConfig {
        BootstrapConfig {
            seed: 3,
            ..BootstrapConfig::default()
        }
    }

    #[test]
    fn one_success_in_many_seeds_keeps_its_estimate_with_an_open_interval() {
        // 17 seeds, 4 broken (+paraphrases in the README's run): a resample holds no
        // success with probability (13/17)^17 = 1.0%, under the 2.5% tail, so the
        // interval closes; at 1 of 17, (16/17)^17 = 36%, it is open above. Either way the
        // estimate is Σ queries / Σ successes.
        let queries: Vec<f64> = (0..17).map(|i| 10.0 + f64::from(i)).collect();
        let total: f64 = queries.iter().sum();
        let mut four = vec![0.0; 17];
        for i in [2, 5, 11, 16] {
            four[i] = 1.0;
        }
        let b = ratio_of_sums(&queries, &four, &config()).unwrap();
        assert_eq!(b.estimate, total / 4.0);
        assert!(
            b.interval.upper.is_finite() && b.interval.contains(b.estimate),
            "{b:?}"
        );
        let mut one = vec![0.0; 17];
        one[5] = 1.0;
        let b = ratio_of_sums(&queries, &one, &config()).unwrap();
        assert_eq!(b.estimate, total);
        assert_eq!(b.interval.upper, f64::INFINITY);
        assert!(b.interval.lower <= b.estimate, "{b:?}");
    }

    #[test]
    fn nothing_found_or_mismatched_inputs_give_no_estimate() {
        assert_eq!(ratio_of_sums(&[5.0, 7.0], &[0.0, 0.0], &config()), None);
        assert_eq!(ratio_of_sums(&[5.0, 7.0], &[1.0], &config()), None);
    }
}
