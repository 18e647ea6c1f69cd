//! `highstakes attack`: adversarial attacks on a classifier from seed snippets, each
//! seed's outcome journaled the moment it is known (the pipeline's rounds and its fresh
//! attacks of Figures 2 and 3, one policy at a time).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use attacks::{
    AdversarialCriterion, Attack, AttackerSuggestions, Budget, DebertaTarget, SessionSettings,
    Suggester,
};
use classifier::{InjuriousnessClassifier, MaskedLmSuggester, parse_device};
use labels::{Dataset, Journal, Labeler, Snippet};
use storyworld::{InjuryOracle, Lexicon};

use super::error::CliError;
use super::inputs::{create_parent, distinct_files, read_snippets};
use super::labelers::LabelerSpec;
use super::output::outln;
use super::terminal::StdinLines;
use pipeline::SeedRecord;
use pipeline::steps::{AttackSettings, AutomaticPolicy, run_automatic_attack, stream_seed};

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
    policy: Policy,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Policy {
    ToolAssisted,
    Unaided,
    Paraphrase,
    Gradient,
    Manual,
}

/// Runs one seed with the chosen policy.
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
) -> Result<attacks::AttackOutcome, CliError> {
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
    let automatic = match args.policy {
        Policy::ToolAssisted => AutomaticPolicy::ToolAssisted,
        Policy::Unaided => AutomaticPolicy::Unaided,
        Policy::Paraphrase => AutomaticPolicy::Paraphrase,
        Policy::Gradient => AutomaticPolicy::Gradient,
        Policy::Manual => {
            let criterion = AdversarialCriterion {
                threshold: args.threshold,
                ..AdversarialCriterion::default()
            };
            let session = SessionSettings {
                criterion,
                ..SessionSettings::default()
            };
            let mut attack = attacks::TerminalAttack::new(
                "person",
                StdinLines::default(),
                std::io::stderr(),
                session,
            );
            if let Some(s) = suggester {
                attack = attack.with_tools(s);
            }
            let target = DebertaTarget::new(target, classifier);
            return Ok(attack.run(Some(seed), &target, labeler, Budget::unlimited())?);
        }
    };
    Ok(run_automatic_attack(
        automatic, &settings, target, classifier, suggester, lexicon, labeler, seed,
    )?)
}

pub fn run(args: Args) -> Result<(), CliError> {
    if !(args.threshold > 0.0 && args.threshold < 1.0) {
        return Err(format!("--threshold must be in (0, 1), got {}", args.threshold).into());
    }
    if matches!(args.policy, Policy::ToolAssisted | Policy::Unaided) && args.suggester.is_none() {
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
    let mut done: HashMap<String, SeedRecord> = Journal::<SeedRecord>::read(&args.journal)?
        .records
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    let mut journal = Journal::<SeedRecord>::open(&args.journal)?;
    let mut records = Vec::with_capacity(seeds.len());
    let mut seen = HashSet::new();
    let (mut resumed, mut ran) = (0, 0);
    for (index, seed) in seeds.iter().enumerate() {
        let id = seed.key();
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some(record) = done.remove(&id) {
            if record.target != target {
                return Err(format!(
                    "{}: seed {id} was attacked against `{}`, not `{target}`: use another --journal",
                    args.journal.display(),
                    record.target
                )
                .into());
            }
            records.push(record);
            resumed += 1;
            continue;
        }
        let outcome = attack_seed(
            &args,
            index,
            &target,
            &classifier,
            suggester,
            &lexicon,
            &mut *labeler,
            seed,
        )?;
        let mut adversarial = Vec::new();
        for s in outcome.adversarial() {
            adversarial.push((s.snippet.clone(), oracle.egregiousness(&s.snippet)?));
        }
        let record = SeedRecord {
            id,
            target: target.clone(),
            attack: outcome.attack.clone(),
            seed: seed.clone(),
            succeeded: outcome.succeeded(),
            queries: outcome.queries,
            evaluations: outcome.evaluations,
            seconds: outcome.seconds,
            examples: outcome.examples(),
            adversarial,
        };
        journal.append(&record)?;
        eprintln!(
            "seed {}/{}: {} in {} evaluations",
            index + 1,
            seeds.len(),
            if record.succeeded {
                "adversarial example found"
            } else {
                "no adversarial example"
            },
            record.evaluations
        );
        records.push(record);
        ran += 1;
    }
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
