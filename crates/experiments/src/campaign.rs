//! An adversarial-training campaign: rounds of attacks on the current classifier, each
//! followed by retraining on everything found so far, under a fixed budget of
//! adversarial examples; and what each round's successful attacks did (which tactics they
//! reused).

use std::collections::BTreeSet;

use attacks::Suggester;
use classifier::InjuriousnessClassifier;
use labels::{Dataset, Label, Snippet, Split};
use metrics::{BootstrapConfig, BootstrapEstimate, RateEstimate, bootstrap_mean};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::experiment::Experiment;
use pipeline::steps::train_classifier_from;
use pipeline::{
    Attacker, INITIAL_FILE, PipelineError, Result, SeedRecord, Suggestions, attack_seeds, load,
    load_classifier, load_masked_lm, read_json, save_dir_atomically, write_json,
};

/// One campaign of adversarial training.
#[derive(Debug, Clone, PartialEq)]
pub struct Campaign {
    /// Its name in files (`few_rounds`).
    pub name: String,
    /// Its name in the report (`2 rounds of 24`).
    pub label: String,
    /// Who attacks in every round.
    pub attacker: Attacker,
    /// Rounds; each retrains the classifier on everything found so far.
    pub rounds: usize,
    /// Adversarial examples in all, spread evenly over the rounds.
    pub budget: usize,
}

impl Campaign {
    /// Adversarial examples round `round` (1-based) looks for.
    pub fn quota(&self, round: usize) -> usize {
        let base = self.budget / self.rounds;
        base + usize::from(round <= self.budget % self.rounds)
    }

    /// The model name of the classifier after round `round` (0: the main run's baseline).
    pub fn model(&self, round: usize) -> String {
        if round == 0 {
            "baseline".into()
        } else {
            format!("{}_{round}", self.name)
        }
    }

    fn journal(&self, round: usize) -> String {
        format!("campaigns/{}/round{round}.jsonl", self.name)
    }
}

/// What one round gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    /// 1-based.
    pub round: usize,
    /// The classifier attacked.
    pub target: String,
    /// Seeds attacked, and how many gave an adversarial example.
    pub successes: RateEstimate,
    /// Labeled examples added to the training data (every submission).
    pub examples: usize,
    /// Queries spent in all.
    pub queries: u64,
    /// Mean number of words a successful attack brought into the completion (words of the
    /// adversarial completion not in the seed's).
    pub new_words_per_success: Option<f64>,
    /// Successful attacks that brought in a word the first round's successes had brought
    /// in: how much the round reused the tactics that worked first (None in round 1).
    pub reuse_of_first_tactics: Option<RateEstimate>,
    /// Egregiousness (1–10, by the oracle) of the round's adversarial examples.
    pub egregiousness: Option<BootstrapEstimate>,
    /// The retrain after the round.
    pub retrain: String,
}

/// A finished campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignResult {
    /// Its name in files.
    pub name: String,
    /// Its name in the report.
    pub label: String,
    /// Its rounds.
    pub rounds: Vec<RoundSummary>,
    /// The model name of its final classifier.
    pub final_model: String,
}

/// Where the experiment keeps classifier `model` (the baseline is the main run's).
pub fn model_path(exp: &Experiment, model: &str) -> std::path::PathBuf {
    exp.ctx.dir.path(&format!("models/{model}"))
}

/// Loads classifier `model`: the main run's baseline, or one the experiment trained.
pub fn load_model(exp: &Experiment, model: &str) -> Result<InjuriousnessClassifier> {
    if model == "baseline" {
        return load_classifier(&exp.base, "baseline");
    }
    Ok(InjuriousnessClassifier::load(
        model_path(exp, model),
        exp.ctx.device,
    )?)
}

/// The injurious training snippets of the initial data: every round's seeds come from
/// them (the fresh attacks that evaluate use test snippets instead).
fn seed_pool(exp: &Experiment) -> Result<Vec<Snippet>> {
    let initial = load(&exp.base, INITIAL_FILE)?;
    let pool: Vec<Snippet> = initial
        .split(Split::Train)
        .examples()
        .iter()
        .filter(|e| e.label == Label::Injurious)
        .map(|e| e.snippet.clone())
        .collect();
    if pool.is_empty() {
        return Err(PipelineError::stage(
            "campaign",
            "the initial training data holds no injurious snippet to attack from",
        ));
    }
    Ok(pool)
}

fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Words an adversarial example's completion brought in (not in its seed's completion).
pub fn new_words(seed: &Snippet, adversarial: &Snippet) -> BTreeSet<String> {
    let before = words(&seed.completion);
    words(&adversarial.completion)
        .into_iter()
        .filter(|w| !before.contains(w))
        .collect()
}

/// Attacks seeds from the pool (in an order of the round's own) against `classifier`
/// until the round's quota of adversarial examples is met or its attempts run out.
fn attack_round(
    exp: &Experiment,
    campaign: &Campaign,
    round: usize,
    classifier: &InjuriousnessClassifier,
    suggester: &dyn Suggester,
) -> Result<Vec<SeedRecord>> {
    let mut pool = seed_pool(exp)?;
    let stream = format!("{} round {round}", campaign.name);
    pool.shuffle(&mut ChaCha8Rng::seed_from_u64(exp.ctx.seed_of(&stream)));
    let quota = campaign.quota(round);
    let attempts = (quota * exp.sizes.attempts_per_example).min(pool.len());
    let target = campaign.model(round - 1);
    let mut records = Vec::new();
    let mut found = 0;
    for (i, seed) in pool.into_iter().take(attempts).enumerate() {
        if found >= quota {
            break;
        }
        let mut record = attack_seeds(
            &exp.ctx,
            campaign.attacker,
            &target,
            classifier,
            suggester,
            &[(format!("round{round}-{i}"), seed)],
            &campaign.journal(round),
            &format!("{stream} seed {i}"),
        )?;
        if let Some(r) = record.pop() {
            found += r.adversarial.len().min(1);
            records.push(r);
        }
    }
    Ok(records)
}

/// The records of round `round`, as journaled.
pub fn round_records(
    exp: &Experiment,
    campaign: &Campaign,
    round: usize,
) -> Result<Vec<SeedRecord>> {
    Ok(labels::Journal::<SeedRecord>::read(exp.ctx.dir.path(&campaign.journal(round)))?.records)
}

fn summary_file(campaign: &Campaign) -> String {
    format!("campaigns/{}/rounds.json", campaign.name)
}

/// Runs (or resumes) `campaign`: for each round, stage `{name}_round{r}` attacks the
/// classifier of the round before, and stage `{name}_retrain{r}` trains the next one from
/// the masked LM on the initial training data plus every example found so far.
pub fn run_campaign(exp: &mut Experiment, campaign: &Campaign) -> Result<CampaignResult> {
    if campaign.rounds == 0 || campaign.budget == 0 {
        return Err(PipelineError::Setting(format!(
            "campaign {} needs at least one round and one example",
            campaign.name
        )));
    }
    exp.ctx.dir.dir(&format!("campaigns/{}", campaign.name))?;
    exp.ctx.dir.dir("models")?;
    let mut retrains: Vec<String> = Vec::new();
    for round in 1..=campaign.rounds {
        exp.stage(&format!("{}_round{round}", campaign.name), |exp| {
            let classifier = load_model(exp, &campaign.model(round - 1))?;
            let masked_lm = load_masked_lm(&exp.base)?;
            let suggestions = Suggestions::new(exp.ctx.lexicon.clone(), &masked_lm);
            let combined = suggestions.combined();
            let records = attack_round(exp, campaign, round, &classifier, &combined)?;
            let broken = records.iter().filter(|r| r.succeeded).count();
            Ok(format!(
                "{broken} of {} seeds broken against {}",
                records.len(),
                campaign.model(round - 1)
            ))
        })?;
        let stage = format!("{}_retrain{round}", campaign.name);
        exp.stage(&stage, |exp| retrain(exp, campaign, round))?;
        retrains.push(
            exp.ctx
                .dir
                .finished(&stage)
                .map(|s| s.summary.clone())
                .unwrap_or_default(),
        );
    }
    let summary = summary_file(campaign);
    exp.stage(&format!("{}_summary", campaign.name), |exp| {
        let result = summarize(exp, campaign, &retrains)?;
        write_json(&exp.ctx.dir.path(&summary), &result)?;
        Ok(format!(
            "{} rounds, {} adversarial examples",
            result.rounds.len(),
            result.rounds.iter().map(|r| r.successes.k).sum::<u64>()
        ))
    })?;
    read_json(&exp.ctx.dir.path(&summary))
}

fn retrain(exp: &mut Experiment, campaign: &Campaign, round: usize) -> Result<String> {
    let initial = load(&exp.base, INITIAL_FILE)?;
    let mut train = initial.split(Split::Train);
    let mut added = 0;
    for r in 1..=round {
        for record in round_records(exp, campaign, r)? {
            for example in record.examples {
                train.push(example);
                added += 1;
            }
        }
    }
    let masked_lm = load_masked_lm(&exp.base)?;
    let settings = &exp.ctx.settings;
    let (clf, report) = train_classifier_from(
        &masked_lm,
        &train,
        &initial.split(Split::Validation),
        settings.sizes.fine_tune_epochs,
        settings.seed,
        |_| {},
    )?;
    let model = campaign.model(round);
    save_dir_atomically(&model_path(exp, &model), |tmp| Ok(clf.save(tmp)?))?;
    Ok(format!(
        "{model}: {} training examples ({added} from the campaign), best epoch {}",
        report.training_examples, report.best_epoch
    ))
}

fn summarize(exp: &Experiment, campaign: &Campaign, retrains: &[String]) -> Result<CampaignResult> {
    let mut rounds = Vec::new();
    let mut first_words: BTreeSet<String> = BTreeSet::new();
    for round in 1..=campaign.rounds {
        let records = round_records(exp, campaign, round)?;
        let successes: Vec<&SeedRecord> = records.iter().filter(|r| r.succeeded).collect();
        let brought: Vec<BTreeSet<String>> = successes
            .iter()
            .filter_map(|r| r.adversarial.first().map(|(s, _)| new_words(&r.seed, s)))
            .collect();
        if round == 1 {
            first_words = brought.iter().flatten().cloned().collect();
        }
        let reused = brought
            .iter()
            .filter(|w| w.iter().any(|w| first_words.contains(w)))
            .count();
        let egregiousness: Vec<f64> = successes
            .iter()
            .filter_map(|r| r.adversarial.first().map(|(_, e)| f64::from(*e)))
            .collect();
        rounds.push(RoundSummary {
            round,
            target: campaign.model(round - 1),
            successes: RateEstimate::new(successes.len() as u64, records.len().max(1) as u64)?,
            examples: records.iter().map(|r| r.examples.len()).sum(),
            queries: records.iter().map(|r| r.queries).sum(),
            new_words_per_success: (!brought.is_empty()).then(|| {
                brought.iter().map(|w| w.len() as f64).sum::<f64>() / brought.len() as f64
            }),
            reuse_of_first_tactics: if round == 1 || brought.is_empty() {
                None
            } else {
                Some(RateEstimate::new(reused as u64, brought.len() as u64)?)
            },
            egregiousness: if egregiousness.is_empty() {
                None
            } else {
                let config = BootstrapConfig {
                    seed: exp
                        .ctx
                        .seed_of(&format!("{} egregiousness {round}", campaign.name)),
                    ..BootstrapConfig::default()
                };
                Some(bootstrap_mean(&egregiousness, &config)?)
            },
            retrain: retrains.get(round - 1).cloned().unwrap_or_default(),
        });
    }
    Ok(CampaignResult {
        name: campaign.name.clone(),
        label: campaign.label.clone(),
        rounds,
        final_model: campaign.model(campaign.rounds),
    })
}

/// Every adversarial example a campaign found, as a dataset (what it trained on, less
/// the non-injurious submissions).
pub fn found_examples(exp: &Experiment, campaign: &Campaign) -> Result<Dataset> {
    let mut out = Dataset::new(Vec::new());
    for round in 1..=campaign.rounds {
        for record in round_records(exp, campaign, round)? {
            for e in record.examples {
                if e.label == Label::Injurious {
                    out.push(e);
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_spread_the_budget_evenly() {
        let c = Campaign {
            name: "c".into(),
            label: "c".into(),
            attacker: pipeline::AttackKind::ToolAssisted.into(),
            rounds: 3,
            budget: 10,
        };
        // 10 = 4 + 3 + 3
        let q: Vec<usize> = (1..=3).map(|r| c.quota(r)).collect();
        assert_eq!(q, vec![4, 3, 3]);
        assert_eq!(c.model(0), "baseline");
        assert_eq!(c.model(2), "c_2");
    }

    #[test]
    fn new_words_are_those_the_seed_lacked() {
        let seed = Snippet::new("p", "Mara stabbed Tom with a knife.");
        let adv = Snippet::new("p", "Mara poked Tom with a Knife, gently.");
        let w: Vec<String> = new_words(&seed, &adv).into_iter().collect();
        assert_eq!(w, vec!["gently".to_string(), "poked".to_string()]);
    }
}
