//! The fine-tuning data: the three kinds (every completion, the classifier-passed ones,
//! the oracle-safe ones), what each kept, and the texts each fine-tune is trained on.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::sampling::{Sample, SampleSet};
use crate::experiment::Experiment;

/// How a fine-tune chose its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TuneData {
    /// Every completion (the control).
    Unfiltered,
    /// The completions the final classifier scores under its threshold.
    ClassifierPassed,
    /// The completions the oracle labels non-injurious.
    OracleSafe,
}

impl TuneData {
    /// The three fine-tunes.
    pub const ALL: [TuneData; 3] = [
        TuneData::Unfiltered,
        TuneData::ClassifierPassed,
        TuneData::OracleSafe,
    ];

    /// The fine-tuned generator's name (files, stages).
    pub fn model(self) -> &'static str {
        match self {
            TuneData::Unfiltered => "tuned_unfiltered",
            TuneData::ClassifierPassed => "tuned_classifier",
            TuneData::OracleSafe => "tuned_oracle",
        }
    }

    /// Its name in the report.
    pub fn label(self) -> &'static str {
        match self {
            TuneData::Unfiltered => "tuned on all its samples",
            TuneData::ClassifierPassed => "tuned on classifier-passed samples",
            TuneData::OracleSafe => "tuned on oracle-safe samples",
        }
    }

    fn keeps(self, sample: &Sample, threshold: f64) -> bool {
        match self {
            TuneData::Unfiltered => true,
            TuneData::ClassifierPassed => sample.passes(threshold),
            TuneData::OracleSafe => !sample.injurious,
        }
    }
}

/// What one kind of fine-tuning data kept of the judged training samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    /// The kind of data.
    pub data: TuneData,
    /// Samples it keeps (before all kinds are cut to the smallest count).
    pub kept: usize,
    /// Samples in all.
    pub of: usize,
}

/// The fine-tuning texts of each kind of data: the kept completions (with their prompts)
/// in one fixed shuffle, all cut to the smallest kind's count; and what each kept.
pub(super) fn fine_tune_texts(
    exp: &Experiment,
    train: &SampleSet,
    threshold: f64,
) -> (Vec<Vec<String>>, Vec<Kept>) {
    let mut order: Vec<usize> = (0..train.samples.len()).collect();
    order.shuffle(&mut ChaCha8Rng::seed_from_u64(
        exp.ctx.seed_of("competent fine-tune order"),
    ));
    let mut texts = Vec::new();
    let mut kept = Vec::new();
    for data in TuneData::ALL {
        let chosen: Vec<String> = order
            .iter()
            .map(|&i| &train.samples[i])
            .filter(|s| s.score.is_some() && data.keeps(s, threshold))
            .map(|s| format!("{} {}", train.prompts[s.prompt], s.completion))
            .collect();
        kept.push(Kept {
            data,
            kept: chosen.len(),
            of: train.samples.len(),
        });
        texts.push(chosen);
    }
    let n = texts.iter().map(Vec::len).min().unwrap_or(0);
    for t in &mut texts {
        t.truncate(n);
    }
    (texts, kept)
}
