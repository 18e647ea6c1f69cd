//! The model's next-token distribution as `ndarray` arrays, so that a Rust user never has
//! to read a `tch::Tensor`: the logits after a batch of prompts of different lengths (left
//! padded, as [`generate_tokens`](crate::generate_tokens) runs them) as an [`Array2`], and
//! the probabilities that sampling draws from.

use ndarray::Array2;

use crate::error::{GeneratorError, Result};
use crate::generation::generate::left_padded;
use crate::generation::sampling::{SamplingConfig, warped_probabilities};
use crate::model::gpt_neo::{GptNeo, positions_from_mask};

impl GptNeo {
    /// The logits of the token after each prompt, `[prompts, vocab]` (fp32, no dropout,
    /// no gradients): what [`generate_tokens`](crate::generate_tokens) chooses its first
    /// token from. Prompts must be non-empty.
    pub fn next_token_logits(&self, prompts: &[Vec<i64>]) -> Result<Array2<f32>> {
        if prompts.is_empty() || prompts.iter().any(Vec::is_empty) {
            return Err(GeneratorError::Input(
                "next-token logits need at least one prompt, none of them empty".into(),
            ));
        }
        let (ids, mask) = left_padded(prompts, self.config().padding_token(), self.device())?;
        let positions = positions_from_mask(&mask)?;
        let logits = self.forward_last(&ids, Some(&mask), Some(&positions), None)?;
        let vocab = self.config().vocab_size;
        let values = Vec::<f32>::try_from(
            logits
                .f_to_kind(tch::Kind::Float)?
                .f_to_device(tch::Device::Cpu)?
                .f_flatten(0, -1)?,
        )?;
        Array2::from_shape_vec((prompts.len(), vocab), values)
            .map_err(|e| GeneratorError::Input(format!("logits of the wrong size: {e}")))
    }

    /// The probabilities of the token after each prompt, `[prompts, vocab]`, as sampling
    /// with `sampling` draws them (temperature, top-k, top-p; see
    /// [`warped_probabilities`]).
    pub fn next_token_probabilities(
        &self,
        prompts: &[Vec<i64>],
        sampling: &SamplingConfig,
    ) -> Result<Array2<f64>> {
        sampling.validate()?;
        let logits = self.next_token_logits(prompts)?;
        let mut out = Array2::zeros(logits.dim());
        for (row, mut target) in logits.rows().into_iter().zip(out.rows_mut()) {
            let probs = warped_probabilities(&row.to_vec(), sampling);
            target.assign(&ndarray::ArrayView1::from(&probs));
        }
        Ok(out)
    }
}
