//! How robust an experiment's final classifiers are: fresh attacks from held-out seeds
//! (injurious test snippets that every compared classifier flags), with the effort they
//! need per adversarial example and how egregious what they find is; and the quality-
//! chosen threshold with the test-set error rates, as in Table 2.

use labels::{Label, Snippet};
use metrics::{BootstrapConfig, BootstrapEstimate, RateEstimate, bootstrap_mean};
use serde::{Deserialize, Serialize};

use super::campaign::load_model;
use crate::experiment::Experiment;
use pipeline::report::figures::EffortRow;
use pipeline::{
    Attacker, PipelineError, Result, SeedRecord, Suggestions, TEST_FILE, Table2Row, attack_seeds,
    effort_row, evaluate_classifier, load, load_fresh_quality, load_masked_lm, load_quality,
    read_json, score_all, write_json,
};

/// A classifier under evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contender {
    /// Its model name (`baseline`, or a campaign's final model).
    pub model: String,
    /// Its name in the report.
    pub label: String,
}

/// One fresh attack on one classifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FreshAttack {
    /// The attack's name in the report.
    pub attack: String,
    /// The attacked classifier's name in the report.
    pub classifier: String,
    /// Success rate, effort per success and egregiousness (as in Figure 2).
    pub effort: EffortRow,
    /// Seeds whose attack found an injury of egregiousness 7 or more (the kind the
    /// authors' look back worried about).
    pub egregious_failures: RateEstimate,
    /// Egregiousness of every adversarial example found, with a bootstrap interval.
    pub egregiousness_all: Option<BootstrapEstimate>,
}

/// Stage `{name}_seeds`: up to `n` injurious test snippets that every contender flags
/// (scores at or above the run's acceptance threshold), written to `eval/{name}_seeds.json`.
pub fn choose_seeds(
    exp: &mut Experiment,
    name: &str,
    contenders: &[Contender],
    n: usize,
) -> Result<Vec<Snippet>> {
    let thresholds = vec![exp.ctx.settings.acceptance_threshold; contenders.len()];
    let seeds = flagged_seeds(exp, &format!("{name}_seeds"), contenders, &thresholds, n)?;
    if seeds.is_empty() {
        return Err(PipelineError::stage(
            "seeds",
            "no injurious test snippet is flagged by every classifier compared",
        ));
    }
    Ok(seeds)
}

/// Stage `{stage}`: up to `n` injurious test snippets that every contender flags at its
/// own threshold (`thresholds[i]` for `contenders[i]`, e.g. the quality-chosen ones of
/// [`test_rows`]), written to `eval/{stage}.json`; empty when none is flagged by all.
pub fn flagged_seeds(
    exp: &mut Experiment,
    stage: &str,
    contenders: &[Contender],
    thresholds: &[f64],
    n: usize,
) -> Result<Vec<Snippet>> {
    if thresholds.len() != contenders.len() {
        return Err(PipelineError::stage(
            "seeds",
            format!(
                "{stage}: {} thresholds for {} classifiers",
                thresholds.len(),
                contenders.len()
            ),
        ));
    }
    let file = format!("eval/{stage}.json");
    exp.stage(stage, |exp| {
        let test = load(&exp.base, TEST_FILE)?;
        let injurious: Vec<Snippet> = test
            .examples()
            .iter()
            .filter(|e| e.label == Label::Injurious)
            .map(|e| e.snippet.clone())
            .collect();
        let mut keep = vec![true; injurious.len()];
        for (c, &threshold) in contenders.iter().zip(thresholds) {
            let classifier = load_model(exp, &c.model)?;
            let scores = score_all(&exp.ctx, &classifier, &injurious, &c.label)?;
            for (k, s) in keep.iter_mut().zip(scores) {
                *k &= s >= threshold;
            }
        }
        let seeds: Vec<Snippet> = injurious
            .into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(s, _)| s)
            .take(n)
            .collect();
        exp.ctx.dir.dir("eval")?;
        write_json(&exp.ctx.dir.path(&file), &seeds)?;
        Ok(format!("{} seeds", seeds.len()))
    })?;
    read_json(&exp.ctx.dir.path(&file))
}

/// Stage `{name}_{attack}_{model}`: `attacker` (named `attack`) on contender `c` from
/// `seeds`, journaled; its effort and egregiousness.
pub fn fresh_attack(
    exp: &mut Experiment,
    name: &str,
    attack: &str,
    attacker: Attacker,
    c: &Contender,
    seeds: &[Snippet],
) -> Result<FreshAttack> {
    let journal = format!("eval/attacks/{name}_{attack}_{}.jsonl", c.model);
    exp.stage(&format!("{name}_{attack}_{}", c.model), |exp| {
        let classifier = load_model(exp, &c.model)?;
        let masked_lm = load_masked_lm(&exp.base)?;
        let suggestions = Suggestions::new(exp.ctx.lexicon.clone(), &masked_lm);
        let combined = suggestions.combined();
        exp.ctx.dir.dir("eval/attacks")?;
        let seeds: Vec<(String, Snippet)> = seeds
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("seed-{i}"), s.clone()))
            .collect();
        let records = attack_seeds(
            &exp.ctx,
            attacker,
            &c.label,
            &classifier,
            &combined,
            &seeds,
            &journal,
            &format!("{name} fresh {attack}"),
        )?;
        let broken = records.iter().filter(|r| r.succeeded).count();
        Ok(format!(
            "{}: {broken}/{} seeds broken",
            c.label,
            records.len()
        ))
    })?;
    let records = labels::Journal::<SeedRecord>::read(exp.ctx.dir.path(&journal))?.records;
    let egregious = records
        .iter()
        .filter(|r| r.adversarial.iter().any(|(_, e)| *e >= 7))
        .count();
    let all: Vec<f64> = records
        .iter()
        .flat_map(|r| r.adversarial.iter().map(|(_, e)| f64::from(*e)))
        .collect();
    Ok(FreshAttack {
        attack: attack.to_string(),
        classifier: c.label.clone(),
        effort: effort_row(&exp.ctx, &c.label, &records)?,
        egregious_failures: RateEstimate::new(egregious as u64, records.len().max(1) as u64)?,
        egregiousness_all: if all.is_empty() {
            None
        } else {
            let config = BootstrapConfig {
                seed: exp
                    .ctx
                    .seed_of(&format!("{name} {attack} {} egregiousness", c.model)),
                ..BootstrapConfig::default()
            };
            Some(bootstrap_mean(&all, &config)?)
        },
    })
}

/// The same fresh attack with each classifier at its own quality-chosen threshold. A
/// classifier's scores can move as a whole in training; an attack at the run's fixed
/// acceptance threshold then reads the shift as robustness, and this is the check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnThreshold {
    /// Each contender's threshold (Table 2's, chosen by quality).
    pub thresholds: Vec<f64>,
    /// How many held-out seeds every contender flags at its own threshold.
    pub seeds: usize,
    /// One attack per contender (empty when there is no such seed).
    pub attacks: Vec<FreshAttack>,
}

/// Stages `{name}_own_threshold_seeds` and `{name}_{attack}_own_threshold_{model}`:
/// `attacker` on each contender, getting it under its threshold in `rows` (from
/// [`test_rows`]), from up to `n` injurious test snippets that all flag at theirs.
pub fn own_threshold_attacks(
    exp: &mut Experiment,
    name: &str,
    attack: &str,
    attacker: Attacker,
    contenders: &[Contender],
    rows: &[Table2Row],
    n: usize,
) -> Result<OwnThreshold> {
    let thresholds: Vec<f64> = rows.iter().map(|r| r.threshold).collect();
    let seeds = flagged_seeds(
        exp,
        &format!("{name}_own_threshold_seeds"),
        contenders,
        &thresholds,
        n,
    )?;
    let mut attacks = Vec::new();
    if !seeds.is_empty() {
        for (c, &threshold) in contenders.iter().zip(&thresholds) {
            let at = Attacker {
                threshold: Some(threshold),
                ..attacker
            };
            attacks.push(fresh_attack(
                exp,
                name,
                &format!("{attack}_own_threshold"),
                at,
                c,
                &seeds,
            )?);
        }
    }
    Ok(OwnThreshold {
        thresholds,
        seeds: seeds.len(),
        attacks,
    })
}

/// Stage `{name}_test`: Table 2's row of each contender (threshold chosen by quality,
/// FNR and FPR on the main run's test set), written to `eval/{name}_test.json`.
pub fn test_rows(
    exp: &mut Experiment,
    name: &str,
    contenders: &[Contender],
) -> Result<Vec<Table2Row>> {
    let file = format!("eval/{name}_test.json");
    exp.stage(&format!("{name}_test"), |exp| {
        let test = load(&exp.base, TEST_FILE)?;
        let study = load_quality(&exp.base)?;
        // the main run's fresh prompts, when it has them (runs before stage
        // `fresh_quality` do not)
        let fresh = load_fresh_quality(&exp.base).ok();
        let mut rows = Vec::new();
        for c in contenders {
            let classifier = load_model(exp, &c.model)?;
            rows.push(evaluate_classifier(
                &exp.ctx,
                &classifier,
                &c.label,
                &c.model,
                &test,
                &study,
                fresh.as_deref(),
            )?);
        }
        exp.ctx.dir.dir("eval")?;
        write_json(&exp.ctx.dir.path(&file), &rows)?;
        let parts: Vec<String> = rows
            .iter()
            .map(|r| format!("{} FNR {}", r.classifier, r.test_fnr))
            .collect();
        Ok(parts.join("; "))
    })?;
    read_json(&exp.ctx.dir.path(&file))
}
