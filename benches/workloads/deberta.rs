//! W1–W4, W7 and W8 on DeBERTa: the reference's configurations (`bench/hf_reference.py`),
//! random weights, inputs of 96 tokens, through the classifier crate's public API — the
//! calls the app, the experiments and the training stages make.

use classifier::{
    BatchOptions, DebertaConfig, DebertaForMaskedLm, DebertaForSequenceClassification,
    EncodedInput, FineTuner, InjuriousnessClassifier, MaskedLmSuggester, MaskedLmTrainer,
    ModelInput, OptimizerSettings, Substitution, TextTokenizer, TokenizerKind, replacement_sites,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use storyworld::{World, WorldConfig};
use tch::Device;

/// Tokens per input, special tokens included (the reference's `SEQ_LEN`).
pub const SEQ: usize = 96;

/// The optimiser of W7 and W8, the reference's (`adamw`, `optimizer_step`): AdamW with
/// weight decay 0.01 on weights only, clipping at 1.0, a linear schedule over 1,000 steps
/// with 10% warm-up.
fn optimizer(learning_rate: f64) -> OptimizerSettings {
    OptimizerSettings {
        learning_rate,
        weight_decay: 0.01,
        warmup_fraction: 0.1,
        max_grad_norm: 1.0,
    }
}

/// Steps the W7/W8 schedules are made for (the reference's `SCHEDULE_STEPS`).
const SCHEDULE_STEPS: usize = 1000;

/// The reference's `deberta_config(name)`: DeBERTa-v3 options (log-bucketed relative
/// attention over 256 buckets, shared keys, c2p and p2c, normalised relative embeddings,
/// no absolute positions, no token types), no dropout; "tiny" or the xsmall shape.
pub fn config(name: &str) -> DebertaConfig {
    let mut c = DebertaConfig::deberta_v3_large();
    c.max_position_embeddings = 512;
    c.position_buckets = 256;
    c.max_relative_positions = -1;
    c.type_vocab_size = 0;
    c.layer_norm_eps = 1e-7;
    c.hidden_dropout_prob = 0.0;
    c.attention_probs_dropout_prob = 0.0;
    c.id2label = vec!["non-injurious".into(), "injurious".into()];
    if name == "tiny" {
        (c.vocab_size, c.hidden_size, c.num_hidden_layers) = (8000, 128, 4);
        (c.num_attention_heads, c.intermediate_size) = (4, 512);
    } else {
        (c.vocab_size, c.hidden_size, c.num_hidden_layers) = (128_100, 384, 12);
        (c.num_attention_heads, c.intermediate_size) = (6, 1536);
    }
    c
}

/// A 2,000-piece BPE tokenizer trained on 300 stories of the story world, and the words
/// that are one token each.
fn tokenizer() -> (TextTokenizer, Vec<String>) {
    let world = World::new(WorldConfig::default()).expect("the story world builds");
    let corpus: Vec<String> = world.corpus(300).collect();
    let tokenizer =
        TextTokenizer::train(&corpus, 2_000, TokenizerKind::Bpe).expect("the tokenizer trains");
    let mut words: Vec<String> = corpus
        .iter()
        .flat_map(|s| s.split_whitespace())
        .filter(|w| w.chars().all(char::is_alphabetic))
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    // one piece each, so that a text of n such words is n tokens
    words.retain(|w| {
        tokenizer
            .encode_input(&ModelInput::text(w.as_str()), 512, 0)
            .is_ok_and(|e| e.len() == 3)
    });
    assert!(words.len() > 100, "{} one-piece words", words.len());
    (tokenizer, words)
}

/// `n` texts of `SEQ − 2` one-token words (`SEQ` tokens with `[CLS]` and `[SEP]`).
fn texts(words: &[String], n: usize, rng: &mut ChaCha8Rng) -> Vec<ModelInput> {
    (0..n)
        .map(|_| {
            let picked: Vec<&str> = (0..SEQ - 2)
                .map(|_| words[rng.random_range(0..words.len())].as_str())
                .collect();
            ModelInput::text(picked.join(" "))
        })
        .collect()
}

/// The models and inputs of one configuration.
pub struct Setup {
    /// The classifier (random weights, seed 0).
    pub classifier: InjuriousnessClassifier,
    /// The masked LM (random weights, seed 0) with the same tokenizer.
    pub suggester: MaskedLmSuggester,
    /// W1: 64 inputs, encoded.
    pub scoring: Vec<EncodedInput>,
    /// W2: 16 inputs.
    pub saliency: Vec<ModelInput>,
    /// W3: the base input.
    pub base: EncodedInput,
    /// W3: 32 random tokens at each of the 96 positions (xsmall: at every 4th).
    pub substitutions: Vec<Substitution>,
    /// W4: the input whose every (non-special) token is masked in turn.
    pub masked: ModelInput,
    /// W7: 64 inputs (the batch of 16 is their first 16) and their targets.
    training: Vec<EncodedInput>,
    targets: Vec<bool>,
    tuner: FineTuner,
    /// W8: 16 texts and the masked-LM trainer with its random stream.
    pretraining: Vec<EncodedInput>,
    pretrainer: MaskedLmTrainer,
    rng: ChaCha8Rng,
}

impl Setup {
    /// Builds the models of `name` and the inputs (seeded).
    pub fn new(name: &str) -> Setup {
        let (tokenizer, words) = tokenizer();
        let model = DebertaForSequenceClassification::new(config(name), 0, Device::Cpu)
            .expect("the classifier builds");
        let classifier =
            InjuriousnessClassifier::new(model, tokenizer.clone()).expect("the classifier");
        let mlm = DebertaForMaskedLm::new(config(name), 0, Device::Cpu).expect("the masked LM");
        let suggester = MaskedLmSuggester::new(mlm, tokenizer).expect("the suggester");
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        let scoring = classifier
            .encode(&texts(&words, 64, &mut rng))
            .expect("inputs encode");
        assert!(scoring.iter().all(|e| e.len() == SEQ));
        let saliency = texts(&words, 16, &mut rng);
        let base = classifier
            .encode(&texts(&words, 1, &mut rng))
            .expect("the base encodes")
            .remove(0);
        let vocab = classifier.tokenizer().vocab_size() as i64;
        // by position, as the reference orders them; xsmall at every 4th position only
        let every = if name == "tiny" { 1 } else { 4 };
        let substitutions: Vec<Substitution> = (0..SEQ)
            .step_by(every)
            .flat_map(|position| (0..32).map(move |_| position))
            .map(|position| Substitution {
                position,
                id: rng.random_range(5..vocab),
            })
            .collect();
        let mut masked = texts(&words, 1, &mut rng);
        let training = classifier
            .encode(&texts(&words, 64, &mut rng))
            .expect("inputs encode");
        let targets = (0..64).map(|_| rng.random_bool(0.5)).collect();
        let tuner =
            FineTuner::new(&classifier, optimizer(2e-5), SCHEDULE_STEPS).expect("the fine-tuner");
        let pretraining: Vec<EncodedInput> = texts(&words, 16, &mut rng)
            .iter()
            .map(|t| suggester.encode(t).expect("encodes"))
            .collect();
        let pretrainer = MaskedLmTrainer::new(
            suggester.model(),
            suggester.tokenizer(),
            optimizer(1e-4),
            0.15,
            SCHEDULE_STEPS,
        )
        .expect("the masked-LM trainer");
        Setup {
            classifier,
            suggester,
            scoring,
            saliency,
            base,
            substitutions,
            masked: masked.remove(0),
            training,
            targets,
            tuner,
            pretraining,
            pretrainer,
            rng,
        }
    }

    /// W7: one fine-tuning step (`FineTuner::step`) on the first `size` training inputs.
    pub fn fine_tune(&mut self, size: usize) -> usize {
        let batch: Vec<&EncodedInput> = self.training[..size].iter().collect();
        let loss = self
            .tuner
            .step(&self.classifier, &batch, &self.targets[..size])
            .expect("a fine-tuning step");
        assert!(loss.is_finite());
        size
    }

    /// W8: one masked-LM pre-training step (`MaskedLmTrainer::step`) on the 16 texts;
    /// returns the tokens of the batch.
    pub fn pretrain(&mut self) -> usize {
        let batch: Vec<&EncodedInput> = self.pretraining.iter().collect();
        let loss = self
            .pretrainer
            .step(self.suggester.model(), &batch, &mut self.rng)
            .expect("a pre-training step");
        assert!(loss.is_some_and(f64::is_finite));
        batch.iter().map(|e| e.len()).sum()
    }

    /// W1: one batch of 64, no gradients (`score_encoded`).
    pub fn score(&self) -> usize {
        let options = BatchOptions {
            max_batch_size: 64,
            max_batch_tokens: 64 * SEQ,
        };
        self.classifier
            .score_encoded(&self.scoring, &options)
            .expect("scores")
            .len()
    }

    /// W2: saliency of 16 inputs in one batch (`saliency_batch`: the gradient norm per
    /// token, per word too).
    pub fn saliency(&self) -> usize {
        let options = BatchOptions {
            max_batch_size: 16,
            max_batch_tokens: 16 * SEQ,
        };
        self.classifier
            .saliency_batch(&self.saliency, &options)
            .expect("saliency")
            .len()
    }

    /// W3: the substitutions (`score_substitutions`, default batch limits): 3,072 on
    /// tiny, 768 on xsmall.
    pub fn substitute(&self) -> usize {
        self.classifier
            .score_substitutions(&self.base, &self.substitutions, &BatchOptions::default())
            .expect("substitution scores")
            .len()
    }

    /// The first `n` substitutions of W3 only (a warm-up).
    pub fn substitute_first(&self, n: usize) -> usize {
        let n = n.min(self.substitutions.len());
        self.classifier
            .score_substitutions(
                &self.base,
                &self.substitutions[..n],
                &BatchOptions::default(),
            )
            .expect("substitution scores")
            .len()
    }

    /// The sites of W4: every token but `[CLS]` and `[SEP]`.
    pub fn mask_sites(&self) -> usize {
        let encoded = self.suggester.encode(&self.masked).expect("encodes");
        assert_eq!(encoded.len(), SEQ);
        replacement_sites(&encoded).len()
    }

    /// W4: the top 32 suggestions at every site, in one batch (`suggest`).
    pub fn suggest(&self) -> usize {
        let encoded = self.suggester.encode(&self.masked).expect("encodes");
        let sites = replacement_sites(&encoded);
        let options = BatchOptions {
            max_batch_size: SEQ,
            max_batch_tokens: SEQ * SEQ,
        };
        self.suggester
            .suggest(&self.masked, &sites, 32, &options)
            .expect("suggestions")
            .len()
    }
}
