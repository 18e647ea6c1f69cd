//! The real thing, small: the story world's initial data labeled by its injury oracle, a
//! tokenizer trained on the world's text, a tiny DeBERTa classifier fine-tuned from scratch,
//! a tiny masked LM briefly pre-trained on the world's stories, and injurious seeds (by the
//! oracle) that the classifier flags. Built once per test binary.

use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Instant;

use attacks::{Paraphraser, RuleParaphraser, RuleParaphraserConfig, WordNetSynonyms};
use classifier::{
    DebertaConfig, DebertaForMaskedLm, DebertaForSequenceClassification, FineTuneConfig,
    InjuriousnessClassifier, MaskedLmSuggester, OptimizerSettings, PretrainConfig, TextTokenizer,
    TokenizerKind, fine_tune, pretrain_masked_lm,
};
use labels::{Example, Label, Snippet, Source, Split, SplitFractions};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use storyworld::{InjuryOracle, Lexicon, World, WorldConfig};
use tch::Device;

/// Snippets of the initial dataset the classifier is trained on.
pub const TRAINING_SNIPPETS: usize = 2_000;
/// Noisy paraphrases added per injurious training snippet.
pub const PARAPHRASES_PER_INJURIOUS: usize = 3;
/// Stories the masked LM and the tokenizer see.
pub const CORPUS_STORIES: usize = 1_500;

/// Everything the real tests attack with.
pub struct Fixture {
    pub lexicon: Arc<Lexicon>,
    pub world: World,
    pub classifier: InjuriousnessClassifier,
    pub masked_lm: MaskedLmSuggester,
    /// Injurious by the oracle, unseen in training, scored ≥ 0.5 by the classifier.
    pub seeds: Vec<Snippet>,
}

pub fn oracle_of(fixture: &Fixture) -> InjuryOracle {
    InjuryOracle::with_lexicon(fixture.lexicon.clone())
}

fn config(vocab: i64) -> DebertaConfig {
    let mut c = DebertaConfig::small_v3(vocab, 48, 2, 4, 128);
    c.id2label = vec!["non-injurious".into(), "injurious".into()];
    c
}

/// One to three random word insertions or substitutions in the completion, with words
/// of the world's stories.
fn noisy(snippet: &Snippet, vocabulary: &[String], rng: &mut ChaCha8Rng) -> Snippet {
    let mut words: Vec<String> = snippet
        .completion
        .split_whitespace()
        .map(String::from)
        .collect();
    for _ in 0..rng.random_range(1..=3) {
        let w = vocabulary[rng.random_range(0..vocabulary.len())].clone();
        let at = rng.random_range(0..=words.len());
        if rng.random_bool(0.5) || at == words.len() {
            words.insert(at, w);
        } else {
            let old = &words[at];
            let tail: String = old.chars().skip_while(|c| c.is_alphanumeric()).collect();
            if old.chars().next().is_some_and(char::is_alphanumeric) {
                words[at] = format!("{w}{tail}");
            }
        }
    }
    Snippet::new(snippet.prompt.clone(), words.join(" "))
}

/// The fixture, built by the first test that asks; tests holding it run one at a time
/// (libtorch tensors may not be shared between threads, and the machine has two cores).
pub fn fixture() -> MutexGuard<'static, Fixture> {
    static FIXTURE: OnceLock<Mutex<Fixture>> = OnceLock::new();
    FIXTURE
        .get_or_init(|| Mutex::new(build()))
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn build() -> Fixture {
    tch::set_num_threads(1);
    let clock = Instant::now();
    let lexicon = Lexicon::load().expect("WordNet is installed (run scripts/setup)");
    let oracle = InjuryOracle::with_lexicon(lexicon.clone());
    let world = World::new(WorldConfig::default()).unwrap();
    let mut data = world.initial_dataset(TRAINING_SNIPPETS, &oracle).unwrap();
    data.assign_splits(
        SplitFractions {
            train: 0.9,
            validation: 0.1,
            test: 0.0,
        },
        0,
    )
    .unwrap();
    // the attacked classifier is like the paper's "+paraphrases" stage: the initial data
    // plus automatic paraphrases of its injurious snippets, each with a few random words
    // of the world's stories put in, labeled by the oracle (without them a tiny model
    // learns the world's templates and any stray word breaks it, so that random edits
    // alone defeat it)
    let mut train = data.split(Split::Train);
    let mut paraphraser = RuleParaphraser::new(
        RuleParaphraserConfig {
            seed: 7,
            ..RuleParaphraserConfig::default()
        },
        WordNetSynonyms::new(lexicon.clone()),
    )
    .unwrap();
    let injurious: Vec<Snippet> = train
        .examples()
        .iter()
        .filter(|e| e.label != Label::NonInjurious)
        .map(|e| e.snippet.clone())
        .collect();
    let corpus: Vec<String> = world.corpus(CORPUS_STORIES).collect();
    let mut vocabulary: Vec<String> = corpus
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    vocabulary.sort();
    vocabulary.dedup();
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for s in &injurious {
        for p in paraphraser
            .paraphrase(s, PARAPHRASES_PER_INJURIOUS)
            .unwrap()
        {
            let p = noisy(&p, &vocabulary, &mut rng);
            let label = oracle.label(&p).unwrap();
            train.push(Example::new(p, label, Source::Paraphrase));
        }
    }
    println!(
        "[fixture] world, data and {} paraphrases: {:.1} s",
        train.len() - data.split(Split::Train).len(),
        clock.elapsed().as_secs_f64()
    );

    let mut texts = corpus.clone();
    for e in data.examples() {
        texts.push(e.snippet.prompt.clone());
        texts.push(e.snippet.completion.clone());
    }
    let tokenizer = TextTokenizer::train(&texts, 1_200, TokenizerKind::Bpe).unwrap();
    let vocab = tokenizer.vocab_size() as i64;
    println!(
        "[fixture] tokenizer ({vocab} pieces): {:.1} s",
        clock.elapsed().as_secs_f64()
    );

    let model = DebertaForSequenceClassification::new(config(vocab), 1, Device::Cpu).unwrap();
    let mut classifier = InjuriousnessClassifier::new(model, tokenizer.clone()).unwrap();
    let settings = FineTuneConfig {
        epochs: 2,
        batch_size: 16,
        optimizer: OptimizerSettings {
            learning_rate: 1e-3,
            weight_decay: 0.01,
            warmup_fraction: 0.1,
            max_grad_norm: 1.0,
        },
        seed: 1,
        ..FineTuneConfig::default()
    };
    let report = fine_tune(
        &mut classifier,
        &train,
        &data.split(Split::Validation),
        &settings,
        |e| println!("[fixture] {e:?}"),
    )
    .unwrap();
    println!(
        "[fixture] classifier: best epoch {}, {:.1} s",
        report.best_epoch,
        clock.elapsed().as_secs_f64()
    );

    let mlm = DebertaForMaskedLm::new(config(vocab), 2, Device::Cpu).unwrap();
    let pretrain = PretrainConfig {
        epochs: 2,
        batch_size: 32,
        max_length: 96,
        seed: 2,
        optimizer: OptimizerSettings {
            learning_rate: 2e-3,
            ..PretrainConfig::default().optimizer
        },
        ..PretrainConfig::default()
    };
    pretrain_masked_lm(&mlm, &tokenizer, &corpus, &pretrain, |epoch, loss| {
        println!("[fixture] masked LM epoch {epoch}: loss {loss:.3}")
    })
    .unwrap();
    let masked_lm = MaskedLmSuggester::new(mlm, tokenizer).unwrap();
    println!(
        "[fixture] masked LM: {:.1} s",
        clock.elapsed().as_secs_f64()
    );

    let seeds = pick_seeds(&world, &oracle, &classifier);
    Fixture {
        lexicon,
        world,
        classifier,
        masked_lm,
        seeds,
    }
}

fn pick_seeds(
    world: &World,
    oracle: &InjuryOracle,
    classifier: &InjuriousnessClassifier,
) -> Vec<Snippet> {
    let clock = Instant::now();
    // seeds: fresh snippets of the same stream, injurious by the oracle, flagged
    let mut seeds = Vec::new();
    let mut index = TRAINING_SNIPPETS as u64 * 2;
    while seeds.len() < 12 && index < TRAINING_SNIPPETS as u64 * 2 + 3_000 {
        let s = world.snippet(index).snippet;
        index += 1;
        if oracle.label(&s).unwrap() != Label::Injurious {
            continue;
        }
        let input = classifier::ModelInput::Snippet(s.clone());
        if classifier.score(&input).unwrap().p_injurious >= 0.5 {
            seeds.push(s);
        }
    }
    println!(
        "[fixture] {} seeds from {} snippets: {:.1} s",
        seeds.len(),
        index - TRAINING_SNIPPETS as u64 * 2,
        clock.elapsed().as_secs_f64()
    );
    seeds
}
