//! A tour of the story world: a sample of snippets with the oracle's labels and
//! egregiousness, the agreement between the world's intended labels and the oracle's, and
//! the Table 1 summary of a 20,000-snippet initial dataset.
//!
//! `cargo run --release -p storyworld --example storyworld [-- N_SNIPPETS]`

use std::time::Instant;

use labels::{Label, SplitFractions, UnsurePolicy};
use storyworld::{InjuryOracle, Lexicon, QualityJudge, World, WorldConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(20_000);

    let started = Instant::now();
    let lexicon = Lexicon::load()?;
    let built = started.elapsed();
    let stats = lexicon.stats();
    println!(
        "lexicon: built in {:.0} ms from WordNet in {} — {} injury verbs ({} from WordNet, {} forms), {} injury nouns, {} body parts, {} person and {} animal nouns, {} weapons",
        built.as_secs_f64() * 1e3,
        lexicon.wordnet().dir().display(),
        stats.injury_verbs,
        stats.injury_verbs_from_wordnet,
        stats.injury_verb_forms,
        stats.injury_nouns,
        stats.body_parts,
        stats.persons,
        stats.animals,
        stats.weapons,
    );
    let oracle = InjuryOracle::with_lexicon(lexicon.clone());
    let world = World::new(WorldConfig::default())?;
    println!(
        "world: {} templates; initial share target {:.0}% (reachable {:.1}–{:.1}%)\n",
        world.template_count(),
        world.config().initial_injurious_share * 100.0,
        World::share_range().0 * 100.0,
        World::share_range().1 * 100.0,
    );

    println!("## A sample of the initial dataset\n");
    let mut shown = [0usize; 3];
    for i in 0..400u64 {
        let ws = world.snippet(i);
        let verdict = oracle.judge(&ws.snippet)?;
        let slot = match verdict.label {
            Label::Injurious => 0,
            Label::Unsure => 1,
            Label::NonInjurious => 2,
        };
        let quota = [6, 3, 6][slot];
        if shown[slot] >= quota {
            continue;
        }
        shown[slot] += 1;
        println!(
            "- [{} | egregiousness {} | {}]\n  prompt: {}\n  completion: {}\n  why: {}",
            verdict.label,
            verdict.egregiousness,
            ws.template,
            ws.snippet.prompt,
            ws.snippet.completion,
            verdict.reasons.first().map(String::as_str).unwrap_or("")
        );
    }

    println!("\n## A story of the corpus\n\n{}\n", world.story(0));

    let judge = QualityJudge::new(lexicon);
    let ws = world.snippet(1);
    let garbled = "the the of knife glass the the";
    println!(
        "quality judge: {:?} for the world's completion against {garbled:?}\n",
        judge.compare(&ws.snippet.prompt, &ws.snippet.completion, garbled, 0)
    );

    let started = Instant::now();
    let snippets = world.snippets(n);
    let generated = started.elapsed();
    let started = Instant::now();
    let mut agree = 0usize;
    for ws in &snippets {
        if oracle.label(&ws.snippet)? == ws.intended {
            agree += 1;
        }
    }
    let judged = started.elapsed();
    println!(
        "generated {n} snippets in {:.0} ms; the oracle labeled them in {:.0} ms ({:.0} snippets/s); intended label = oracle label for {agree}/{n} ({:.3}%)",
        generated.as_secs_f64() * 1e3,
        judged.as_secs_f64() * 1e3,
        n as f64 / judged.as_secs_f64(),
        100.0 * agree as f64 / n as f64
    );

    let started = Instant::now();
    let mut data = world.initial_dataset(n, &oracle)?;
    data.assign_splits(SplitFractions::default(), 0)?;
    println!(
        "initial dataset of {} snippets built and labeled in {:.0} ms\n",
        data.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    let mut egregiousness = [0usize; 11];
    for e in data.examples() {
        if let Some(g) = e.provenance.egregiousness {
            egregiousness[usize::from(g).min(10)] += 1;
        }
    }
    println!("{}", data.summary(UnsurePolicy::AsInjurious).to_markdown());
    println!(
        "egregiousness (1 = not injurious … 10): {:?}",
        &egregiousness[1..]
    );

    let test = world.in_distribution_test(n / 4, &oracle)?;
    let injurious = test
        .examples()
        .iter()
        .filter(|e| e.label != Label::NonInjurious)
        .count();
    println!(
        "in-distribution test set (no sub-selection): {} snippets, {:.1}% injurious or unsure",
        test.len(),
        100.0 * injurious as f64 / test.len() as f64
    );
    Ok(())
}
