//! The settings of a run: everything that decides its datasets and numbers.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::recipes::GENERATOR_HEAD_SIZE;
use super::scale::{Scale, Sizes};

/// The settings of one run of the pipeline. Two runs with equal settings on the same
/// machine give the same datasets and the same numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The preset the sizes came from.
    pub scale: Scale,
    /// Every size.
    pub sizes: Sizes,
    /// The seed of everything random.
    pub seed: u64,
    /// Which replicate of the experiment this run is: 0 for the main run, whose random
    /// streams come from [`seed`](Self::seed) itself; replicate `k > 0` draws its own
    /// initial data, training and attacks from [`replicate_seed`](Self::replicate_seed)
    /// (the models and evaluation sets it shares with the main run come from the main
    /// run's directory). Not written when 0, so that run directories from before
    /// replicates still resume.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub replicate: u32,
    /// An attacker's example counts when the attacked classifier scores it under this
    /// (the paper: 0.05).
    pub acceptance_threshold: f64,
    /// The threshold rule's floor on the lower bound of quality (the paper: 48%).
    pub quality_floor: f64,
    /// Whether a person at the terminal does the manual round.
    pub human: bool,
    /// Real checkpoints (`generator/`: a GPT-Neo directory; `masked_lm/`: a DeBERTa
    /// masked-LM directory with its tokenizer) used instead of the ones trained here.
    pub model_dir: Option<PathBuf>,
}

impl Settings {
    /// The settings of `scale` with the paper's thresholds, seed 0.
    pub fn new(scale: Scale) -> Self {
        Settings {
            scale,
            sizes: scale.sizes(),
            seed: 0,
            acceptance_threshold: attacks::PAPER_ACCEPTANCE_THRESHOLD,
            quality_floor: metrics::PAPER_QUALITY_FLOOR,
            human: false,
            model_dir: None,
            replicate: 0,
        }
    }

    /// The seed of this replicate's random streams: [`seed`](Self::seed) for replicate 0,
    /// a seed derived from it and the replicate's number otherwise.
    pub fn replicate_seed(&self) -> u64 {
        match self.replicate {
            0 => self.seed,
            k => super::seeds::stream_seed(self.seed, &format!("replicate {k}")),
        }
    }

    /// Checks the settings.
    pub fn validate(&self) -> Result<(), String> {
        if !(self.acceptance_threshold > 0.0 && self.acceptance_threshold < 1.0) {
            return Err(format!(
                "the acceptance threshold must be in (0, 1), got {}",
                self.acceptance_threshold
            ));
        }
        if !(0.0..0.5).contains(&self.quality_floor) {
            return Err(format!(
                "the quality floor must be in [0, 0.5), got {}",
                self.quality_floor
            ));
        }
        let s = &self.sizes;
        if s.initial_snippets < 50 || s.test_snippets < 50 || s.corpus_stories < 50 {
            return Err("the corpus, initial and test sets need at least 50 snippets".into());
        }
        if s.generator_hidden == 0 || !s.generator_hidden.is_multiple_of(GENERATOR_HEAD_SIZE) {
            return Err(format!(
                "the generator's width must be a positive multiple of {GENERATOR_HEAD_SIZE} (its head size), got {}",
                s.generator_hidden
            ));
        }
        if s.generator_layers == 0 || !s.generator_layers.is_multiple_of(2) {
            return Err(format!(
                "the generator's layers alternate global and local attention: an even number is needed, got {}",
                s.generator_layers
            ));
        }
        if s.quality_completions < 2 || s.quality_prompts == 0 {
            return Err("the quality study needs prompts with at least 2 completions".into());
        }
        if s.fresh_quality_prompts < 2 || s.fresh_quality_attempts == 0 {
            return Err(
                "the fresh quality measurement needs at least 2 prompts and 1 attempt".into(),
            );
        }
        if let Some(dir) = &self.model_dir
            && !dir.is_dir()
        {
            return Err(format!("--model-dir {} is not a directory", dir.display()));
        }
        Ok(())
    }

    /// The settings that differ from `other`'s, as `name: ours vs theirs`.
    pub fn differences(&self, other: &Settings) -> Vec<String> {
        let ours = serde_json::to_value(self).unwrap_or_default();
        let theirs = serde_json::to_value(other).unwrap_or_default();
        let mut out = Vec::new();
        flatten_differences("", &ours, &theirs, &mut out);
        out
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn flatten_differences(
    prefix: &str,
    a: &serde_json::Value,
    b: &serde_json::Value,
    out: &mut Vec<String>,
) {
    match (a, b) {
        (serde_json::Value::Object(x), serde_json::Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let null = serde_json::Value::Null;
                let name = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten_differences(
                    &name,
                    x.get(k).unwrap_or(&null),
                    y.get(k).unwrap_or(&null),
                    out,
                );
            }
        }
        _ if a != b => out.push(format!("{prefix}: {a} now, {b} in the run directory")),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_and_a_generator_of_another_shape_is_checked() {
        for scale in [Scale::Tiny, Scale::Small, Scale::Medium, Scale::Large] {
            assert_eq!(Settings::new(scale).validate(), Ok(()), "{scale}");
        }
        let mut s = Settings::new(Scale::Tiny);
        s.sizes.generator_hidden = 64;
        s.sizes.generator_layers = 2;
        assert_eq!(s.validate(), Ok(()));
        s.sizes.generator_hidden = 48;
        assert!(s.validate().unwrap_err().contains("multiple of 32"));
        s.sizes.generator_hidden = 64;
        s.sizes.generator_layers = 3;
        assert!(s.validate().unwrap_err().contains("an even number"));
    }

    #[test]
    fn a_manifest_without_the_generator_shape_reads_as_the_small_generator() {
        let mut value = serde_json::to_value(Settings::new(Scale::Small)).unwrap();
        let sizes = value["sizes"].as_object_mut().unwrap();
        for field in [
            "generator_hidden",
            "generator_layers",
            "generator_batch",
            "generator_learning_rate",
        ] {
            assert!(sizes.remove(field).is_some(), "{field}");
        }
        let read: Settings = serde_json::from_value(value).unwrap();
        assert_eq!(read, Settings::new(Scale::Small));
    }
}
