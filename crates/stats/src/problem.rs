//! Problems found in a submission, each placed where a rapporteur can find it: the line and column of a file,
//! or the key of a figure entered in a form.

use std::fmt;

/// How serious a problem is: an error blocks submission; a warning asks for a second look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where a problem is: a line and column of a file (1-based, the header is line 1), and the column's name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Place {
    pub line: Option<u64>,
    pub column: Option<u32>,
    /// The column's or form field's name, or the figure's key when it came from no file.
    pub field: Option<String>,
}

impl Place {
    pub fn cell(line: u64, column: u32, field: impl Into<String>) -> Place {
        Place { line: Some(line), column: Some(column), field: Some(field.into()) }
    }

    pub fn line(line: u64) -> Place {
        Place { line: Some(line), column: None, field: None }
    }

    pub fn field(field: impl Into<String>) -> Place {
        Place { line: None, column: None, field: Some(field.into()) }
    }
}

/// One problem, with a message a rapporteur can act on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    pub place: Place,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    pub fn error(place: Place, message: impl Into<String>) -> Problem {
        Problem { place, severity: Severity::Error, message: message.into() }
    }

    pub fn warning(place: Place, message: impl Into<String>) -> Problem {
        Problem { place, severity: Severity::Warning, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `FILE:LINE:COLUMN: message`, as compilers print it, so editors can jump to the place.
    pub fn display_in<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        InFile { file, problem: self }
    }
}

/// `LINE:COLUMN: error: message` (or `field: …` when the problem has no line).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.place.line, self.place.column, &self.place.field) {
            (Some(line), Some(column), _) => write!(f, "{line}:{column}: ")?,
            (Some(line), None, _) => write!(f, "{line}: ")?,
            (None, _, Some(field)) => write!(f, "{field}: ")?,
            (None, _, None) => {}
        }
        write!(f, "{}: {}", self.severity.label(), self.message)
    }
}

struct InFile<'a> {
    file: &'a str,
    problem: &'a Problem,
}

impl fmt::Display for InFile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.problem.place.line.is_some() {
            write!(f, "{}:{}", self.file, self.problem)
        } else {
            write!(f, "{}: {}", self.file, self.problem)
        }
    }
}

/// Sorts problems by place, errors before warnings at the same place.
pub fn sort(problems: &mut [Problem]) {
    problems.sort_by(|a, b| {
        (a.place.line.unwrap_or(u64::MAX), a.place.column, a.severity, &a.message).cmp(&(
            b.place.line.unwrap_or(u64::MAX),
            b.place.column,
            b.severity,
            &b.message,
        ))
    });
}
