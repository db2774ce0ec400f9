//! One problem found in the question bank, and the list the checker gathers them into. A
//! problem names the file as the author sees it (the checked folder joined with the path
//! inside it), the 1-based line when there is one, and says in Vietnamese what is wrong.

use std::fmt;
use std::path::Path;

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    pub file: String,
    /// `None` when the problem is about the file as a whole (a missing file, say).
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, dòng {line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The problems found so far.
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn at(&mut self, file: &Path, line: usize, message: impl Into<String>) {
        self.push(file, Some(line), message);
    }

    pub fn in_file(&mut self, file: &Path, message: impl Into<String>) {
        self.push(file, None, message);
    }

    pub fn push(&mut self, file: &Path, line: Option<usize>, message: impl Into<String>) {
        self.0.push(Problem {
            file: file.display().to_string(),
            line,
            message: message.into(),
        });
    }

    pub fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        self.0.extend(problems);
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems ordered by file, then line, so a report reads top to bottom.
    pub fn into_sorted(mut self) -> Vec<Problem> {
        self.0
            .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        self.0
    }
}

/// The 1-based line that byte `offset` of `text` is on.
pub fn line_at(text: &str, offset: usize) -> usize {
    1 + text
        .as_bytes()
        .iter()
        .take(offset)
        .filter(|b| **b == b'\n')
        .count()
}
