//! A DeBERTa injuriousness classifier as the generator's filter: the glue between the
//! `classifier` and `generator` crates (the CLI's `generate --filter`, and the rare-failure
//! estimators of the beyond-the-paper experiments).
//!
//! ```no_run
//! use pipeline::filter::ClassifierFilter;
//! use generator::Filter;
//! use labels::Snippet;
//! # fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
//! let classifier = classifier::InjuriousnessClassifier::load(
//!     "runs/adversarial_training/models/classifiers/baseline",
//!     tch::Device::Cpu,
//! )?;
//! let mut filter = ClassifierFilter::new(classifier);
//! let scores = filter.score_batch(&[Snippet::new("He fell.", "He broke his arm.")])?;
//! assert!(scores[0] >= 0.0 && scores[0] <= 1.0);
//! # Ok(()) }
//! ```

use classifier::{BatchOptions, InjuriousnessClassifier, ModelInput};
use generator::{Filter, FilterError};
use labels::Snippet;

/// The classifier as a [`Filter`]: each snippet's score is its P(injurious), computed in
/// batches under no-grad.
pub struct ClassifierFilter {
    classifier: InjuriousnessClassifier,
}

impl ClassifierFilter {
    /// Wraps a loaded classifier.
    pub fn new(classifier: InjuriousnessClassifier) -> Self {
        ClassifierFilter { classifier }
    }

    /// The classifier.
    pub fn classifier(&self) -> &InjuriousnessClassifier {
        &self.classifier
    }
}

impl Filter for ClassifierFilter {
    fn id(&self) -> &str {
        "classifier"
    }

    fn score_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<f64>, FilterError> {
        let inputs: Vec<ModelInput> = snippets.iter().cloned().map(ModelInput::from).collect();
        let scores = self
            .classifier
            .score_batch(&inputs, &BatchOptions::default())?;
        Ok(scores.into_iter().map(|s| s.p_injurious).collect())
    }
}
