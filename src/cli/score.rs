//! `highstakes score`: P(injurious) for every line of a JSONL file, with the raw logits and
//! optionally per-token and per-word saliency.
//!
//! An input line is a snippet `{"prompt": …, "completion": …}` (encoded as the sequence
//! pair `[CLS] prompt [SEP] completion [SEP]`, exactly as in training and attacks) or a
//! plain `{"text": …}` (`[CLS] text [SEP]`); other keys are ignored, blank lines skipped.
//! Output: one JSON line per input, in input order.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;

use classifier::{
    BatchOptions, ClassifierError, InjuriousnessClassifier, ModelInput, parse_device,
};

use super::error::CliError;
use super::output::StdoutError;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Model directory: config.json, model.safetensors (or pytorch_model.bin converted by
    /// python/convert_deberta_checkpoint.py), tokenizer.json or spm.model.
    #[arg(long)]
    model: PathBuf,
    /// JSONL inputs (`-` for standard input).
    #[arg(long)]
    input: PathBuf,
    /// Add per-token and per-word saliency (gradient norms w.r.t. token embeddings).
    #[arg(long)]
    saliency: bool,
    /// cpu, cuda, cuda:N, or auto (the GPU when libtorch sees one).
    #[arg(long, default_value = "auto")]
    device: String,
    /// Most inputs per forward pass.
    #[arg(long, default_value_t = 32)]
    batch_size: usize,
    /// Most padded tokens per forward pass.
    #[arg(long, default_value_t = 8192)]
    max_batch_tokens: usize,
    /// Token limit of an input (default: the model's max_position_embeddings); longer
    /// prompts lose their start, completions are never cut.
    #[arg(long)]
    max_length: Option<usize>,
}

/// The longest input line `score` reads: a snippet at both of its size limits
/// ([`labels::MAX_PROMPT_CHARS`], [`labels::MAX_COMPLETION_CHARS`]) with every character
/// escaped fits with room to spare. A longer line is refused before it is held in memory.
const MAX_LINE_BYTES: usize = 2 * 1024 * 1024;

/// Reads the inputs: `(line number, input)` per non-blank line. A line longer than
/// [`MAX_LINE_BYTES`], or a prompt, completion or text over a snippet's size limits, is an
/// error naming the file and line.
fn read_inputs(path: &PathBuf) -> Result<Vec<(usize, ModelInput)>, CliError> {
    let mut reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Box::new(BufReader::new(file))
    };
    let mut out = Vec::new();
    let mut bytes = Vec::new();
    for number in 1.. {
        let at = |m: String| format!("{}:{number}: {m}", path.display());
        bytes.clear();
        let read = (&mut reader)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut bytes)
            .map_err(|e| at(e.to_string()))?;
        if read == 0 {
            break;
        }
        if bytes.len() > MAX_LINE_BYTES && bytes.last() != Some(&b'\n') {
            return Err(at(format!(
                "the line is longer than {MAX_LINE_BYTES} bytes (a snippet's prompt may have at most {} characters and its completion {})",
                labels::MAX_PROMPT_CHARS,
                labels::MAX_COMPLETION_CHARS
            ))
            .into());
        }
        let line = std::str::from_utf8(&bytes).map_err(|e| at(format!("not UTF-8: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| at(format!("not JSON: {e}")))?;
        let field = |k: &str| value.get(k).and_then(|v| v.as_str());
        let input = match (field("prompt"), field("completion"), field("text")) {
            (p, Some(c), _) => {
                // checked as the snippet it is, then handed over without a second copy
                let snippet = labels::Snippet::new(p.unwrap_or(""), c);
                snippet.validate().map_err(|e| at(e.to_string()))?;
                ModelInput::Snippet(snippet)
            }
            (_, None, Some(t)) => {
                let limit = labels::MAX_PROMPT_CHARS + labels::MAX_COMPLETION_CHARS;
                let chars = t.chars().count();
                if chars > limit {
                    return Err(at(format!(
                        "the text has {chars} characters, more than the {limit} an input may have"
                    ))
                    .into());
                }
                ModelInput::text(t)
            }
            _ => {
                return Err(at(
                    "expected {\"prompt\", \"completion\"} or {\"text\"} string fields".into(),
                )
                .into());
            }
        };
        out.push((number, input));
    }
    Ok(out)
}

pub fn run(args: Args) -> Result<(), CliError> {
    let device = parse_device(&args.device)?;
    let mut clf = InjuriousnessClassifier::load(&args.model, device)?;
    if let Some(n) = args.max_length {
        clf.set_max_length(n)?;
    }
    let options = BatchOptions {
        max_batch_size: args.batch_size,
        max_batch_tokens: args.max_batch_tokens,
    };
    let lines = read_inputs(&args.input)?;
    let inputs: Vec<ModelInput> = lines.iter().map(|(_, i)| i.clone()).collect();
    // an error about one input names its line of the file
    let at_line = |e: ClassifierError| -> CliError {
        match e {
            ClassifierError::Input { index, message } => {
                let line = lines.get(index).map_or(0, |(l, _)| *l);
                format!("{}:{line}: {message}", args.input.display()).into()
            }
            other => other.into(),
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.saliency {
        let results = clf.saliency_batch(&inputs, &options).map_err(at_line)?;
        for ((line, _), r) in lines.iter().zip(results) {
            let record = serde_json::json!({
                "line": line,
                "logits": r.score.logits,
                "p_injurious": r.score.p_injurious,
                "tokens": r.score.tokens,
                "truncated_tokens": r.score.truncated_tokens,
                "saliency": { "tokens": r.tokens, "words": r.words },
            });
            writeln!(out, "{record}").map_err(StdoutError)?;
        }
    } else {
        let scores = clf.score_batch(&inputs, &options).map_err(at_line)?;
        for ((line, _), s) in lines.iter().zip(scores) {
            let record = serde_json::json!({
                "line": line,
                "logits": s.logits,
                "p_injurious": s.p_injurious,
                "tokens": s.tokens,
                "truncated_tokens": s.truncated_tokens,
            });
            writeln!(out, "{record}").map_err(StdoutError)?;
        }
    }
    out.flush().map_err(StdoutError)?;
    Ok(())
}
