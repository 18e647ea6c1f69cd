//! The quality study's data: prompts, their unfiltered completions and the judged pairs.

use labels::Snippet;
use metrics::PairwiseJudgement;
use serde::{Deserialize, Serialize};

/// The quality study: several unfiltered completions per prompt, every pair judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityStudy {
    /// The prompts and their completions.
    pub prompts: Vec<QualityPrompt>,
    /// One judgement per unordered pair of completions of a prompt.
    pub judgements: Vec<PairwiseJudgement>,
    /// Who judged.
    pub judge: String,
}

/// One prompt of the quality study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityPrompt {
    /// Its id in the judgements.
    pub id: String,
    /// The prompt.
    pub prompt: String,
    /// Its unfiltered completions.
    pub completions: Vec<String>,
}

impl QualityPrompt {
    /// The completions as snippets.
    pub fn snippets(&self) -> Vec<Snippet> {
        self.completions
            .iter()
            .map(|c| Snippet::new(self.prompt.clone(), c.clone()))
            .collect()
    }
}
