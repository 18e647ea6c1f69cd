//! `highstakes label`: snippets labeled by a panel of two labelers and a tie-breaker,
//! every judgement journaled as it is given.

use std::path::PathBuf;

use labels::{Dataset, Example, Labeler, Panel, Source};
use storyworld::Lexicon;

use super::error::CliError;
use super::inputs::{create_parent, distinct_files, read_input_snippets};
use super::labelers::{LabelerSpec, panel_ids};
use super::output::outln;
use super::world::injurious_share;
use pipeline::steps::stream_seed;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
The paper's labeling rule (§5.3, §5.4): the first two labelers label every snippet, the
third only those they disagree on; `unsure` is kept as a label (training counts it as
injurious). Labelers (--labeler, three times in panel order, or once for all three):
  oracle              the story world's injury oracle (exact)
  noisy-oracle:RATE   the oracle wrong on a RATE share of snippets (a simulated
                      contractor; the pipeline uses two at 0.004 and the oracle)
  terminal            a person at this terminal (i / n / u, q to stop)
  imported:FILE       labels from a JSONL file of {prompt, completion, label}
A labeler named twice gets its position appended to its id (e.g. oracle#1), so a
repeated noisy oracle errs independently at each position.

Input: --input, JSONL of snippets {prompt, completion} (other keys are ignored, so a
dataset can be re-labeled).
Outputs: --journal, JSONL with one judgement per line, appended the moment it is given;
rerunning with the same journal reuses every judgement in it (stop with q or Ctrl-C and
resume later). --out, a labels dataset (JSONL: prompt, completion, label, source,
judgements) with --source for every example, for train-classifier, evaluate, summary.")]
pub struct Args {
    /// Snippets to label (JSONL of {prompt, completion}).
    #[arg(long)]
    input: PathBuf,
    /// A labeler: oracle, noisy-oracle:RATE, terminal or imported:FILE (one, or three).
    #[arg(long = "labeler", required = true)]
    labelers: Vec<LabelerSpec>,
    /// The journal of judgements (created, or resumed).
    #[arg(long)]
    journal: PathBuf,
    /// The labeled dataset to write.
    #[arg(long)]
    out: PathBuf,
    /// The examples' source: initial_stories, in_distribution_test, manual_adversarial,
    /// paraphrase, tool_assisted, or a name of your own.
    #[arg(long, default_value = "initial_stories")]
    source: String,
    /// Seed of the noisy oracles' errors.
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let specs: [LabelerSpec; 3] = match args.labelers.as_slice() {
        [one] => [one.clone(), one.clone(), one.clone()],
        [a, b, c] => [a.clone(), b.clone(), c.clone()],
        other => {
            return Err(format!(
                "give --labeler once (for all three) or three times, not {} times",
                other.len()
            )
            .into());
        }
    };
    distinct_files(&[
        ("--input", &args.input),
        ("--journal", &args.journal),
        ("--out", &args.out),
    ])?;
    let inputs = read_input_snippets(&args.input)?;
    let snippets: Vec<labels::Snippet> = inputs.iter().map(|i| i.snippet.clone()).collect();
    let lexicon = Lexicon::load()?;
    let ids = panel_ids(&specs);
    let mut built = Vec::with_capacity(3);
    for (spec, id) in specs.iter().zip(&ids) {
        built.push(spec.build(id, &lexicon, stream_seed(args.seed, id))?);
    }
    let [mut first, mut second, mut third]: [Box<dyn Labeler>; 3] = built
        .try_into()
        .map_err(|_| "internal: a panel has three labelers")?;
    create_parent(&args.journal)?;
    let mut panel = Panel::new(&mut *first, &mut *second, &mut *third)?;
    let labeled = panel.label(&snippets, Some(&args.journal))?;
    let source = Source::from(args.source.clone());
    // a dataset labeled again keeps its splits (the panel answers in input order)
    let data = Dataset::new(
        labeled
            .into_iter()
            .zip(&inputs)
            .map(|(l, input)| Example {
                judgements: l.judgements,
                split: input.split,
                ..Example::new(l.snippet, l.label, source.clone())
            })
            .collect(),
    );
    create_parent(&args.out)?;
    data.write_jsonl(&args.out)?;
    let disputed = data
        .examples()
        .iter()
        .filter(|e| e.judgements.len() > 2)
        .count();
    outln!(
        "{}: {} snippets labeled by {} and {} ({} tie-broken by {}), {}",
        args.out.display(),
        data.len(),
        ids[0],
        ids[1],
        disputed,
        ids[2],
        injurious_share(&data)
    );
    Ok(())
}
