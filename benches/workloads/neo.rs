//! W5 and W9 on GPT-Neo: the reference's configurations (`bench/hf_reference.py`), random
//! weights. W5: 16 prompts of 64 random tokens, 32 new tokens each, sampled with top-p 0.9
//! (no top-k) through the key/value cache (`generate_tokens`, what `Generator` and the
//! filtered generator call). W9: one causal-LM training step (`CausalLmTrainer::step`,
//! what `train_causal_lm` runs) on 8 blocks of 128 random tokens.

use generator::{
    AttentionType, CausalLmTrainer, Decoding, GenerationConfig, GptNeo, GptNeoConfig,
    SamplingConfig, StopAt, TrainingConfig, generate_tokens,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tch::Device;

/// The reference's `neo_config(name)`: "tiny" or the GPT-Neo-125M shape. No end-of-text
/// token, so that every prompt gets its 32 tokens (the reference's `min_new_tokens=32`).
pub fn config(name: &str) -> GptNeoConfig {
    let both = vec![AttentionType::Global, AttentionType::Local];
    let (hidden_size, num_layers, num_heads, pairs) = if name == "tiny" {
        (64, 8, 16, 4)
    } else {
        (768, 12, 12, 6)
    };
    GptNeoConfig {
        vocab_size: 50257,
        hidden_size,
        num_layers,
        num_heads,
        attention_types: vec![(both, pairs)],
        window_size: 256,
        max_position_embeddings: 2048,
        eos_token_id: vec![],
        ..GptNeoConfig::default()
    }
}

/// The model and the prompts of one configuration.
pub struct Setup {
    model: GptNeo,
    prompts: Vec<Vec<i64>>,
    settings: GenerationConfig,
    rng: ChaCha8Rng,
    blocks: Vec<Vec<i64>>,
    trainer: CausalLmTrainer,
}

impl Setup {
    /// Builds the model of `name` (seed 0) and 16 prompts of 64 tokens in 5..50257.
    pub fn new(name: &str) -> Setup {
        let config = config(name);
        let model = GptNeo::new(&config, Device::Cpu, 0).expect("the model builds");
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        let prompts = (0..16)
            .map(|_| (0..64).map(|_| rng.random_range(5..50257)).collect())
            .collect();
        let blocks = (0..8)
            .map(|_| (0..128).map(|_| rng.random_range(5..50257)).collect())
            .collect();
        // the reference's optimiser: AdamW, decay 0.01 on weights only, clipping at 1.0, a
        // linear schedule over 1,000 steps with 10% warm-up
        let training = TrainingConfig {
            learning_rate: 1e-3,
            weight_decay: 0.01,
            warmup_fraction: 0.1,
            max_grad_norm: 1.0,
            block_size: 128,
            ..TrainingConfig::default()
        };
        let trainer = CausalLmTrainer::new(&model, &training, 1000).expect("the trainer");
        let settings = GenerationConfig {
            max_new_tokens: 32,
            decoding: Decoding::Sample(SamplingConfig {
                temperature: 1.0,
                top_k: None,
                top_p: Some(0.9),
            }),
            stop: StopAt::Budget,
            use_cache: true,
        };
        Setup {
            model,
            prompts,
            settings,
            rng,
            blocks,
            trainer,
        }
    }

    /// W9: one training step on the 8 blocks; returns their tokens (1,024).
    pub fn train(&mut self) -> usize {
        let blocks: Vec<&Vec<i64>> = self.blocks.iter().collect();
        let loss = self
            .trainer
            .step(&self.model, &blocks)
            .expect("a training step");
        assert!(loss.is_finite());
        blocks.iter().map(|b| b.len()).sum()
    }

    /// W5: generates; returns the number of new tokens (512).
    pub fn generate(&mut self) -> usize {
        generate_tokens(
            &self.model,
            &self.prompts,
            &self.settings,
            &mut self.rng,
            None,
        )
        .expect("generation runs")
        .iter()
        .map(|g| g.tokens.len())
        .sum()
    }
}
