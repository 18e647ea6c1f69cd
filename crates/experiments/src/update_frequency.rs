//! "Update the model much more frequently" (the authors' look back): the same budget of
//! adversarial examples spent in the paper's few large rounds, or in many small ones with
//! a retrain after each. Which final classifier resists a fresh tool-assisted attack
//! better (effort per success, share of seeds broken), and were the attackers of the
//! frequent schedule forced off the tactics that worked first?

use metrics::{BootstrapEstimate, RateEstimate};
use serde::Serialize;

use super::campaign::{Campaign, CampaignResult, RoundSummary};
use super::comparison::compare_campaigns;
use super::fresh::{FreshAttack, OwnThreshold, own_threshold_attacks, test_rows};
use super::report::{
    ExperimentReport, boot, effort_figure, effort_table, json, own_threshold_section, test_table,
};
use crate::experiment::Experiment;
use pipeline::{AttackKind, Attacker, Result, Table2Row};

/// The experiment's name (files, stages).
pub const NAME: &str = "update_frequency";

#[derive(Serialize)]
struct Results<'a> {
    campaigns: [&'a CampaignResult; 2],
    fresh_attacks: &'a [FreshAttack],
    /// The same attack with each classifier at its own quality-chosen threshold.
    own_threshold: &'a OwnThreshold,
    test: &'a [Table2Row],
    later_round_reuse: [Option<RateEstimate>; 2],
}

/// Pooled reuse of the first round's tactics over rounds 2 and later.
fn later_reuse(c: &CampaignResult) -> Option<RateEstimate> {
    let (mut k, mut n) = (0, 0);
    for r in c.rounds.iter().skip(1) {
        if let Some(e) = &r.reuse_of_first_tactics {
            k += e.k;
            n += e.n;
        }
    }
    (n > 0).then(|| RateEstimate::new(k, n).ok()).flatten()
}

/// How two bootstrap estimates compare: by whether their intervals overlap.
pub fn compare(a: &Option<BootstrapEstimate>, b: &Option<BootstrapEstimate>) -> &'static str {
    match (a, b) {
        (Some(a), Some(b)) if a.interval.lower > b.interval.upper => "higher than",
        (Some(a), Some(b)) if a.interval.upper < b.interval.lower => "lower than",
        (Some(_), Some(_)) => "not distinguishable (overlapping intervals) from",
        _ => "not comparable (too few successes) with",
    }
}

fn round_table(c: &CampaignResult) -> String {
    let mut out = format!(
        "**{}** — per round:\n\n| round | attacked | seeds broken | queries | new words per success | reuse of round 1's words | egregiousness |\n|---|---|---|---|---|---|---|\n",
        c.label
    );
    for RoundSummary {
        round,
        target,
        successes,
        queries,
        new_words_per_success,
        reuse_of_first_tactics,
        egregiousness,
        ..
    } in &c.rounds
    {
        out.push_str(&format!(
            "| {round} | {target} | {successes} | {queries} | {} | {} | {} |\n",
            new_words_per_success.map_or("—".into(), |w| format!("{w:.2}")),
            reuse_of_first_tactics
                .as_ref()
                .map_or("—".into(), |r| r.to_string()),
            boot(egregiousness, 2)
        ));
    }
    out
}

/// Runs (or resumes) the experiment and writes its report.
pub fn run(exp: &mut Experiment) -> Result<ExperimentReport> {
    let sizes = exp.sizes;
    let attacker: Attacker = AttackKind::ToolAssisted.into();
    let schedule = |name: &str, rounds: usize| Campaign {
        name: name.into(),
        label: format!(
            "{rounds} round{} of ~{}",
            if rounds == 1 { "" } else { "s" },
            sizes.budget.div_ceil(rounds)
        ),
        attacker,
        rounds,
        budget: sizes.budget,
    };
    let few = schedule("few_rounds", sizes.few_rounds);
    let many = schedule("many_rounds", sizes.many_rounds);
    let compared = compare_campaigns(exp, NAME, [&few, &many])?;
    let fresh = compared.fresh_attacks(exp, NAME, "tool_assisted", attacker)?;
    let [few_result, many_result] = &compared.results;
    let (contenders, seeds) = (&compared.contenders, &compared.seeds);
    let n = exp.ctx.settings.sizes.evaluation_seeds;
    let test = test_rows(exp, NAME, contenders)?;
    let own = own_threshold_attacks(exp, NAME, "tool_assisted", attacker, contenders, &test, n)?;
    let reuse = [later_reuse(few_result), later_reuse(many_result)];

    let figure = effort_figure(
        exp,
        fresh.iter().map(|f| f.effort.clone()).collect(),
        "Fresh tool-assisted attacks on classifiers trained in few or many rounds",
        NAME,
    )?;
    let (f, m) = (&fresh[1].effort, &fresh[2].effort);
    let mut md = format!(
        "## Update the model much more frequently\n\n\
         The same budget of {budget} adversarial examples from the tool-assisted policy, \
         attacking injurious training snippets, spent in {few_label} (the paper's schedule) \
         or in {many_label}, the classifier retrained from the masked LM on the initial data \
         plus everything found so far after every round. Then a fresh tool-assisted attack \
         on {seeds} held-out injurious test snippets that all three classifiers flag.\n\n\
         **Finding.** Against the frequently updated classifier the fresh attack needed \
         {mq} queries per adversarial example, {cmp} the {fq} the few-rounds classifier \
         needed; it broke {ms} of the seeds against {fs}. In rounds after the first, \
         {reuse_many} of the frequent schedule's successful attacks still brought in a word \
         that its first round's had (the few-rounds schedule: {reuse_few}).\n\n",
        budget = sizes.budget,
        few_label = few.label,
        many_label = many.label,
        seeds = seeds.len(),
        mq = boot(&m.queries_per_success, 1),
        fq = boot(&f.queries_per_success, 1),
        cmp = compare(&m.queries_per_success, &f.queries_per_success),
        ms = m.success_rate,
        fs = f.success_rate,
        reuse_many = reuse[1].as_ref().map_or("—".into(), |r| r.to_string()),
        reuse_few = reuse[0].as_ref().map_or("—".into(), |r| r.to_string()),
    );
    md.push_str(&effort_table(&fresh));
    md.push('\n');
    md.push_str(&figure);
    md.push('\n');
    md.push_str(&own_threshold_section(
        &own,
        "The same fresh tool-assisted attack",
    ));
    md.push_str(&test_table(&test));
    md.push('\n');
    md.push_str(&round_table(few_result));
    md.push('\n');
    md.push_str(&round_table(many_result));
    md.push_str(
        "\nA tactic here is a word a successful attack brought into the completion; \"reuse\" \
         counts successes that brought in any word the first round's successes had. Intervals: \
         95% Beta(1, 1) credible intervals for rates, 95% percentile bootstrap over seeds for \
         effort and over examples for egregiousness.\n",
    );
    let results = json(&Results {
        campaigns: [few_result, many_result],
        fresh_attacks: &fresh,
        own_threshold: &own,
        test: &test,
        later_round_reuse: reuse,
    });
    let report = ExperimentReport {
        markdown: md,
        results,
    };
    report.write(exp)?;
    Ok(report)
}
