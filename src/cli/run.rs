//! `highstakes run`: the main job, every step in order in one resumable run directory
//! (the same as `examples/adversarial_training.rs`).

use std::time::Instant;

use super::error::CliError;
use super::output::outln;

use super::run_args::RunArgs;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
The paper's experiments end to end: the story corpus; a small GPT-Neo and a masked-LM
pre-trained small DeBERTa (or real checkpoints from --model-dir); the initial data
(generator completions labeled by two simulated contractors and a tie-breaking oracle);
the baseline classifier; three adversarial rounds (manual, paraphrases, tool-assisted),
each with a retrain half way; Table 2's four classifiers on equal totals; thresholds by
quality; FNR and FPR on a fresh in-distribution test set; fresh tool-assisted and
unaided attacks (Figures 2 and 3, §5.2); the report; then the experiment again on
more seeds (--replicates) and which claims hold on all of them.

Output (in --out): manifest.json (settings and finished stages), data/ (corpus.json,
initial.jsonl, test.jsonl, quality.json, each round's dataset and label journals),
models/ (generator, masked_lm, classifiers/*), attacks/ (journals), eval/ (table2.json,
figure3.json, tools_speedup.json, replicates.json), REPORT.md, results.json, figures/,
replicates/K/ (each replicate's own run directory).
Interrupt it at any time and run it again with the same settings: it resumes from the
last finished stage (a directory holding another run's settings is refused). Each step
also exists on its own: world, train-generator, pretrain-masked-lm, label,
train-classifier, attack, evaluate, report.")]
pub struct Args {
    #[command(flatten)]
    run: RunArgs,
    /// Runs of the experiment, each on its own seed (the first is the main run; the
    /// others go to OUT/replicates/K and share its models and evaluation sets); the
    /// report says which claims hold on all of them. 1 runs the main run alone.
    #[arg(long, default_value_t = 3)]
    replicates: u32,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let run = args.run;
    let clock = Instant::now();
    let ctx = pipeline::run(run.settings(), &run.out, &run.options(args.replicates))?;
    outln!(
        "done in {:.1} min: {}",
        clock.elapsed().as_secs_f64() / 60.0,
        ctx.dir.path(pipeline::report::REPORT_FILE).display()
    );
    Ok(())
}
