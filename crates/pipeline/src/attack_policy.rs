//! The choice of attack and one attack run from one seed: the policies of the paper
//! (tool-assisted, unaided, paraphrase), a gradient attack, or a person at a console.

use std::fmt;
use std::io::{BufRead, Write};
use std::str::FromStr;
use std::sync::Arc;

use attacks::{
    AdversarialCriterion, Attack, AttackOutcome, Budget, DebertaTarget, GradientAttack,
    GradientConfig, Objective, ParaphraseAttack, ParaphraseConfig, RuleParaphraser,
    RuleParaphraserConfig, SearchSettings, SessionSettings, Suggester, TerminalAttack,
    ToolAssistedAttack, ToolAssistedConfig, UnaidedAttack, UnaidedConfig, WordNetSynonyms,
};
use classifier::InjuriousnessClassifier;
use labels::{Labeler, Snippet};
use serde::{Deserialize, Serialize};
use storyworld::{InjuryOracle, Lexicon};

use crate::error::{PipelineError, Result};

/// Who attacks: the one choice of attack of the command line, the pipeline and the
/// experiments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttackKind {
    /// Saliency-ordered, score-sorted substitutions (the paper's tools, §4.4.3).
    ToolAssisted,
    /// Substitutions tried without scores (an unaided attacker, §4.4.1 and §5.2).
    Unaided,
    /// Rule-based paraphrases with WordNet synonyms (§4.4.2).
    Paraphrase,
    /// Gradient-guided token substitutions (GCG-style; no suggester needed).
    Gradient,
    /// A person at a console, who sees the live score (and the tools, when given a
    /// suggester).
    Person,
}

impl AttackKind {
    /// Every kind, in the order of [`AttackKind::name`]'s list.
    pub const ALL: [AttackKind; 5] = [
        AttackKind::ToolAssisted,
        AttackKind::Unaided,
        AttackKind::Paraphrase,
        AttackKind::Gradient,
        AttackKind::Person,
    ];

    /// The kind's name on the command line (`tool-assisted`, `unaided`, `paraphrase`,
    /// `gradient`, `manual`).
    pub fn name(self) -> &'static str {
        match self {
            AttackKind::ToolAssisted => "tool-assisted",
            AttackKind::Unaided => "unaided",
            AttackKind::Paraphrase => "paraphrase",
            AttackKind::Gradient => "gradient",
            AttackKind::Person => "manual",
        }
    }

    /// Whether the attack needs a suggester (the tool-assisted and unaided policies).
    pub fn needs_suggester(self) -> bool {
        matches!(self, AttackKind::ToolAssisted | AttackKind::Unaided)
    }
}

impl fmt::Display for AttackKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for AttackKind {
    type Err = String;

    /// A kind from its [`name`](AttackKind::name) (`person` is also `manual`).
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        if s == "person" {
            return Ok(AttackKind::Person);
        }
        AttackKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = AttackKind::ALL.iter().map(|k| k.name()).collect();
                format!("no attack {s:?}: expected one of {}", names.join(", "))
            })
    }
}

/// A person's console: where a [`AttackKind::Person`] attack reads commands and writes
/// the live score.
pub struct Console {
    /// The person's commands, a line each.
    pub input: Box<dyn BufRead>,
    /// What the person sees.
    pub output: Box<dyn Write>,
}

impl Console {
    /// Standard input and standard error (standard output stays for the results).
    pub fn terminal() -> Self {
        Console {
            input: Box::new(std::io::stdin().lock()),
            output: Box::new(std::io::stderr()),
        }
    }
}

/// Settings of one automatic attack run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttackSettings {
    /// An example counts when the classifier scores it under this (the paper: 0.05).
    pub threshold: f64,
    /// Most model evaluations.
    pub evaluations: u64,
    /// The seed of the attack's random choices.
    pub seed: u64,
    /// What the attack optimises: cross the threshold (the paper's contractors), or the
    /// most egregious injury that crosses it (rated by the story world's oracle).
    pub objective: Objective,
}

/// Runs `kind` once from `seed` against `classifier` (named `target`), each submission
/// judged by `labeler`, with the pipeline's configurations of each policy. Tool-assisted
/// and unaided attacks need `suggester`; a person needs `console` (and works with the
/// tools when given `suggester`, with the live score alone otherwise).
#[allow(clippy::too_many_arguments)]
pub fn run_attack(
    kind: AttackKind,
    settings: &AttackSettings,
    target: &str,
    classifier: &InjuriousnessClassifier,
    suggester: Option<&dyn Suggester>,
    lexicon: &Arc<Lexicon>,
    labeler: &mut dyn Labeler,
    seed: &Snippet,
    console: Option<Console>,
) -> Result<AttackOutcome> {
    let target = DebertaTarget::new(target, classifier);
    let criterion = AdversarialCriterion {
        threshold: settings.threshold,
        ..AdversarialCriterion::default()
    };
    criterion.validate()?;
    settings.objective.validate()?;
    let search = SearchSettings {
        criterion,
        objective: settings.objective,
        seed: settings.seed,
        ..SearchSettings::default()
    };
    // the egregiousness objective's rater: the story world's injury oracle
    let rater = InjuryOracle::with_lexicon(lexicon.clone());
    let budget = Budget::evaluations(settings.evaluations);
    let needs = |name: &str| {
        suggester
            .ok_or_else(|| PipelineError::Setting(format!("the {name} attack needs a suggester")))
    };
    let outcome = match kind {
        AttackKind::ToolAssisted => {
            let config = ToolAssistedConfig {
                search,
                ..ToolAssistedConfig::default()
            };
            ToolAssistedAttack::new(config, needs("tool-assisted")?)
                .with_egregiousness(&rater)
                .run(Some(seed), &target, labeler, budget)?
        }
        AttackKind::Unaided => {
            let config = UnaidedConfig {
                search: SearchSettings {
                    max_steps: UnaidedConfig::default().search.max_steps,
                    ..search
                },
                ..UnaidedConfig::default()
            };
            UnaidedAttack::new(config, needs("unaided")?)
                .with_egregiousness(&rater)
                .run(Some(seed), &target, labeler, budget)?
        }
        AttackKind::Paraphrase => {
            let paraphraser = RuleParaphraser::new(
                RuleParaphraserConfig {
                    seed: settings.seed,
                    ..RuleParaphraserConfig::default()
                },
                WordNetSynonyms::new(lexicon.clone()),
            )?;
            let config = ParaphraseConfig {
                criterion,
                ..ParaphraseConfig::default()
            };
            ParaphraseAttack::new(config, paraphraser).run(Some(seed), &target, labeler, budget)?
        }
        AttackKind::Gradient => {
            let config = GradientConfig {
                search,
                ..GradientConfig::default()
            };
            GradientAttack::new(config).with_egregiousness(&rater).run(
                Some(seed),
                &target,
                labeler,
                budget,
            )?
        }
        AttackKind::Person => {
            let console = console.ok_or_else(|| {
                PipelineError::Setting("a person's attack needs a console".into())
            })?;
            let session = SessionSettings {
                criterion,
                ..SessionSettings::default()
            };
            let mut attack = TerminalAttack::new("person", console.input, console.output, session);
            if let Some(s) = suggester {
                attack = attack.with_tools(s);
            }
            attack.run(Some(seed), &target, labeler, Budget::unlimited())?
        }
    };
    Ok(outcome)
}
