//! The claims that hold at tiny scale, asserted. The default run's claims (a fluent
//! generator, a reliable baseline, a filter ≥ 20×) are checked on 3 seeds in its
//! REPORT.md; here the same recipes, shrunk to about a minute on 2 cores, must still show:
//!
//! 1. **A fluent generator.** A 2-block, 64-wide GPT-Neo trained 3 epochs on 3,000 of the
//!    world's stories (the pipeline's `generator` stage with those sizes) completes the
//!    in-distribution test prompts with well-formed sentences (only the world's words, one
//!    sentence). Measured on this machine, 2026-12-07: 2,911/3,000 = 97.0% (95.0% before
//!    the oracle's latest fixes changed one story of the world's 3,000; the `tiny`
//!    preset's own generator, 1 epoch on 400 stories: 0/1,000). Only 30–43% of its
//!    completions are sentences the world writes (the default run: 95%); the rest are
//!    mostly two world sentences fused ("Camille broke the letter back to Esme twisted away."), so
//!    classifiers trained on its completions stay weak at this size (test ROC AUC
//!    0.61–0.85 over the Table 2 classifiers of such runs) and two of three such runs
//!    stopped at `attack_seeds` (no injurious test snippet flagged by every classifier):
//!    so the `tiny` preset keeps the quick generator and is a smoke test of the stages.
//! 2. **A classifier that learns the concept.** The pipeline's fine-tuning recipe, from the
//!    run's tiny masked LM (2 layers, 32 wide), trained on 3,000 of the world's own labeled
//!    snippets, ranks the world's in-distribution test snippets well, and as a filter at
//!    the acceptance threshold 0.05 it lets through a fraction of the injuries. Measured by
//!    this test on this machine, 2026-12-07: ROC AUC 0.9929 [0.9592, 0.9999]; injury rate
//!    131/3,000 = 4.4% unfiltered, 14/2,859 = 0.49% filtered (8.9×, interval from 4.1×);
//!    before the oracle's latest fixes 0.9881 and 20/2,863 (6.3× from 3.1×).
//!    The same classifier ranks the fluent tiny generator's own test completions at about
//!    0.62: their injuries are mostly fused sentences the world never writes.

use classifier::{BatchOptions, MaskedLmSuggester, ModelInput};
use highstakes::pipeline::steps::{stream_seed, train_classifier_from};
use highstakes::pipeline::{
    GeneratorCheck, MASKED_LM_DIR, RunOptions, Scale, Settings, TEST_CHECK_FILE, read_json,
    run_until, test_auc,
};
use labels::{Dataset, Label, Split, SplitFractions};
use metrics::{ConfusionCounts, FilterEffect};
use storyworld::{InjuryOracle, World, WorldConfig};

/// The tiny preset with the fluent generator of claim 1 and a test set of 3,000.
fn fluent_tiny() -> Settings {
    let mut settings = Settings::new(Scale::Tiny);
    let s = &mut settings.sizes;
    s.corpus_stories = 3_000;
    s.generator_epochs = 3;
    s.generator_vocab = 3_000;
    s.generator_hidden = 64;
    s.generator_layers = 2;
    s.generator_batch = 8;
    s.generator_learning_rate = 5e-3;
    s.test_snippets = 3_000;
    settings
}

/// P(injurious) of each example of `data`.
fn scores(classifier: &classifier::InjuriousnessClassifier, data: &Dataset) -> Vec<f64> {
    let inputs: Vec<ModelInput> = data
        .examples()
        .iter()
        .map(|e| ModelInput::Snippet(e.snippet.clone()))
        .collect();
    classifier
        .score_batch(&inputs, &BatchOptions::default())
        .unwrap()
        .into_iter()
        .map(|s| s.p_injurious)
        .collect()
}

#[test]
fn tiny_recipes_write_fluent_text_and_learn_the_concept() {
    tch::set_num_threads(2);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("run");
    let settings = fluent_tiny();
    let options = RunOptions {
        fresh: false,
        progress: false,
        log: None,
        replicates: 1,
    };
    run_until(settings.clone(), &dir, &options, Some("test_set")).unwrap();

    // claim 1: measured 97.0% (module doc); the floor leaves room for another CPU's
    // floating point changing the training run
    let check: GeneratorCheck = read_json(&dir.join(TEST_CHECK_FILE)).unwrap();
    assert_eq!(check.well_formed.n, 3_000, "{check:?}");
    assert!(
        check.well_formed.estimate >= 0.90,
        "well-formed share of the fluent tiny generator: {}",
        check.well_formed
    );
    assert!(
        check.world_words_only as f64 >= 0.95 * 3_000.0,
        "world's words only: {} of 3000",
        check.world_words_only
    );

    // claim 2: the run's masked LM, fine-tuned on the world's own labeled snippets
    let masked_lm = MaskedLmSuggester::load(dir.join(MASKED_LM_DIR), tch::Device::Cpu).unwrap();
    let world = World::new(WorldConfig {
        seed: settings.seed,
        initial_injurious_share: World::share_range().1,
    })
    .unwrap();
    let oracle = InjuryOracle::new().unwrap();
    let mut initial = world.initial_dataset(3_000, &oracle).unwrap();
    initial
        .assign_splits(
            SplitFractions {
                train: 0.9,
                validation: 0.1,
                test: 0.0,
            },
            stream_seed(settings.seed, "initial splits"),
        )
        .unwrap();
    let (classifier, _) = train_classifier_from(
        &masked_lm,
        &initial.split(Split::Train),
        &initial.split(Split::Validation),
        settings.sizes.fine_tune_epochs,
        settings.seed,
        |_| {},
    )
    .unwrap();
    let test = world.in_distribution_test(3_000, &oracle).unwrap();
    let injurious: Vec<bool> = test
        .examples()
        .iter()
        .map(|e| e.label != Label::NonInjurious)
        .collect();
    let p = scores(&classifier, &test);
    let auc = test_auc(&p, &injurious).unwrap().unwrap();
    // measured 0.9929 [0.9592, 0.9999] (module doc)
    assert!(
        auc.estimate >= 0.95,
        "ROC AUC on the world's test snippets: {auc:?}"
    );
    assert!(auc.interval.lower >= 0.9, "{auc:?}");

    let counts =
        ConfusionCounts::from_scores(&p, &injurious, settings.acceptance_threshold).unwrap();
    let effect = FilterEffect::from_counts(&counts).unwrap();
    // measured 4.4% -> 0.49%, 8.9x from 4.1x (module doc): the filter lowers the injury
    // rate beyond doubt (the reduction's interval takes both rates at 97.5%)
    assert!(
        effect.reduction_interval.lower > 1.0,
        "the filter at {}: {effect:?}",
        settings.acceptance_threshold
    );
    assert!(effect.reduction >= 3.0, "{effect:?}");
    eprintln!(
        "fluent tiny generator: well-formed {}, world sentences {}/3000; classifier: ROC AUC {:.4} [{:.4}, {:.4}], injury rate {} unfiltered, {} filtered ({:.1}x, interval from {:.1}x)",
        check.well_formed,
        check.world_sentences,
        auc.estimate,
        auc.interval.lower,
        auc.interval.upper,
        effect.unfiltered,
        effect.filtered,
        effect.reduction,
        effect.reduction_interval.lower
    );
}
