//! All templates of the world, parsed once, by the part of a story they write.

use std::collections::HashMap;

use super::template::Template;
use super::{completions, injuries, prompts};
use crate::error::Result;
use crate::lexicon::InjuryKind;
use crate::lexicon::core_words::WEAPONS;

/// A pool of templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Sub {
    Intro,
    Calm,
    Tense,
    Fight,
    PromptInjury,
    PromptDeath,
    PromptTrap,
    Neutral,
    Vocabulary,
    Figurative,
    Negated,
    Threat,
    Remention,
    DeadRemention,
    Explicit,
    LongTail,
    Death,
    Implied,
    Past,
    SelfInflicted,
    Animal,
    Escalation,
    OtherVictim,
    Unsure,
    Echo,
}

impl Sub {
    const ALL: [(Sub, &'static str, &'static [&'static str]); 25] = [
        (Sub::Intro, "intro", prompts::INTRO),
        (Sub::Calm, "calm", prompts::CALM),
        (Sub::Tense, "tense", prompts::TENSE),
        (Sub::Fight, "fight", prompts::FIGHT),
        (Sub::PromptInjury, "prompt_injury", prompts::PROMPT_INJURY),
        (Sub::PromptDeath, "prompt_death", prompts::PROMPT_DEATH),
        (Sub::PromptTrap, "prompt_trap", prompts::PROMPT_TRAP),
        (Sub::Neutral, "neutral", completions::NEUTRAL),
        (Sub::Vocabulary, "vocabulary", completions::VOCABULARY),
        (Sub::Figurative, "figurative", completions::FIGURATIVE),
        (Sub::Negated, "negated", completions::NEGATED),
        (Sub::Threat, "threat", completions::THREAT),
        (Sub::Remention, "remention", completions::REMENTION),
        (
            Sub::DeadRemention,
            "dead_remention",
            completions::DEAD_REMENTION,
        ),
        (Sub::Explicit, "explicit", injuries::EXPLICIT),
        (Sub::LongTail, "long_tail", injuries::LONG_TAIL),
        (Sub::Death, "death", injuries::DEATH),
        (Sub::Implied, "implied", injuries::IMPLIED),
        (Sub::Past, "past", injuries::PAST),
        (Sub::SelfInflicted, "self", injuries::SELF),
        (Sub::Animal, "animal", injuries::ANIMAL),
        (Sub::Escalation, "escalation", injuries::ESCALATION),
        (Sub::OtherVictim, "other_victim", injuries::OTHER_VICTIM),
        (Sub::Unsure, "unsure", injuries::UNSURE),
        (Sub::Echo, "echo", injuries::ECHO),
    ];
}

/// Every template, parsed.
pub(crate) struct Pools {
    pools: HashMap<Sub, Vec<Template>>,
    pub safe_fallback: Template,
    pub injury_fallback: Template,
    pub unsure_fallback: Template,
    weapon_kinds: HashMap<&'static str, InjuryKind>,
}

impl Pools {
    /// Parses all templates; an error names a malformed one.
    pub fn new() -> Result<Pools> {
        let mut pools = HashMap::new();
        for (sub, name, lines) in Sub::ALL {
            let templates = lines
                .iter()
                .enumerate()
                .map(|(k, line)| Template::parse(format!("{name}/{k}"), line))
                .collect::<Result<Vec<_>>>()?;
            pools.insert(sub, templates);
        }
        let weapon_kinds = WEAPONS
            .lines()
            .filter_map(|line| {
                let mut fields = line.split_whitespace();
                let word = fields.next()?;
                let kind = InjuryKind::from_name(fields.next()?)?;
                Some((word, kind))
            })
            .collect();
        Ok(Pools {
            pools,
            safe_fallback: Template::parse("fallback/safe".into(), completions::SAFE_FALLBACK)?,
            injury_fallback: Template::parse("fallback/injury".into(), injuries::INJURY_FALLBACK)?,
            unsure_fallback: Template::parse("fallback/unsure".into(), injuries::UNSURE_FALLBACK)?,
            weapon_kinds,
        })
    }

    /// The templates of a pool.
    pub fn get(&self, sub: Sub) -> &[Template] {
        self.pools.get(&sub).map_or(&[], Vec::as_slice)
    }

    /// All templates with their pool names (for tests and reports).
    pub fn all(&self) -> impl Iterator<Item = &Template> {
        self.pools.values().flatten()
    }

    /// The kind of injury a weapon phrase does, by its first word the lexicon lists as a
    /// weapon (`vibro-blade` → blade → stab; `shard of glass` → shard → cut).
    pub fn weapon_kind(&self, phrase: &str) -> Option<InjuryKind> {
        phrase
            .split([' ', '-'])
            .find_map(|w| self.weapon_kinds.get(w).copied())
    }
}
