//! Generalisation across attack strength (the authors' look back: "to what extent can we
//! generalize from training on weaker attacks to defending against stronger attacks?"):
//! train on a weak attack (the unaided policy: substitutions tried blind), or on a strong
//! one (the tool-assisted policy: saliency and score-sorted suggestions), then attack each
//! classifier with both.

use serde::Serialize;

use super::campaign::{Campaign, CampaignResult};
use super::comparison::compare_campaigns;
use super::fresh::{FreshAttack, test_rows};
use super::report::{ExperimentReport, boot, effort_figure, effort_table, json, test_table};
use crate::experiment::Experiment;
use pipeline::{AttackKind, Attacker, Result, Table2Row};

/// The experiment's name (files, stages).
pub const NAME: &str = "attack_strength";

#[derive(Serialize)]
struct Results<'a> {
    campaigns: [&'a CampaignResult; 2],
    fresh_attacks: &'a [FreshAttack],
    test: &'a [Table2Row],
}

/// Runs (or resumes) the experiment and writes its report.
pub fn run(exp: &mut Experiment) -> Result<ExperimentReport> {
    let sizes = exp.sizes;
    let weak: Attacker = AttackKind::Unaided.into();
    let strong: Attacker = AttackKind::ToolAssisted.into();
    let campaign = |name: &str, label: &str, attacker| Campaign {
        name: name.into(),
        label: label.into(),
        attacker,
        rounds: sizes.few_rounds,
        budget: sizes.budget,
    };
    let on_weak = campaign("weak_attack", "trained on the weak attack", weak);
    let on_strong = campaign("strong_attack", "trained on the strong attack", strong);
    let compared = compare_campaigns(exp, NAME, [&on_weak, &on_strong])?;
    let [weak_result, strong_result] = &compared.results;
    let (contenders, seeds) = (&compared.contenders, &compared.seeds);
    let attacks = [
        ("weak (unaided)", "unaided", weak),
        ("strong (tool-assisted)", "tool_assisted", strong),
    ];
    let mut fresh = Vec::new();
    for (_, name, attacker) in attacks {
        fresh.extend(compared.fresh_attacks(exp, NAME, name, attacker)?);
    }
    let test = test_rows(exp, NAME, contenders)?;

    // effort per adversarial example, one bar per attack and classifier: where both
    // attacks break nearly every seed, the effort they need is what separates classifiers
    let k = contenders.len();
    let short = ["base", "W-tr", "S-tr"];
    let rows = fresh
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut row = f.effort.clone();
            row.classifier = format!(
                "{}→{}",
                ["weak", "strong"].get(i / k).copied().unwrap_or(&f.attack),
                short.get(i % k).copied().unwrap_or(&f.classifier)
            );
            row
        })
        .collect();
    let figure = effort_figure(
        exp,
        rows,
        "Fresh weak (unaided) and strong (tool-assisted) attacks on the baseline and on classifiers trained on each",
        NAME,
    )?;

    let rate = |a: usize, c: usize| fresh[a * k + c].effort.success_rate.to_string();
    let queries = |a: usize, c: usize| boot(&fresh[a * k + c].effort.queries_per_success, 1);
    let mut md = format!(
        "## Generalisation across attack strength\n\n\
         Two campaigns of {rounds} round(s) and {budget} adversarial examples each: one from \
         the weak attack (the unaided policy: suggested substitutions tried without scores), \
         one from the strong attack (the tool-assisted policy: saliency-ordered, \
         score-sorted). Then both attacks, fresh, on {seeds} held-out injurious test snippets \
         against the baseline and both trained classifiers.\n\n\
         **Finding.** The strong attack broke {s_b} seeds of the baseline, {s_w} of the \
         classifier trained on the weak attack and {s_s} of the one trained on the strong \
         attack (queries per success {qs_b}, {qs_w}, {qs_s}). The weak attack broke {w_b}, \
         {w_w} and {w_s} (queries per success {qw_b}, {qw_w}, {qw_s}).\n\n",
        rounds = sizes.few_rounds,
        budget = sizes.budget,
        seeds = seeds.len(),
        s_b = rate(1, 0),
        s_w = rate(1, 1),
        s_s = rate(1, 2),
        qs_b = queries(1, 0),
        qs_w = queries(1, 1),
        qs_s = queries(1, 2),
        w_b = rate(0, 0),
        w_w = rate(0, 1),
        w_s = rate(0, 2),
        qw_b = queries(0, 0),
        qw_w = queries(0, 1),
        qw_s = queries(0, 2),
    );
    md.push_str(&effort_table(&fresh));
    md.push('\n');
    md.push_str(&figure);
    md.push_str(
        "\n(Bars: attack→classifier; base: the baseline, W-tr and S-tr: trained on the weak \
         and on the strong attack.)\n\n",
    );
    md.push_str(&test_table(&test));
    md.push_str(
        "\nIntervals: 95% Beta(1, 1) credible intervals for rates, 95% percentile bootstrap \
         over seeds for effort.\n",
    );
    let results = json(&Results {
        campaigns: [weak_result, strong_result],
        fresh_attacks: &fresh,
        test: &test,
    });
    let report = ExperimentReport {
        markdown: md,
        results,
    };
    report.write(exp)?;
    Ok(report)
}
