//! Judges one snippet from the command line and prints the oracle's reasons — handy for
//! checking what the definition says about a sentence.
//!
//! `cargo run --release -p storyworld --example judge -- [PROMPT] COMPLETION`

use labels::Snippet;
use storyworld::InjuryOracle;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (prompt, completion) = match args.as_slice() {
        [completion] => (String::new(), completion.clone()),
        [prompt, completion] => (prompt.clone(), completion.clone()),
        _ => return Err("usage: judge [PROMPT] COMPLETION".into()),
    };
    let oracle = InjuryOracle::new()?;
    let verdict = oracle.judge(&Snippet::new(prompt, completion))?;
    println!(
        "{} (egregiousness {})",
        verdict.label, verdict.egregiousness
    );
    for reason in &verdict.reasons {
        println!("  {reason}");
    }
    Ok(())
}
