//! The report as Markdown: its opening paragraph, the generator's check, the sections in
//! order, and the stages with their times.

use std::fmt::Write as _;

use metrics::format_percent;

use super::cells::minutes;
use super::figure_sections::{figure2, figure3};
use super::tables::{speedup, table1, table2};
use crate::fluency::GeneratorCheck;
use crate::report::language;
use crate::report::replicates;
use crate::report::results::Results;
use crate::run_dir::StageRecord;

/// The report as Markdown.
pub fn render(r: &Results) -> String {
    let mut s = preamble(r);
    s.push_str(&replicates::render(&r.replicates, &r.claims));
    s.push_str(&generator_check(&r.generator));
    s.push_str(&table1(&r.table1));
    s.push_str(&language::render(&r.adversarial_language));
    s.push_str(&table2(&r.table2, r.settings.acceptance_threshold));
    s.push_str(&figure2(&r.figure2));
    s.push_str(&figure3(&r.figure3, r.settings.acceptance_threshold));
    s.push_str(&speedup(&r.tools_speedup));
    s.push_str(&stages(&r.stages));
    s
}

/// The report's opening paragraph: scale, settings, time, machine.
pub fn preamble(r: &Results) -> String {
    let mut s = String::new();
    let sizes = &r.settings.sizes;
    let _ = writeln!(
        s,
        "# Adversarial training for high-stakes reliability: a reproduction\n\n\
         Scale `{}`, seed {}, acceptance threshold {}, quality floor {}. {} stages in {} on \
         {} ({} CPUs, {} libtorch threads, {}). Every rate is k/n with its 95% Beta(1,1) \
         credible interval; effort and ratios carry 95% percentile-bootstrap intervals over \
         seeds. The paper's numbers are beside ours where it gives them: its scale (people, \
         a 2.7B-parameter generator, a 304M-parameter classifier, 166,210 initial snippets) \
         is not ours (a story world, a {}-layer GPT-Neo and a {}-layer DeBERTa of width {} \
         trained here, {} initial snippets), so the shapes are comparable, the sizes are not.\n",
        r.settings.scale,
        r.settings.seed,
        r.settings.acceptance_threshold,
        r.settings.quality_floor,
        r.stages.len(),
        minutes(r.total_seconds),
        r.machine.cpu,
        r.machine.cpus,
        r.machine.torch_threads,
        r.machine.device,
        4,
        sizes.deberta_layers,
        sizes.deberta_hidden,
        sizes.initial_snippets,
    );

    s
}

/// How the generator writes, beside the world's own completions of the same prompts.
pub fn generator_check(checks: &[GeneratorCheck]) -> String {
    let mut s = String::new();
    if checks.is_empty() {
        return s;
    }
    let _ = writeln!(
        s,
        "## The generator: the world's language, and how often it injures
"
    );
    let _ = writeln!(
        s,
        "Every completion the generator wrote for the dataset's prompts (empty ones included) is \
         **well-formed** when all its words are words the story world writes and it is one whole \
         sentence (a capital first, a full stop, `!` or `?` last, balanced quotes). Stricter, a \
         **world sentence** is word for word, up to the characters' names, a sentence of a \
         reference sample of the world (20,000 stories and 40,000 snippets); the world's own \
         completions beyond that sample pass it at the rate shown in brackets. The injurious \
         share is the labeled dataset's, beside the oracle's labels of the world's own \
         completions of the same prompts. A completion without a word (the generator ended \
         the text at once) is drawn again, up to 3 times, as the pipeline's sampling does \
         everywhere; the table counts each prompt's final completion, and how many were \
         drawn again.\n"
    );
    let _ = writeln!(
        s,
        "| dataset | well-formed | world's words only | one sentence | world sentence (the world's own) | drawn again | injurious: generator | injurious: the world's own |\n|---|---|---|---|---|---|---|---|"
    );
    for c in checks {
        let n = c.well_formed.n;
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} ({}) | {} | {} | {} |",
            c.dataset,
            c.well_formed,
            format_percent(c.world_words_only as f64 / n as f64),
            format_percent(c.one_sentence as f64 / n as f64),
            format_percent(c.world_sentences as f64 / n as f64),
            c.world_sentence_coverage
                .map_or("—".to_string(), |r| format_percent(r.estimate)),
            c.redrawn,
            c.generator_injurious,
            c.world_injurious
        );
    }
    for c in checks.iter().filter(|c| !c.not_well_formed.is_empty()) {
        let _ = writeln!(
            s,
            "\nFirst completions of the {} dataset that are not well-formed: {}.",
            c.dataset,
            c.not_well_formed.join("; ")
        );
    }
    s.push('\n');
    s
}

/// The stages with their times and summaries.
pub fn stages(records: &[StageRecord]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n## Stages\n\n| stage | time | summary |\n|---|---|---|"
    );
    for st in records {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            st.name,
            minutes(st.seconds),
            st.summary
        );
    }
    let _ = writeln!(
        s,
        "\nEverything above is in `results.json`; the labeled data is in `data/` (JSONL), the \
         attacks' full records in `rounds/` and `eval/attacks/`, the models in `models/`."
    );
    s
}
