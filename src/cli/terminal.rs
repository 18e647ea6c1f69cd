//! Standard input shared by several people-facing parts at once (the labelers of a panel,
//! an attacker and a labeler): each reads one line at a time through the process's one
//! buffered stdin, so none holds the lock or reads ahead of its own answer.

use std::io::{BufRead, Read};

/// A line-at-a-time reader of standard input.
#[derive(Debug, Default)]
pub struct StdinLines {
    line: Vec<u8>,
    pos: usize,
}

impl Read for StdinLines {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for StdinLines {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos >= self.line.len() {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            self.line = line.into_bytes();
            self.pos = 0;
        }
        Ok(&self.line[self.pos..])
    }

    fn consume(&mut self, amount: usize) {
        self.pos = (self.pos + amount).min(self.line.len());
    }
}
