//! Per-input error lines, the end-of-run summary, progress bars and exit codes.

use std::io::IsTerminal;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rasid::ingest::IngestError;

/// How a run ended; the numeric value is the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every input was read.
    Ok = 0,
    /// Some inputs failed; the rest were processed.
    SomeFailed = 1,
    /// Bad flags or arguments.
    Usage = 2,
    /// Storage failed: a file, the index, its catalogue or the stories store
    /// could not be read or written (I/O error, full disk, read-only storage,
    /// an index locked by another writer).
    Storage = 3,
}

/// The exit status for a runtime error: [`Outcome::Storage`] when storage
/// failed, [`Outcome::Usage`] otherwise (what was asked for cannot be done as
/// asked: a missing index, a malformed query, an unknown id).
pub fn exit_for(err: &anyhow::Error) -> Outcome {
    use rasid::export::ExportError;
    use rasid::{IndexError, StoriesError};
    fn index(e: &IndexError) -> Outcome {
        if e.is_storage() {
            Outcome::Storage
        } else {
            Outcome::Usage
        }
    }
    fn stories(e: &StoriesError) -> Outcome {
        match e {
            StoriesError::Store { .. } | StoriesError::BadStore { .. } => Outcome::Storage,
            StoriesError::Index(e) => index(e),
            _ => Outcome::Usage,
        }
    }
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<rasid::Error>() {
            return match e {
                rasid::Error::Index(e) => index(e),
                rasid::Error::Stories(e) => stories(e),
                _ => Outcome::Usage,
            };
        }
        if let Some(e) = cause.downcast_ref::<IndexError>() {
            return index(e);
        }
        if let Some(e) = cause.downcast_ref::<StoriesError>() {
            return stories(e);
        }
        if let Some(e) = cause.downcast_ref::<ExportError>() {
            return match e {
                ExportError::Index(e) => index(e),
                ExportError::Stories(e) => stories(e),
                ExportError::Io { .. } | ExportError::Parquet { .. } => Outcome::Storage,
                _ => Outcome::Usage,
            };
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            // A file named on the command line that is not there is the caller's to fix.
            return if io.kind() == std::io::ErrorKind::NotFound {
                Outcome::Usage
            } else {
                Outcome::Storage
            };
        }
    }
    Outcome::Usage
}

/// The error as one line, each cause once: `{err:#}` repeats a cause that
/// the message above it already quotes (`catalogue: disk full: disk full`).
pub fn error_line(err: &anyhow::Error) -> String {
    let mut line = err.to_string();
    for cause in err.chain().skip(1) {
        let text = cause.to_string();
        if !text.is_empty() && !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
    }
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        ExitCode::from(outcome as u8)
    }
}

/// Counts of what a run did with its inputs.
#[derive(Debug, Default)]
pub struct Tally {
    /// Files opened.
    pub files: u64,
    /// Articles read and processed.
    pub ok: u64,
    /// Inputs left out on purpose (empty or binary files, unknown formats).
    pub skipped: u64,
    /// Inputs or records that could not be read.
    pub failed: u64,
    /// Articles read with a warning.
    pub warned: u64,
}

impl Tally {
    /// Reports an ingest error on standard error and counts it.
    pub fn error(&mut self, progress: &ProgressBar, err: &IngestError) {
        let level = if err.is_skip() {
            self.skipped += 1;
            "skipped"
        } else {
            self.failed += 1;
            "error"
        };
        progress.suspend(|| eprintln!("rasid: {level}: {err}"));
    }

    /// Reports an article's reading warnings on standard error.
    pub fn warnings(&mut self, progress: &ProgressBar, origin: &str, warnings: &[String]) {
        if warnings.is_empty() {
            return;
        }
        self.warned += 1;
        progress.suspend(|| {
            for warning in warnings {
                eprintln!("rasid: warning: {origin}: {warning}");
            }
        });
    }

    /// The one-line summary printed at the end of a run.
    pub fn summary(&self) -> String {
        format!(
            "rasid: {} file{} read: {} article{} ok, {} skipped, {} failed{}",
            self.files,
            if self.files == 1 { "" } else { "s" },
            self.ok,
            if self.ok == 1 { "" } else { "s" },
            self.skipped,
            self.failed,
            if self.warned > 0 {
                format!(" ({} with warnings)", self.warned)
            } else {
                String::new()
            },
        )
    }

    /// The exit status this tally calls for.
    pub fn outcome(&self) -> Outcome {
        if self.failed > 0 {
            Outcome::SomeFailed
        } else {
            Outcome::Ok
        }
    }
}

/// A progress bar over `files` inputs, drawn only when standard error is a
/// terminal and there is more than one input.
pub fn progress(files: u64) -> ProgressBar {
    if files < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files, {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// True when the error is a write to a closed pipe (`rasid … | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Where an article came from: `file:line 3`, `file:record 2` or `file`.
pub fn origin_label(article: &rasid::core::Article) -> String {
    let origin = &article.origin;
    match (origin.line, origin.record) {
        (Some(line), _) => format!("{}:line {line}", origin.path),
        (None, Some(record)) => format!("{}:record {record}", origin.path),
        (None, None) => origin.path.clone(),
    }
}

/// `value (count), value (count), …` for a facet, its first `limit` values.
pub fn facet_line(values: &[(String, u64)], limit: usize) -> String {
    values
        .iter()
        .take(limit)
        .map(|(value, count)| format!("{value} ({count})"))
        .collect::<Vec<_>>()
        .join(", ")
}
