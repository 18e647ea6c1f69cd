//! The evaluation of each generator: the filter's threshold, the adversary's prompts, the
//! injury rates unfiltered and filtered, and quality against the base generator.

use metrics::{BootstrapConfig, BootstrapEstimate, RateEstimate, bootstrap_mean};
use serde::{Deserialize, Serialize};
use storyworld::{Preference, QualityJudge};

use super::sampling::{Sample, SampleSet, count, load_samples};
use super::settings::{FILTER_MODEL, NAME};
use crate::experiment::Experiment;
use pipeline::{PipelineError, Result, TABLE2_FILE, Table2Row, read_json};

/// What was measured of one generator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeneratorRow {
    /// Its model name.
    pub model: String,
    /// Its name in the report.
    pub label: String,
    /// Texts it was fine-tuned on (`None` for the base).
    pub tuned_on: Option<usize>,
    /// Injurious unfiltered samples (an empty completion counts as a harmless one).
    pub unfiltered_injury: RateEstimate,
    /// Quality of its unfiltered samples: how often the judge prefers one over the base
    /// generator's sample of the same prompt (ties half), bootstrapped over prompts; 0.5
    /// is the base's own quality.
    pub unfiltered_quality: Option<BootstrapEstimate>,
    /// Samples the filter lets through.
    pub acceptance: RateEstimate,
    /// Injurious samples among those the filter lets through: the failure rate of the
    /// filtered generator (`None` when nothing passed).
    pub filtered_injury: Option<RateEstimate>,
    /// Quality of the filtered generator (each prompt's first passing sample against the
    /// base's unfiltered sample), as above.
    pub filtered_quality: Option<BootstrapEstimate>,
    /// The adversary's prompts (those with the most injurious samples in the evaluation),
    /// sampled afresh: the injury rate of the unfiltered generator there.
    pub worst_unfiltered: RateEstimate,
    /// The adversary's prompts against the filtered generator (most failures, then most
    /// injuries), sampled afresh: injurious among the samples the filter lets through.
    pub worst_filtered: Option<RateEstimate>,
}

/// The threshold the main run chose (by quality) for [`FILTER_MODEL`].
pub(super) fn filter_threshold(exp: &Experiment) -> Result<f64> {
    let rows: Vec<Table2Row> = read_json(&exp.base.dir.path(TABLE2_FILE))?;
    rows.iter()
        .find(|r| r.model == FILTER_MODEL)
        .map(|r| r.threshold)
        .ok_or_else(|| {
            PipelineError::stage(
                NAME,
                format!("the main run's {TABLE2_FILE} has no row for {FILTER_MODEL}"),
            )
        })
}

/// Prompts ranked by the adversary: by `primary` count, then `secondary`, then index.
pub(super) fn worst_prompts(
    set: &SampleSet,
    n: usize,
    primary: impl Fn(&Sample) -> bool,
    secondary: impl Fn(&Sample) -> bool,
) -> Vec<String> {
    let mut counts = vec![(0usize, 0usize); set.prompts.len()];
    for s in &set.samples {
        if let Some(c) = counts.get_mut(s.prompt) {
            c.0 += usize::from(primary(s));
            c.1 += usize::from(secondary(s));
        }
    }
    let mut ranked: Vec<usize> = (0..set.prompts.len()).collect();
    ranked.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(a.cmp(&b)));
    ranked
        .into_iter()
        .take(n)
        .map(|p| set.prompts[p].clone())
        .collect()
}

/// How often the judge prefers `ours` to `theirs` (1 win, ½ tie), averaged per prompt,
/// bootstrapped over prompts.
fn win_rate(
    exp: &Experiment,
    judge: &QualityJudge,
    pairs: &[(usize, &str, &str, &str)],
    prompts: usize,
) -> Result<Option<BootstrapEstimate>> {
    let mut per_prompt = vec![(0.0, 0usize); prompts];
    for (k, &(p, prompt, ours, theirs)) in pairs.iter().enumerate() {
        let seed = exp.ctx.seed_of("competent quality judge") ^ k as u64;
        let score = match judge.compare(prompt, ours, theirs, seed) {
            Preference::AWins => 1.0,
            Preference::Tie => 0.5,
            Preference::BWins => 0.0,
        };
        if let Some(slot) = per_prompt.get_mut(p) {
            slot.0 += score;
            slot.1 += 1;
        }
    }
    let means: Vec<f64> = per_prompt
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| s / *n as f64)
        .collect();
    if means.len() < 2 {
        return Ok(None);
    }
    let config = BootstrapConfig {
        seed: exp.ctx.seed_of("competent quality bootstrap"),
        ..BootstrapConfig::default()
    };
    Ok(Some(bootstrap_mean(&means, &config)?))
}

fn rate(k: u64, n: u64) -> Result<Option<RateEstimate>> {
    if n == 0 {
        return Ok(None);
    }
    Ok(Some(RateEstimate::new(k, n)?))
}

pub(super) fn row(
    exp: &Experiment,
    model: &str,
    label: &str,
    tuned_on: Option<usize>,
    threshold: f64,
    reference: &SampleSet,
) -> Result<GeneratorRow> {
    let eval = load_samples(exp, &format!("eval_{model}"))?;
    let all: Vec<&Sample> = eval.samples.iter().collect();
    let n = all.len() as u64;
    let missing = |what: &str| PipelineError::stage(NAME, format!("{model}: no {what}"));
    let unfiltered_injury =
        rate(count(&all, |s| s.injurious), n)?.ok_or_else(|| missing("sample"))?;
    let passing = count(&all, |s| s.passes(threshold));
    let acceptance = rate(passing, n)?.ok_or_else(|| missing("sample"))?;
    let filtered_injury = rate(count(&all, |s| s.fails(threshold)), passing)?;
    // the j-th sample of each prompt against the reference's j-th
    let judge = QualityJudge::new(exp.ctx.lexicon.clone());
    let mut nth = vec![0usize; eval.prompts.len()];
    let mut reference_of: Vec<Vec<&str>> = vec![Vec::new(); reference.prompts.len()];
    for s in &reference.samples {
        reference_of[s.prompt].push(&s.completion);
    }
    let mut pairs = Vec::new();
    let mut first_passing: Vec<Option<&str>> = vec![None; eval.prompts.len()];
    for s in &eval.samples {
        let j = nth[s.prompt];
        nth[s.prompt] += 1;
        if let Some(theirs) = reference_of.get(s.prompt).and_then(|r| r.get(j)) {
            pairs.push((
                s.prompt,
                eval.prompts[s.prompt].as_str(),
                s.completion.as_str(),
                *theirs,
            ));
        }
        if s.passes(threshold) && first_passing[s.prompt].is_none() {
            first_passing[s.prompt] = Some(&s.completion);
        }
    }
    let unfiltered_quality = win_rate(exp, &judge, &pairs, eval.prompts.len())?;
    let filtered_pairs: Vec<(usize, &str, &str, &str)> = first_passing
        .iter()
        .enumerate()
        .filter_map(|(p, ours)| {
            let theirs = reference_of.get(p)?.first()?;
            Some((p, eval.prompts[p].as_str(), (*ours)?, *theirs))
        })
        .collect();
    let filtered_quality = win_rate(exp, &judge, &filtered_pairs, eval.prompts.len())?;
    let worst = load_samples(exp, &format!("worst_{model}_unfiltered"))?;
    let worst: Vec<&Sample> = worst.samples.iter().collect();
    let worst_unfiltered = rate(count(&worst, |s| s.injurious), worst.len() as u64)?
        .ok_or_else(|| missing("sample on the adversary's prompts"))?;
    let worst_f = load_samples(exp, &format!("worst_{model}_filtered"))?;
    let worst_f: Vec<&Sample> = worst_f.samples.iter().collect();
    let worst_filtered = rate(
        count(&worst_f, |s| s.fails(threshold)),
        count(&worst_f, |s| s.passes(threshold)),
    )?;
    Ok(GeneratorRow {
        model: model.into(),
        label: label.into(),
        tuned_on,
        unfiltered_injury,
        unfiltered_quality,
        acceptance,
        filtered_injury,
        filtered_quality,
        worst_unfiltered,
        worst_filtered,
    })
}
