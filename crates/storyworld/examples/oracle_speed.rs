//! How fast the injury oracle labels snippets: the world's first `n` snippets of its
//! initial stream (default 20,000), judged once to warm up and once timed, on one thread.
//!
//! `cargo run --release -p storyworld --example oracle_speed -- 20000`

use std::time::Instant;

use storyworld::{InjuryOracle, World, WorldConfig};

fn main() -> storyworld::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let oracle = InjuryOracle::new()?;
    let world = World::new(WorldConfig::default())?;
    let snippets: Vec<_> = world.snippets(n).into_iter().map(|w| w.snippet).collect();
    for s in snippets.iter().take(1_000) {
        oracle.judge(s)?;
    }
    let start = Instant::now();
    let mut injurious = 0usize;
    for s in &snippets {
        injurious += usize::from(oracle.judge(s)?.label != labels::Label::NonInjurious);
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{n} snippets in {seconds:.2} s: {:.0} snippets/s ({injurious} injurious or unsure)",
        n as f64 / seconds
    );
    Ok(())
}
