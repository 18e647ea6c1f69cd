//! Stages 1–3: the story corpus, the generator and the masked LM (trained here, or
//! loaded from `--model-dir`).

use classifier::MaskedLmSuggester;
use generator::{
    AttentionType, Generator, GptNeoConfig, TrainingConfig, small_config, train_from_scratch,
};

use super::context::Context;
use super::error::{PipelineError, Result};
use super::recipes::{GENERATOR_HEAD_SIZE, GENERATOR_POSITIONS};
use super::run_dir::{read_json, save_dir_atomically, write_json};
use super::scale::Sizes;
use super::steps::{MaskedLmRecipe, train_masked_lm};

/// Where the corpus is kept.
pub const CORPUS_FILE: &str = "data/corpus.json";
/// Where the generator is kept.
pub const GENERATOR_DIR: &str = "models/generator";
/// Where the masked LM (and the classifiers' tokenizer) is kept.
pub const MASKED_LM_DIR: &str = "models/masked_lm";
/// Stage `corpus`: the world's stories.
pub fn corpus(ctx: &mut Context) -> Result<String> {
    ctx.dir.dir("data")?;
    let stories: Vec<String> = ctx
        .world
        .corpus(ctx.settings.sizes.corpus_stories)
        .collect();
    let words: usize = stories.iter().map(|s| s.split_whitespace().count()).sum();
    write_json(&ctx.dir.path(CORPUS_FILE), &stories)?;
    Ok(format!("{} stories, {words} words", stories.len()))
}

/// The corpus written by stage `corpus`.
pub fn load_corpus(ctx: &Context) -> Result<Vec<String>> {
    read_json(&ctx.dir.path(CORPUS_FILE))
}

/// Stage `generator`: a small GPT-Neo trained on the corpus (or the real one).
pub fn generator(ctx: &mut Context) -> Result<String> {
    let dir = ctx.dir.path(GENERATOR_DIR);
    ctx.dir.dir("models")?;
    if let Some(real) = &ctx.settings.model_dir {
        let source = real.join("generator");
        let g = Generator::from_pretrained(&source, ctx.device)?;
        save_dir_atomically(&dir, |tmp| Ok(g.save_pretrained(tmp)?))?;
        return Ok(format!("loaded from {}", source.display()));
    }
    let stories = load_corpus(ctx)?;
    let held_out = (stories.len() / 20).max(1);
    let (validation, train) = stories.split_at(held_out);
    let sizes = &ctx.settings.sizes;
    let config = TrainingConfig {
        epochs: sizes.generator_epochs,
        batch_size: sizes.generator_batch,
        learning_rate: sizes.generator_learning_rate,
        seed: ctx.seed_of("generator"),
        ..TrainingConfig::default()
    };
    let bar = ctx.bar(sizes.generator_epochs as u64, "generator epochs");
    let (g, report) = train_from_scratch(
        train,
        validation,
        &generator_architecture(sizes),
        sizes.generator_vocab,
        &config,
        ctx.device,
        &mut |_| bar.inc(1),
    )?;
    bar.finish_and_clear();
    save_dir_atomically(&dir, |tmp| Ok(g.save_pretrained(tmp)?))?;
    if report.epochs.is_empty() {
        return Err(PipelineError::stage("generator", "no epoch ran"));
    }
    Ok(format!(
        "{} epochs, validation perplexity {:.2} (best epoch {}; unigram baseline {:.2})",
        report.epochs.len(),
        report.best_validation_perplexity,
        report.best_epoch,
        report.unigram_perplexity
    ))
}

/// The architecture of the generator trained here: [`small_config`] at the run's width
/// and depth, heads of [`GENERATOR_HEAD_SIZE`] dimensions, global and local attention
/// alternating.
pub fn generator_architecture(sizes: &Sizes) -> GptNeoConfig {
    GptNeoConfig {
        hidden_size: sizes.generator_hidden,
        num_layers: sizes.generator_layers,
        num_heads: sizes.generator_hidden / GENERATOR_HEAD_SIZE,
        attention_types: vec![(
            vec![AttentionType::Global, AttentionType::Local],
            sizes.generator_layers / 2,
        )],
        ..small_config(sizes.generator_vocab, GENERATOR_POSITIONS)
    }
}

/// The generator saved by [`generator`].
pub fn load_generator(ctx: &Context) -> Result<Generator> {
    Ok(Generator::from_pretrained(
        ctx.dir.path(GENERATOR_DIR),
        ctx.device,
    )?)
}

/// Stage `masked_lm`: the classifiers' tokenizer and a small DeBERTa pre-trained as a
/// masked LM on the corpus (or the real one); every classifier is fine-tuned from it.
pub fn masked_lm(ctx: &mut Context) -> Result<String> {
    let dir = ctx.dir.path(MASKED_LM_DIR);
    ctx.dir.dir("models")?;
    if let Some(real) = &ctx.settings.model_dir {
        let source = real.join("masked_lm");
        let m = MaskedLmSuggester::load(&source, ctx.device)?;
        save_dir_atomically(&dir, |tmp| Ok(m.save(tmp)?))?;
        return Ok(format!("loaded from {}", source.display()));
    }
    let stories = load_corpus(ctx)?;
    let sizes = ctx.settings.sizes.clone();
    let recipe = MaskedLmRecipe {
        vocab: sizes.classifier_vocab,
        hidden: sizes.deberta_hidden,
        layers: sizes.deberta_layers,
        epochs: sizes.masked_lm_epochs,
        seed: ctx.settings.seed,
    };
    let bar = ctx.bar(sizes.masked_lm_epochs as u64, "masked LM epochs");
    let (m, report) = train_masked_lm(&stories, &recipe, ctx.device, |_, _| bar.inc(1))?;
    bar.finish_and_clear();
    save_dir_atomically(&dir, |tmp| Ok(m.save(tmp)?))?;
    let loss = report.epoch_losses.last().copied().unwrap_or(f64::NAN);
    Ok(format!(
        "{} pieces, {} epochs, last masked-token loss {loss:.3}",
        m.tokenizer().vocab_size(),
        report.epoch_losses.len()
    ))
}

/// The masked LM saved by stage `masked_lm`.
pub fn load_masked_lm(ctx: &Context) -> Result<MaskedLmSuggester> {
    Ok(MaskedLmSuggester::load(
        ctx.dir.path(MASKED_LM_DIR),
        ctx.device,
    )?)
}
