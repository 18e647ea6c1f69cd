//! The outline the campaign experiments share (update frequency, egregiousness, attack
//! strength): two training campaigns, then the baseline and both campaigns' final
//! classifiers attacked afresh from the same held-out seeds.

use labels::Snippet;
use pipeline::{Attacker, Result};

use crate::campaign::{Campaign, CampaignResult, run_campaign};
use crate::experiment::Experiment;
use crate::fresh::{Contender, FreshAttack, choose_seeds, fresh_attack};

/// Two campaigns run, and what the fresh attacks on their classifiers start from.
pub struct Comparison {
    /// The campaigns' results, in the order given.
    pub results: [CampaignResult; 2],
    /// The baseline, then each campaign's final classifier (labelled as the campaign).
    pub contenders: Vec<Contender>,
    /// Held-out injurious test snippets that every contender flags (at most the run's
    /// `evaluation_seeds`).
    pub seeds: Vec<Snippet>,
}

/// Runs (or resumes) `campaigns` one after the other, then chooses the seeds of
/// experiment `name`'s fresh attacks.
pub fn compare_campaigns(
    exp: &mut Experiment,
    name: &str,
    campaigns: [&Campaign; 2],
) -> Result<Comparison> {
    let first = run_campaign(exp, campaigns[0])?;
    let second = run_campaign(exp, campaigns[1])?;
    let mut contenders = vec![Contender {
        model: "baseline".into(),
        label: "baseline".into(),
    }];
    for (campaign, result) in campaigns.iter().zip([&first, &second]) {
        contenders.push(Contender {
            model: result.final_model.clone(),
            label: campaign.label.clone(),
        });
    }
    let n = exp.ctx.settings.sizes.evaluation_seeds;
    let seeds = choose_seeds(exp, name, &contenders, n)?;
    Ok(Comparison {
        results: [first, second],
        contenders,
        seeds,
    })
}

impl Comparison {
    /// The fresh attack `attack` (its name in files) by `attacker` on every contender, in
    /// order, from the common seeds.
    pub fn fresh_attacks(
        &self,
        exp: &mut Experiment,
        name: &str,
        attack: &str,
        attacker: Attacker,
    ) -> Result<Vec<FreshAttack>> {
        self.contenders
            .iter()
            .map(|c| fresh_attack(exp, name, attack, attacker, c, &self.seeds))
            .collect()
    }
}
