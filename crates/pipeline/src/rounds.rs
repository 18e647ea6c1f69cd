//! Stages 5–7: the paper's three rounds of adversarial data (§4.4). Each round attacks
//! the classifier trained on everything so far; half way through, the classifier is
//! retrained on what the round found, and the second half attacks that one.

use labels::{Dataset, Example, Label, Snippet, Split};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::attack_journal::SeedRecord;
use super::attack_policy::AttackKind;
use super::attacking::{Suggestions, attack_seeds};
use super::context::Context;
use super::data::{INITIAL_FILE, load};
use super::error::Result;
use super::models::load_masked_lm;
use super::training::{load_classifier, train_classifier};

/// A round of adversarial data (§4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    /// People without tools (the unaided policy, or a person at the terminal with
    /// `--human`).
    Manual,
    /// Automatic paraphrases of the manual round's adversarial examples.
    Paraphrase,
    /// The tool-assisted policy.
    ToolAssisted,
}

impl Round {
    /// The round's name in stage names, files and streams.
    pub fn name(self) -> &'static str {
        match self {
            Round::Manual => "manual",
            Round::Paraphrase => "paraphrase",
            Round::ToolAssisted => "tool_assisted",
        }
    }

    /// Who attacks in the round; `human`: a person does the manual round.
    pub fn attacker(self, human: bool) -> AttackKind {
        match self {
            Round::Manual if human => AttackKind::Person,
            Round::Manual => AttackKind::Unaided,
            Round::Paraphrase => AttackKind::Paraphrase,
            Round::ToolAssisted => AttackKind::ToolAssisted,
        }
    }
}

/// The rounds, in the paper's order.
pub const ROUNDS: [Round; 3] = [Round::Manual, Round::Paraphrase, Round::ToolAssisted];

/// The journal of a round's half (1 or 2).
pub fn journal_of(kind: Round, half: u8) -> String {
    format!("rounds/{}/half{half}.jsonl", kind.name())
}

/// The dataset a round produced.
pub fn dataset_of(kind: Round) -> String {
    format!("data/{}.jsonl", kind.name())
}

/// The classifier a round's first half attacks.
pub fn first_target(kind: Round) -> &'static str {
    match kind {
        Round::Manual => "baseline",
        Round::Paraphrase => "after_manual",
        Round::ToolAssisted => "after_paraphrase",
    }
}

/// The classifier retrained half way through a round.
pub fn mid_target(kind: Round) -> String {
    format!("{}_mid", kind.name())
}

/// The classifier retrained at the end of a round (`None` for the last round: nothing
/// attacks it; Table 2 trains its own).
pub fn end_target(kind: Round) -> Option<&'static str> {
    match kind {
        Round::Manual => Some("after_manual"),
        Round::Paraphrase => Some("after_paraphrase"),
        Round::ToolAssisted => None,
    }
}

/// Stage `baseline`: the classifier trained on the initial data alone.
pub fn baseline(ctx: &mut Context) -> Result<String> {
    let initial = load(ctx, INITIAL_FILE)?;
    train_classifier(
        ctx,
        "baseline",
        &initial.split(Split::Train),
        &initial.split(Split::Validation),
    )
}

/// Injurious snippets of the initial training data, in a fixed shuffled order.
fn injurious_pool(ctx: &Context) -> Result<Vec<Snippet>> {
    let initial = load(ctx, INITIAL_FILE)?;
    let mut pool: Vec<Snippet> = initial
        .split(Split::Train)
        .examples()
        .iter()
        .filter(|e| e.label == Label::Injurious)
        .map(|e| e.snippet.clone())
        .collect();
    pool.shuffle(&mut ChaCha8Rng::seed_from_u64(ctx.seed_of("seed pool")));
    Ok(pool)
}

/// The records of the earlier rounds' halves and of this round's first half.
fn records_before(ctx: &Context, kind: Round, half: u8) -> Result<Vec<SeedRecord>> {
    let mut out = Vec::new();
    for &k in &ROUNDS {
        for h in 1..=2u8 {
            if k == kind && h >= half {
                return Ok(out);
            }
            let path = ctx.dir.path(&journal_of(k, h));
            out.extend(labels::Journal::<SeedRecord>::read(&path)?.records);
        }
        if k == kind {
            break;
        }
    }
    Ok(out)
}

/// The seeds of a round: (id, snippet).
fn seeds_of(ctx: &Context, kind: Round) -> Result<(Vec<(String, Snippet)>, String)> {
    let sizes = &ctx.settings.sizes;
    let pool = injurious_pool(ctx)?;
    let mut note = String::new();
    let seeds: Vec<Snippet> = match kind {
        Round::Manual => pool.iter().take(sizes.manual_seeds).cloned().collect(),
        Round::ToolAssisted => pool
            .iter()
            .skip(sizes.manual_seeds)
            .take(sizes.tool_seeds)
            .cloned()
            .collect(),
        Round::Paraphrase => {
            let mut found: Vec<Snippet> = records_before(ctx, Round::Paraphrase, 1)?
                .into_iter()
                .flat_map(|r| r.adversarial.into_iter().map(|(s, _)| s))
                .collect();
            found.dedup();
            if found.is_empty() {
                note = " (no adversarial example to paraphrase: paraphrasing injurious initial snippets)".into();
                found = pool.iter().take(sizes.paraphrase_seeds).cloned().collect();
            }
            found.truncate(sizes.paraphrase_seeds);
            found
        }
    };
    Ok((
        seeds
            .into_iter()
            .enumerate()
            .map(|(i, s)| (format!("{}-{i}", kind.name()), s))
            .collect(),
        note,
    ))
}

/// Stage `<round>_half<h>`: attacks half of the round's seeds.
pub fn round_half(ctx: &mut Context, kind: Round, half: u8) -> Result<String> {
    let (seeds, note) = seeds_of(ctx, kind)?;
    let middle = seeds.len().div_ceil(2);
    let mine = if half == 1 {
        &seeds[..middle]
    } else {
        &seeds[middle..]
    };
    let target = if half == 1 {
        first_target(kind).to_string()
    } else {
        mid_target(kind)
    };
    let classifier = load_classifier(ctx, &target)?;
    let masked_lm = load_masked_lm(ctx)?;
    let suggestions = Suggestions::new(ctx.lexicon.clone(), &masked_lm);
    let combined = suggestions.combined();
    let records = attack_seeds(
        ctx,
        kind.attacker(ctx.settings.human),
        &target,
        &classifier,
        &combined,
        mine,
        &journal_of(kind, half),
        &format!("{} half {half}", kind.name()),
    )?;
    let found: usize = records.iter().map(|r| r.adversarial.len()).sum();
    let succeeded = records.iter().filter(|r| r.succeeded).count();
    let examples: usize = records.iter().map(|r| r.examples.len()).sum();
    Ok(format!(
        "{} seeds against {target}: {succeeded} broken, {found} adversarial examples, {examples} labeled{note}",
        mine.len()
    ))
}

/// Every example the rounds produced up to (and without) `kind`'s half `half`, as
/// training data.
pub fn adversarial_data(ctx: &Context, kind: Round, half: u8) -> Result<Dataset> {
    let mut data = Dataset::new(
        records_before(ctx, kind, half)?
            .into_iter()
            .flat_map(|r| r.examples)
            .map(|e| Example {
                split: Some(Split::Train),
                ..e
            })
            .collect(),
    );
    data.dedup();
    Ok(data)
}

/// Stage `<round>_retrain_mid` / `<round>_retrain_end`: the classifier retrained on the
/// initial data and every adversarial example so far.
pub fn retrain(ctx: &mut Context, kind: Round, end: bool) -> Result<String> {
    let initial = load(ctx, INITIAL_FILE)?;
    let (half, name) = if end {
        match end_target(kind) {
            Some(name) => (3, name.to_string()),
            None => return Ok("not needed".into()),
        }
    } else {
        (2, mid_target(kind))
    };
    let adversarial = adversarial_data(ctx, kind, half)?;
    let mut train = initial.split(Split::Train);
    let added = adversarial.len();
    train.extend(adversarial);
    let summary = train_classifier(ctx, &name, &train, &initial.split(Split::Validation))?;
    Ok(format!(
        "{summary} ({added} of them adversarial-round examples)"
    ))
}

/// Stage `<round>_data`: the round's examples as a dataset of its own (Table 1's rows).
pub fn round_data(ctx: &mut Context, kind: Round) -> Result<String> {
    let mut examples = Vec::new();
    for half in 1..=2u8 {
        let path = ctx.dir.path(&journal_of(kind, half));
        for r in labels::Journal::<SeedRecord>::read(&path)?.records {
            examples.extend(r.examples.into_iter().map(|e| Example {
                split: Some(Split::Train),
                ..e
            }));
        }
    }
    let mut data = Dataset::new(examples);
    data.dedup();
    data.write_jsonl(ctx.dir.path(&dataset_of(kind)))?;
    let injurious = data
        .examples()
        .iter()
        .filter(|e| e.label != Label::NonInjurious)
        .count();
    Ok(format!("{} examples, {injurious} injurious", data.len()))
}
