//! `highstakes generate`: one-sentence completions of prompts from a GPT-Neo checkpoint,
//! optionally rejection-sampled against a DeBERTa classifier (`--filter`).
//!
//! Text output: each prompt, then its completion. `--json`: one object per prompt with
//! the completion, its token ids and why generation stopped (and, filtered, the score,
//! attempts and acceptance rate, or `"outcome": "nothing_passed"`).

use std::path::PathBuf;

use classifier::{InjuriousnessClassifier, parse_device};
use generator::{
    Completion, Decoding, FilterConfig, FilteredCompletion, FilteredGenerator, FilteredOutcome,
    GenerationConfig, Generator, SamplingConfig, StopAt,
};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::json;

use super::error::CliError;
use super::output::outln;
use pipeline::filter::ClassifierFilter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Checkpoint directory: config.json, model.safetensors, tokenizer.json.
    #[arg(long)]
    model: PathBuf,
    /// A prompt to complete (repeatable).
    #[arg(long, required_unless_present = "input")]
    prompt: Vec<String>,
    /// JSONL file of prompts: each line an object with a "prompt" string.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Take the most likely token at every step instead of sampling.
    #[arg(long, conflicts_with_all = ["temperature", "top_k", "top_p", "filter"])]
    greedy: bool,
    /// Sampling temperature.
    #[arg(long, default_value_t = 1.0)]
    temperature: f64,
    /// Sample among the k most likely tokens only.
    #[arg(long)]
    top_k: Option<usize>,
    /// Sample from the smallest set of most likely tokens whose probability reaches p.
    #[arg(long)]
    top_p: Option<f64>,
    /// Seed of the sampler: the same seed gives the same completions.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Most tokens generated per completion.
    #[arg(long, default_value_t = 48)]
    max_new_tokens: usize,
    /// Stop at the end of the first sentence, or only at end of text or the budget.
    #[arg(long, value_enum, default_value = "sentence")]
    stop: Stop,
    /// Prompts generated together in one batch (unfiltered generation).
    #[arg(long, default_value_t = 16)]
    batch_size: usize,
    /// Classifier directory: accept only completions it scores under --threshold.
    #[arg(long, requires = "threshold")]
    filter: Option<PathBuf>,
    /// Acceptance threshold on P(injurious) (the paper: 0.002 at its most conservative).
    #[arg(long, requires = "filter")]
    threshold: Option<f64>,
    /// Most candidates sampled per prompt before giving up (the paper: 100).
    #[arg(long, default_value_t = 100, requires = "filter")]
    max_attempts: usize,
    /// Candidates sampled and scored together.
    #[arg(long, default_value_t = 10, requires = "filter")]
    filter_batch_size: usize,
    /// cpu, cuda, cuda:N, or auto (the GPU when libtorch sees one).
    #[arg(long, default_value = "cpu")]
    device: String,
    /// Print one JSON object per prompt (with the generated token ids) instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Stop {
    Sentence,
    None,
}

/// The prompts of `--prompt` and `--input`, in that order.
fn prompts(args: &Args) -> Result<Vec<String>, CliError> {
    let mut prompts = args.prompt.clone();
    if let Some(path) = &args.input {
        let records: Vec<serde_json::Value> = labels::read_jsonl(path)?;
        for (i, record) in records.iter().enumerate() {
            let prompt = record["prompt"].as_str().ok_or_else(|| {
                format!(
                    "{}: record {} has no \"prompt\" string",
                    path.display(),
                    i + 1
                )
            })?;
            prompts.push(prompt.to_string());
        }
    }
    Ok(prompts)
}

fn generation_config(args: &Args) -> GenerationConfig {
    GenerationConfig {
        max_new_tokens: args.max_new_tokens,
        decoding: if args.greedy {
            Decoding::Greedy
        } else {
            Decoding::Sample(SamplingConfig {
                temperature: args.temperature,
                top_k: args.top_k,
                top_p: args.top_p,
            })
        },
        stop: match args.stop {
            Stop::Sentence => StopAt::Sentence,
            Stop::None => StopAt::Budget,
        },
        use_cache: true,
    }
}

fn print_completion(prompt: &str, completion: &Completion, json: bool) -> Result<(), CliError> {
    if json {
        let record = json!({
            "prompt": prompt,
            "completion": completion.text,
            "token_ids": completion.token_ids,
            "stop": completion.stop,
        });
        outln!("{}", serde_json::to_string(&record)?);
    } else {
        outln!("{prompt}\n  → {}", completion.text);
    }
    Ok(())
}

fn print_filtered(
    result: &FilteredCompletion,
    max_attempts: usize,
    json: bool,
) -> Result<(), CliError> {
    let counts = json!({
        "attempts": result.attempts,
        "sampled": result.sampled,
        "scored": result.scored,
        "passed": result.passed,
        "acceptance_rate": result.acceptance_rate(),
    });
    match (&result.outcome, json) {
        (FilteredOutcome::Accepted { completion, score }, true) => {
            let mut record = json!({
                "prompt": result.prompt,
                "outcome": "accepted",
                "completion": completion.text,
                "token_ids": completion.token_ids,
                "stop": completion.stop,
                "score": score,
            });
            merge(&mut record, counts);
            outln!("{}", serde_json::to_string(&record)?);
        }
        (FilteredOutcome::NothingPassed { lowest_score }, true) => {
            let mut record = json!({
                "prompt": result.prompt,
                "outcome": "nothing_passed",
                "completion": null,
                "token_ids": null,
                "lowest_score": lowest_score,
            });
            merge(&mut record, counts);
            outln!("{}", serde_json::to_string(&record)?);
        }
        (FilteredOutcome::Accepted { completion, score }, false) => outln!(
            "{}\n  → {}  (P(injurious) {score:.4}, attempt {} of at most {max_attempts})",
            result.prompt,
            completion.text,
            result.attempts
        ),
        (FilteredOutcome::NothingPassed { lowest_score }, false) => outln!(
            "{}\n  → nothing passed the filter in {} attempts (lowest P(injurious) {})",
            result.prompt,
            result.attempts,
            lowest_score.map_or("—".to_string(), |s| format!("{s:.4}"))
        ),
    }
    Ok(())
}

fn merge(record: &mut serde_json::Value, extra: serde_json::Value) {
    if let (Some(record), serde_json::Value::Object(extra)) = (record.as_object_mut(), extra) {
        record.extend(extra);
    }
}

pub fn run(args: Args) -> Result<(), CliError> {
    let prompts = prompts(&args)?;
    if prompts.is_empty() {
        return Err("no prompts: give --prompt or a non-empty --input".into());
    }
    if args.batch_size == 0 {
        return Err("--batch-size must be at least 1".into());
    }
    let generation = generation_config(&args);
    generation.validate()?;
    let device = parse_device(&args.device)?;
    let generator = Generator::from_pretrained(&args.model, device)?;
    let Some(filter_dir) = &args.filter else {
        let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
        for chunk in prompts.chunks(args.batch_size) {
            let batch: Vec<&str> = chunk.iter().map(String::as_str).collect();
            let completions = generator.complete(&batch, &generation, &mut rng)?;
            for (prompt, completion) in batch.iter().zip(&completions) {
                print_completion(prompt, completion, args.json)?;
            }
        }
        return Ok(());
    };
    let config = FilterConfig {
        threshold: args.threshold.ok_or("--filter needs --threshold")?,
        max_attempts: args.max_attempts,
        batch_size: args.filter_batch_size,
        generation,
    };
    let filter = ClassifierFilter::new(InjuriousnessClassifier::load(filter_dir, device)?);
    let mut filtered = FilteredGenerator::new(&generator, filter, config, args.seed)?;
    for prompt in &prompts {
        let result = filtered.complete(prompt)?;
        print_filtered(&result, args.max_attempts, args.json)?;
    }
    if !args.json {
        let stats = filtered.stats();
        eprintln!(
            "{} of {} prompts accepted; {} candidates scored, acceptance rate {:.3}, {:.1} attempts per prompt",
            stats.accepted,
            stats.prompts,
            stats.scored,
            stats.acceptance_rate(),
            stats.mean_attempts()
        );
    }
    Ok(())
}
