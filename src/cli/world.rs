//! `highstakes world`: the embedded story world's data, the pipeline's first inputs.
//!
//! Writes, into `--out`: `corpus.json` (`--stories N`: a JSON array of whole stories,
//! the corpus the generator and the masked LM are trained on, like a run's
//! `data/corpus.json`), `initial.jsonl` (`--snippets N`: snippets of the world's
//! danger-leaning stream labeled by the injury oracle, split 90/10 into train and
//! validation: a labels dataset like the initial data of §4.3) and `test.jsonl`
//! (`--test N`: the in-distribution test set of §5.4, labeled by the oracle).

use std::path::PathBuf;

use labels::{Split, SplitFractions};
use storyworld::{InjuryOracle, World, WorldConfig};

use super::error::CliError;
use super::output::outln;
use pipeline::steps::stream_seed;

/// Files written by `highstakes world`.
const CORPUS_FILE: &str = "corpus.json";
const INITIAL_FILE: &str = "initial.jsonl";
const TEST_FILE: &str = "test.jsonl";

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Outputs (in --out):
  corpus.json    --stories N: a JSON array of N stories (5-8 sentences each); the input of
                 train-generator and pretrain-masked-lm
  initial.jsonl  --snippets N: a labels dataset (JSONL, one example per line: {prompt,
                 completion, label, source, split, judgements, provenance}) of N distinct
                 snippets labeled by the oracle, split 90/10 into train/validation; the
                 initial data of §4.3, input of train-classifier (or of label, to re-label
                 them with a panel, or of attack, as seeds)
  test.jsonl     --test N: the in-distribution test set of §5.4 (JSONL dataset, no danger
                 sub-selection, split test); the input of evaluate

The world is deterministic: the same --seed gives the same files.")]
pub struct Args {
    /// Stories of the corpus to write (corpus.json).
    #[arg(long)]
    stories: Option<usize>,
    /// Labeled snippets of the initial, danger-leaning stream to write (initial.jsonl).
    #[arg(long)]
    snippets: Option<usize>,
    /// Labeled snippets of the in-distribution test stream to write (test.jsonl).
    #[arg(long)]
    test: Option<usize>,
    /// The world's seed (every stream and the train/validation split).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Directory to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: Args) -> Result<(), CliError> {
    if args.stories.is_none() && args.snippets.is_none() && args.test.is_none() {
        return Err("nothing to write: give --stories, --snippets and/or --test".into());
    }
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let world = World::new(WorldConfig {
        seed: args.seed,
        ..WorldConfig::default()
    })?;
    let oracle = InjuryOracle::new()?;
    if let Some(n) = args.stories {
        let stories: Vec<String> = world.corpus(n).collect();
        let path = args.out.join(CORPUS_FILE);
        let text = serde_json::to_string_pretty(&stories)?;
        labels::write_atomic(&path, |w| std::io::Write::write_all(w, text.as_bytes()))?;
        outln!("{}: {} stories", path.display(), stories.len());
    }
    if let Some(n) = args.snippets {
        let mut data = world.initial_dataset(n, &oracle)?;
        data.assign_splits(
            SplitFractions {
                train: 0.9,
                validation: 0.1,
                test: 0.0,
            },
            stream_seed(args.seed, "initial splits"),
        )?;
        let path = args.out.join(INITIAL_FILE);
        data.write_jsonl(&path)?;
        outln!(
            "{}: {} snippets ({} train, {} validation), {}",
            path.display(),
            data.len(),
            data.split(Split::Train).len(),
            data.split(Split::Validation).len(),
            injurious_share(&data)
        );
    }
    if let Some(n) = args.test {
        let mut data = world.in_distribution_test(n, &oracle)?;
        for e in data.examples_mut() {
            e.split = Some(Split::Test);
        }
        let path = args.out.join(TEST_FILE);
        data.write_jsonl(&path)?;
        outln!(
            "{}: {} snippets, {}",
            path.display(),
            data.len(),
            injurious_share(&data)
        );
    }
    Ok(())
}

/// "k/n injurious (or unsure)".
pub fn injurious_share(data: &labels::Dataset) -> String {
    let k = data
        .examples()
        .iter()
        .filter(|e| e.label != labels::Label::NonInjurious)
        .count();
    format!("{k}/{} injurious or unsure", data.len())
}
