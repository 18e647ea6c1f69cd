//! A person labeling at a terminal.

use std::io::{BufRead, Write};
use std::time::Instant;

use crate::error::{LabelsError, Result};
use crate::label::{Judgement, Label};
use crate::labeler::Labeler;
use crate::snippet::Snippet;

/// Shows each snippet and reads the person's answer: `i` (injurious), `n`
/// (non-injurious), `u` (unsure) or `q` (stop). Anything else is asked again. The time
/// from showing the snippet to the answer is recorded in the judgement.
///
/// Generic over its input and output so that it runs on a real terminal
/// (`stdin().lock()`, `stdout()`) and in tests.
pub struct TerminalLabeler<R, W> {
    id: String,
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> TerminalLabeler<R, W> {
    /// A labeler named `id` reading answers from `input` and writing to `output`.
    pub fn new(id: impl Into<String>, input: R, output: W) -> Self {
        TerminalLabeler {
            id: id.into(),
            input,
            output,
        }
    }

    fn ask(&mut self, snippet: &Snippet) -> std::io::Result<Option<(Label, f64)>> {
        let start = Instant::now();
        writeln!(self.output, "\n--- prompt ---\n{}", snippet.prompt.trim())?;
        writeln!(
            self.output,
            "--- completion ---\n{}",
            snippet.completion.trim()
        )?;
        loop {
            write!(
                self.output,
                "Does the completion introduce a new injury? [i]njurious / [n]on-injurious / [u]nsure / [q]uit: "
            )?;
            self.output.flush()?;
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                return Ok(None);
            }
            let label = match line.trim().to_ascii_lowercase().as_str() {
                "i" | "injurious" | "y" | "yes" => Label::Injurious,
                "n" | "non-injurious" | "non_injurious" | "no" => Label::NonInjurious,
                "u" | "unsure" | "?" => Label::Unsure,
                "q" | "quit" => return Ok(None),
                other => {
                    writeln!(self.output, "`{other}` is not an answer.")?;
                    continue;
                }
            };
            return Ok(Some((label, start.elapsed().as_secs_f64())));
        }
    }
}

impl<R: BufRead, W: Write> Labeler for TerminalLabeler<R, W> {
    fn id(&self) -> &str {
        &self.id
    }

    fn label_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<Judgement>> {
        let mut out = Vec::with_capacity(snippets.len());
        for snippet in snippets {
            let answer = self
                .ask(snippet)
                .map_err(|e| LabelsError::io("<terminal>", e))?;
            match answer {
                Some((label, seconds)) => out.push(Judgement {
                    labeler: self.id.clone(),
                    label,
                    seconds: Some(seconds),
                }),
                None => return Err(LabelsError::Stopped { labeled: out.len() }),
            }
        }
        Ok(out)
    }

    fn preferred_batch_size(&self) -> usize {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_answers_and_asks_again_on_nonsense() {
        let input = b"maybe\ni\nN\nu\n" as &[u8];
        let mut out = Vec::new();
        let mut labeler = TerminalLabeler::new("alice", input, &mut out);
        let snippets = vec![
            Snippet::new("p", "a"),
            Snippet::new("p", "b"),
            Snippet::new("p", "c"),
        ];
        let js = labeler.label_batch(&snippets).unwrap();
        let labels: Vec<Label> = js.iter().map(|j| j.label).collect();
        assert_eq!(
            labels,
            [Label::Injurious, Label::NonInjurious, Label::Unsure]
        );
        assert!(
            js.iter()
                .all(|j| j.labeler == "alice" && j.seconds.is_some())
        );
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains("`maybe` is not an answer")
        );
    }

    #[test]
    fn quitting_and_end_of_input_stop() {
        let mut labeler = TerminalLabeler::new("bob", b"i\nq\n" as &[u8], Vec::new());
        let snippets = vec![Snippet::new("p", "a"), Snippet::new("p", "b")];
        match labeler.label_batch(&snippets) {
            Err(LabelsError::Stopped { labeled }) => assert_eq!(labeled, 1),
            other => panic!("expected Stopped, got {other:?}"),
        }
        let mut labeler = TerminalLabeler::new("bob", b"" as &[u8], Vec::new());
        assert!(matches!(
            labeler.label_batch(&snippets),
            Err(LabelsError::Stopped { labeled: 0 })
        ));
    }
}
