//! The classifier's numbers as `ndarray` arrays, so that a Rust user never has to read a
//! `tch::Tensor`: P(injurious) of a batch as an [`Array1`], its logits as an [`Array2`]
//! (one row per input), a saliency map per token or per word as an [`Array1`].

use ndarray::{Array1, Array2};

use crate::error::{ClassifierError, Result};
use crate::tools::encoding::ModelInput;
use crate::tools::injuriousness::InjuriousnessClassifier;
use crate::tools::saliency::Saliency;
use crate::tools::scoring::{BatchOptions, Score};

impl InjuriousnessClassifier {
    /// P(injurious) of each input, in input order: the `p_injurious` of
    /// [`InjuriousnessClassifier::score_batch`] as an array.
    pub fn p_injurious_array(
        &self,
        inputs: &[ModelInput],
        options: &BatchOptions,
    ) -> Result<Array1<f64>> {
        Ok(p_injurious_array(&self.score_batch(inputs, options)?))
    }

    /// The logits of each input, `[inputs, classes]`, in input order: the `logits` of
    /// [`InjuriousnessClassifier::score_batch`] as an array.
    pub fn logits_array(
        &self,
        inputs: &[ModelInput],
        options: &BatchOptions,
    ) -> Result<Array2<f32>> {
        logits_array(&self.score_batch(inputs, options)?)
    }
}

/// The `p_injurious` of `scores`, in order.
pub fn p_injurious_array(scores: &[Score]) -> Array1<f64> {
    scores.iter().map(|s| s.p_injurious).collect()
}

/// The `logits` of `scores` as rows, `[scores, classes]`; scores with different numbers
/// of classes are an error.
pub fn logits_array(scores: &[Score]) -> Result<Array2<f32>> {
    let classes = scores.first().map_or(0, |s| s.logits.len());
    let flat: Vec<f32> = scores
        .iter()
        .flat_map(|s| s.logits.iter().copied())
        .collect();
    Array2::from_shape_vec((scores.len(), classes), flat)
        .map_err(|_| ClassifierError::Setting("scores with different numbers of classes".into()))
}

impl Saliency {
    /// The saliency of each token, in sequence order (special tokens included).
    pub fn token_array(&self) -> Array1<f64> {
        self.tokens.iter().map(|t| t.saliency).collect()
    }

    /// The saliency of each word, in the order of [`Saliency::words`].
    pub fn word_array(&self) -> Array1<f64> {
        self.words.iter().map(|w| w.saliency).collect()
    }
}
