//! The pipeline's attacks: who attacks in a run (the run's threshold, budget, streams
//! and oracle), through the one journaled runner ([`crate::attack_journal`]).

use attacks::{AttackOutcome, Objective, Suggester};
use classifier::InjuriousnessClassifier;
use labels::Snippet;

use crate::attack_journal::{SeedRecord, run_journaled};
use crate::attack_policy::{AttackKind, AttackSettings, Console, run_attack};
use crate::context::Context;
use crate::error::Result;

/// The suggestions an attacker sees: WordNet synonyms and the masked LM's, combined.
pub type Suggestions<'a> = attacks::AttackerSuggestions<'a>;

/// Who attacks, and what they optimise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attacker {
    /// The policy (or a person).
    pub kind: AttackKind,
    /// Cross the threshold, or find the most egregious injury that crosses it.
    pub objective: Objective,
    /// The acceptance threshold to get under; `None`: the run's
    /// ([`Settings::acceptance_threshold`](crate::Settings::acceptance_threshold), the
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

/// Runs `attacker` from `seed` against `classifier` (named `target`), labeled by the
/// oracle; a person attacks at this terminal, with the live score and without the tools
/// (the paper's manual round).
pub fn attack_once(
    ctx: &Context,
    attacker: Attacker,
    target: &str,
    classifier: &InjuriousnessClassifier,
    suggester: &dyn Suggester,
    seed: &Snippet,
    attack_seed: u64,
) -> Result<AttackOutcome> {
    let settings = AttackSettings {
        threshold: attacker
            .threshold
            .unwrap_or(ctx.settings.acceptance_threshold),
        evaluations: ctx.settings.sizes.attack_evaluations,
        seed: attack_seed,
        objective: attacker.objective,
    };
    let person = attacker.kind == AttackKind::Person;
    run_attack(
        attacker.kind,
        &settings,
        target,
        classifier,
        (!person).then_some(suggester),
        &ctx.lexicon,
        &mut ctx.oracle("oracle"),
        seed,
        person.then(Console::terminal),
    )
}

/// Attacks every seed of `seeds` (id, snippet) with `attacker` against `classifier` (named
/// `target`), journaling each outcome to `journal` (relative to the run directory) and
/// reusing the ones already there; seed `i` draws from stream `stream`'s seed plus `i`.
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
    let attacker = attacker.into();
    let bar = ctx.bar(seeds.len() as u64, &format!("{target}: {}", attacker.kind));
    let run = run_journaled(
        &ctx.dir.path(journal),
        target,
        seeds,
        &ctx.oracle("oracle"),
        |i, seed| {
            let attack_seed = ctx.seed_of(stream).wrapping_add(i as u64);
            attack_once(
                ctx,
                attacker,
                target,
                classifier,
                suggester,
                seed,
                attack_seed,
            )
        },
        |_, _| bar.inc(1),
    )?;
    bar.finish_and_clear();
    Ok(run.records)
}
