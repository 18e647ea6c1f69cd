//! Running attacks seed by seed, each outcome appended to a journal the moment it is
//! known: an interrupted stage resumes at the next seed and never reruns (or loses) one.

use std::collections::HashMap;

use attacks::{
    AdversarialCriterion, Attack, AttackOutcome, Budget, DebertaTarget, Objective, SessionSettings,
    Suggester, TerminalAttack,
};
use classifier::InjuriousnessClassifier;
use labels::{Example, Journal, Snippet};
use serde::{Deserialize, Serialize};

use super::context::Context;
use super::error::{PipelineError, Result};
use super::steps::{AttackSettings, AutomaticPolicy, run_automatic_attack};

/// The suggestions an attacker sees: WordNet synonyms and the masked LM's, combined.
pub type Suggestions<'a> = attacks::AttackerSuggestions<'a>;

/// Who attacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttackKind {
    /// A person without tools: the unaided policy, or a person at the terminal with
    /// `--human`.
    Manual,
    /// Automatic paraphrases of earlier adversarial examples.
    Paraphrase,
    /// The tool-assisted policy (saliency and score-sorted masked-LM suggestions).
    ToolAssisted,
    /// The unaided policy (for §5.2's comparison; never a person).
    Unaided,
}

/// Who attacks, and what they optimise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attacker {
    /// The policy (or a person).
    pub kind: AttackKind,
    /// Cross the threshold, or find the most egregious injury that crosses it.
    pub objective: Objective,
    /// The acceptance threshold to get under; `None`: the run's
    /// ([`Settings::acceptance_threshold`](super::Settings::acceptance_threshold), the
    /// paper's fixed 0.05). An attack on a classifier at its own quality-chosen threshold
    /// sets it.
    pub threshold: Option<f64>,
}

impl From<AttackKind> for Attacker {
    /// `kind` crossing the threshold (the paper's instructions to its contractors).
    fn from(kind: AttackKind) -> Self {
        Attacker {
            kind,
            objective: Objective::LowestScore,
            threshold: None,
        }
    }
}

/// What one attacked seed gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeedRecord {
    /// The seed's id within its journal.
    pub id: String,
    /// The attacked classifier.
    pub target: String,
    /// The attack's name.
    pub attack: String,
    /// The seed snippet.
    pub seed: Snippet,
    /// Whether an adversarial example was found.
    pub succeeded: bool,
    /// Queries (interface requests) spent.
    pub queries: u64,
    /// Model evaluations spent.
    pub evaluations: u64,
    /// Wall-clock seconds spent.
    pub seconds: f64,
    /// Every labeled submission, as an example with provenance.
    pub examples: Vec<Example>,
    /// The adversarial examples with their egregiousness (1–10, by the oracle).
    pub adversarial: Vec<(Snippet, u8)>,
}

/// Runs `attacker` from `seed` against `classifier` (named `target`), labeled by the oracle
/// (the manual round by a person at the terminal when the settings say `human`).
pub fn attack_once(
    ctx: &Context,
    attacker: Attacker,
    target: &str,
    classifier: &InjuriousnessClassifier,
    suggester: &dyn Suggester,
    seed: &Snippet,
    attack_seed: u64,
) -> Result<AttackOutcome> {
    let kind = attacker.kind;
    let threshold = attacker
        .threshold
        .unwrap_or(ctx.settings.acceptance_threshold);
    let mut oracle = ctx.oracle("oracle");
    let criterion = AdversarialCriterion {
        threshold,
        ..AdversarialCriterion::default()
    };
    let policy = match kind {
        AttackKind::Manual if ctx.settings.human => {
            let settings = SessionSettings {
                criterion,
                ..SessionSettings::default()
            };
            let stdin = std::io::stdin();
            let target = DebertaTarget::new(target, classifier);
            return Ok(
                TerminalAttack::new("person", stdin.lock(), std::io::stderr(), settings).run(
                    Some(seed),
                    &target,
                    &mut oracle,
                    Budget::unlimited(),
                )?,
            );
        }
        AttackKind::Manual | AttackKind::Unaided => AutomaticPolicy::Unaided,
        AttackKind::Paraphrase => AutomaticPolicy::Paraphrase,
        AttackKind::ToolAssisted => AutomaticPolicy::ToolAssisted,
    };
    let settings = AttackSettings {
        threshold,
        evaluations: ctx.settings.sizes.attack_evaluations,
        seed: attack_seed,
        objective: attacker.objective,
    };
    run_automatic_attack(
        policy,
        &settings,
        target,
        classifier,
        Some(suggester),
        &ctx.lexicon,
        &mut oracle,
        seed,
    )
}

/// Attacks every seed of `seeds` (id, snippet) with `attacker` against `classifier` (named
/// `target`), journaling each outcome to `journal` (relative to the run directory) and
/// reusing the ones already there.
#[allow(clippy::too_many_arguments)]
pub fn attack_seeds(
    ctx: &Context,
    attacker: impl Into<Attacker>,
    target: &str,
    classifier: &InjuriousnessClassifier,
    suggester: &dyn Suggester,
    seeds: &[(String, Snippet)],
    journal: &str,
    stream: &str,
) -> Result<Vec<SeedRecord>> {
    let path = ctx.dir.path(journal);
    let mut done: HashMap<String, SeedRecord> = Journal::<SeedRecord>::read(&path)?
        .records
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    let attacker = attacker.into();
    let kind = attacker.kind;
    let mut writer = Journal::<SeedRecord>::open(&path)?;
    let oracle = ctx.oracle("oracle");
    let bar = ctx.bar(seeds.len() as u64, &format!("{target}: {}", name_of(kind)));
    let mut out = Vec::with_capacity(seeds.len());
    for (i, (id, seed)) in seeds.iter().enumerate() {
        if let Some(record) = done.remove(id) {
            if record.seed != *seed || record.target != target {
                return Err(PipelineError::Corrupt {
                    path,
                    message: format!("seed {id} was recorded with another seed or target"),
                });
            }
            out.push(record);
            bar.inc(1);
            continue;
        }
        let attack_seed = ctx.seed_of(stream).wrapping_add(i as u64);
        let outcome = attack_once(
            ctx,
            attacker,
            target,
            classifier,
            suggester,
            seed,
            attack_seed,
        )?;
        let mut adversarial = Vec::new();
        for s in outcome.adversarial() {
            adversarial.push((s.snippet.clone(), oracle.egregiousness(&s.snippet)?));
        }
        let record = SeedRecord {
            id: id.clone(),
            target: target.to_string(),
            attack: outcome.attack.clone(),
            seed: seed.clone(),
            succeeded: outcome.succeeded(),
            queries: outcome.queries,
            evaluations: outcome.evaluations,
            seconds: outcome.seconds,
            examples: outcome.examples(),
            adversarial,
        };
        writer.append(&record)?;
        out.push(record);
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(out)
}

/// A short name of an attack kind for messages and files.
pub fn name_of(kind: AttackKind) -> &'static str {
    match kind {
        AttackKind::Manual => "manual",
        AttackKind::Paraphrase => "paraphrase",
        AttackKind::ToolAssisted => "tool_assisted",
        AttackKind::Unaided => "unaided",
    }
}
