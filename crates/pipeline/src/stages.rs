//! The paper's stages in their order: what each stage of a run calls.

use crate::attack_policy::AttackKind;
use crate::context::Context;
use crate::error::Result;
use crate::evaluation::{self, TABLE2};
use crate::{data, effort, models, rounds};

/// A stage: it runs on a run's context and returns its one-line summary.
pub type StageFn = Box<dyn Fn(&mut Context) -> Result<String>>;

/// The paper's stages, in order, up to and with `tools_speedup` (the report stage is
/// added by [`crate::runner`], above the report).
pub fn paper_stages() -> Vec<(String, StageFn)> {
    let mut s: Vec<(String, StageFn)> = vec![
        ("corpus".into(), Box::new(models::corpus)),
        ("generator".into(), Box::new(models::generator)),
        ("masked_lm".into(), Box::new(models::masked_lm)),
        // the evaluation sets depend on the generator alone: made once, before any
        // classifier, they are shared by every replicate
        ("test_set".into(), Box::new(data::test_set)),
        ("quality_study".into(), Box::new(data::quality_study)),
        ("fresh_quality".into(), Box::new(data::fresh_quality)),
        ("initial_data".into(), Box::new(data::initial_data)),
        ("baseline".into(), Box::new(rounds::baseline)),
    ];
    for kind in rounds::ROUNDS {
        let name = kind.name();
        s.push((
            format!("{name}_half1"),
            Box::new(move |ctx| rounds::round_half(ctx, kind, 1)),
        ));
        s.push((
            format!("{name}_retrain_mid"),
            Box::new(move |ctx| rounds::retrain(ctx, kind, false)),
        ));
        s.push((
            format!("{name}_half2"),
            Box::new(move |ctx| rounds::round_half(ctx, kind, 2)),
        ));
        s.push((
            format!("{name}_data"),
            Box::new(move |ctx| rounds::round_data(ctx, kind)),
        ));
        if rounds::end_target(kind).is_some() {
            s.push((
                format!("{name}_retrain_end"),
                Box::new(move |ctx| rounds::retrain(ctx, kind, true)),
            ));
        }
    }
    for (index, (model, _, _)) in TABLE2.iter().enumerate().skip(1) {
        s.push((
            format!("table2_{model}"),
            Box::new(move |ctx| evaluation::table2_classifier(ctx, index)),
        ));
    }
    s.push(("evaluate".into(), Box::new(evaluation::evaluate)));
    s.push(("attack_seeds".into(), Box::new(effort::choose_seeds)));
    for (index, (model, _, _)) in TABLE2.iter().enumerate() {
        s.push((
            format!("attack_{model}"),
            Box::new(move |ctx| {
                let n = ctx.settings.sizes.evaluation_seeds;
                effort::fresh_attack(ctx, index, AttackKind::ToolAssisted, n)
            }),
        ));
    }
    for index in [0, TABLE2.len() - 1] {
        s.push((
            format!("unaided_{}", TABLE2[index].0),
            Box::new(move |ctx| {
                let n = ctx.settings.sizes.speedup_seeds;
                effort::fresh_attack(ctx, index, AttackKind::Unaided, n)
            }),
        ));
    }
    s.push(("figure3".into(), Box::new(effort::figure3)));
    s.push(("tools_speedup".into(), Box::new(effort::tools_speedup)));
    s
}
