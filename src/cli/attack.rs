//! `highstakes attack`: adversarial attacks on a classifier from seed snippets, each
//! seed's outcome journaled the moment it is known (the pipeline's rounds and its fresh
//! attacks of Figures 2 and 3, one policy at a time).

use std::path::PathBuf;

use attacks::{AttackerSuggestions, Suggester};
use classifier::{InjuriousnessClassifier, MaskedLmSuggester, parse_device};
use labels::{Dataset, Labeler, Snippet};
use storyworld::{InjuryOracle, Lexicon};

use super::error::CliError;
use super::inputs::{create_parent, distinct_files, read_snippets};
use super::labelers::LabelerSpec;
use super::output::outln;
use super::terminal::StdinLines;
use pipeline::steps::stream_seed;
use pipeline::{AttackKind, AttackSettings, Console, run_attack, run_journaled};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Policies (--policy):
  tool-assisted  saliency-ordered, score-sorted word substitutions and insertions (the
                 paper's tools, §4.4.3); needs --suggester
  unaided        substitutions tried without seeing scores (§4.4.1, §5.2); needs
                 --suggester
  paraphrase     rule-based paraphrases with WordNet synonyms (§4.4.2)
  gradient       gradient-guided token substitutions (an automatic adversary)
  manual         a person at this terminal edits the snippet and sees the live score
                 (type `help`); with --suggester also the tool commands
Suggestions: WordNet synonyms (the story world's) and the masked LM of --suggester.
Every submission is labeled by --labeler (the oracle, or a person: terminal); an example
is adversarial when the classifier scores it under --threshold and it is injurious.

Inputs: --classifier, a classifier directory; --seeds, JSONL of snippets {prompt,
completion} to start from (a dataset works: its injurious examples make good seeds).
Outputs: --journal, JSONL, one line per seed: {id, target, attack, seed, succeeded,
queries, evaluations, seconds, examples, adversarial: [[snippet, egregiousness]]} (the
egregiousness 1-10 is the oracle's); seeds already in it are skipped, so an interrupted
attack resumes. --out, a labels dataset (JSONL) of every labeled submission of every seed
(with provenance: attacked classifier, score, author, seconds, queries, parent seed), to
add to the training data of the next classifier (train-classifier --train).")]
pub struct Args {
    /// The attacked classifier's directory.
    #[arg(long)]
    classifier: PathBuf,
    /// The classifier's name in the records (default: its directory's name).
    #[arg(long)]
    target_name: Option<String>,
    /// Seed snippets (JSONL of {prompt, completion}).
    #[arg(long)]
    seeds: PathBuf,
    /// Who attacks.
    #[arg(long, value_enum)]
    policy: AttackKind,
    /// Masked-LM directory whose suggestions the attacker sees (with WordNet's).
    #[arg(long)]
    suggester: Option<PathBuf>,
    /// Who labels each submission: oracle or terminal.
    #[arg(long, default_value = "oracle")]
    labeler: LabelerSpec,
    /// Most model evaluations per seed (automatic policies).
    #[arg(long, default_value_t = 1_500)]
    budget_evaluations: u64,
    /// Seek the most egregious injury that still fools the classifier (rated by the story
    /// world's oracle), rather than stopping at the first success.
    #[arg(long)]
    most_egregious: bool,
    /// An example counts when the classifier scores it under this.
    #[arg(long, default_value_t = attacks::PAPER_ACCEPTANCE_THRESHOLD)]
    threshold: f64,
    /// Seed of the attacks' random choices (seed i gets its own stream).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The journal of outcomes, one JSON line per seed (created, or resumed).
    #[arg(long)]
    journal: PathBuf,
    /// The labeled examples of all seeds (a labels dataset, JSONL).
    #[arg(long)]
    out: PathBuf,
    /// cpu, cuda, cuda:N, or auto (the GPU when libtorch sees one).
    #[arg(long, default_value = "auto")]
    device: String,
}

/// Runs one seed with the chosen attack (a person at this terminal for `manual`, with
/// the tools when there is a suggester).
#[allow(clippy::too_many_arguments)]
fn attack_seed(
    args: &Args,
    index: usize,
    target: &str,
    classifier: &InjuriousnessClassifier,
    suggester: Option<&dyn Suggester>,
    lexicon: &std::sync::Arc<Lexicon>,
    labeler: &mut dyn Labeler,
    seed: &Snippet,
) -> pipeline::Result<attacks::AttackOutcome> {
    let settings = AttackSettings {
        threshold: args.threshold,
        evaluations: args.budget_evaluations,
        seed: stream_seed(args.seed, "attack").wrapping_add(index as u64),
        objective: if args.most_egregious {
            attacks::Objective::most_egregious()
        } else {
            attacks::Objective::LowestScore
        },
    };
    let console = (args.policy == AttackKind::Person).then(|| Console {
        input: Box::new(StdinLines::default()),
        output: Box::new(std::io::stderr()),
    });
    run_attack(
        args.policy,
        &settings,
        target,
        classifier,
        suggester,
        lexicon,
        labeler,
        seed,
        console,
    )
}

pub fn run(args: Args) -> Result<(), CliError> {
    if !(args.threshold > 0.0 && args.threshold < 1.0) {
        return Err(format!("--threshold must be in (0, 1), got {}", args.threshold).into());
    }
    if args.policy.needs_suggester() && args.suggester.is_none() {
        return Err("the tool-assisted and unaided policies need --suggester DIR".into());
    }
    let device = parse_device(&args.device)?;
    distinct_files(&[
        ("--seeds", &args.seeds),
        ("--journal", &args.journal),
        ("--out", &args.out),
    ])?;
    let seeds = read_snippets(&args.seeds)?;
    let classifier = InjuriousnessClassifier::load(&args.classifier, device).map_err(|e| {
        format!(
            "--classifier {}: not a classifier directory: {e}",
            args.classifier.display()
        )
    })?;
    let target = args.target_name.clone().unwrap_or_else(|| {
        args.classifier
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "classifier".into())
    });
    let lexicon = Lexicon::load()?;
    let masked_lm = match &args.suggester {
        Some(dir) => Some(MaskedLmSuggester::load(dir, device).map_err(|e| {
            format!(
                "--suggester {}: not a masked-LM directory: {e}",
                dir.display()
            )
        })?),
        None => None,
    };
    let suggestions = masked_lm
        .as_ref()
        .map(|m| AttackerSuggestions::new(lexicon.clone(), m));
    let combined = suggestions.as_ref().map(|s| s.combined());
    let suggester = combined.as_ref().map(|c| c as &dyn Suggester);
    let mut labeler: Box<dyn Labeler> = match &args.labeler {
        spec @ (LabelerSpec::Oracle | LabelerSpec::Terminal) => {
            spec.build(&spec.name(), &lexicon, args.seed)?
        }
        other => {
            return Err(format!(
                "--labeler {}: an attack is labeled by the oracle or a person (terminal)",
                other.name()
            )
            .into());
        }
    };
    let oracle = InjuryOracle::with_lexicon(lexicon.clone());

    create_parent(&args.journal)?;
    let ids: Vec<(String, Snippet)> = seeds.iter().map(|s| (s.key(), s.clone())).collect();
    let run = run_journaled(
        &args.journal,
        &target,
        &ids,
        &oracle,
        |index, seed| {
            attack_seed(
                &args,
                index,
                &target,
                &classifier,
                suggester,
                &lexicon,
                &mut *labeler,
                seed,
            )
        },
        |record, resumed| {
            if !resumed {
                eprintln!(
                    "seed {}: {} in {} evaluations",
                    record.id,
                    if record.succeeded {
                        "adversarial example found"
                    } else {
                        "no adversarial example"
                    },
                    record.evaluations
                );
            }
        },
    )?;
    let (records, ran, resumed) = (run.records, run.ran, run.resumed);
    let data = Dataset::new(records.iter().flat_map(|r| r.examples.clone()).collect());
    create_parent(&args.out)?;
    data.write_jsonl(&args.out)?;
    let succeeded = records.iter().filter(|r| r.succeeded).count();
    outln!(
        "{}: {succeeded}/{} seeds broken ({ran} attacked now, {resumed} from the journal), {} labeled examples",
        args.out.display(),
        records.len(),
        data.len()
    );
    Ok(())
}
