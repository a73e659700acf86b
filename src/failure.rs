//! How a command fails, sorted by the exit code it gives: every layer that can fail on
//! the user's input returns a [`Failure`], and [`crate::cli`] prints it once.

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code for any failure that is not bad input.
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for bad input: usage, an unreadable or invalid scenario.
pub const EXIT_BAD_INPUT: i32 = 2;

/// A failure, sorted by exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad input; the text is already formatted (with file, line and column where
    /// there is one). Exit code 2: the user can fix it.
    BadInput(String),
    /// Anything else (a full disk, a folder that cannot be written). Exit code 1.
    Other(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

impl Failure {
    /// The exit code this failure gives.
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::BadInput(_) => EXIT_BAD_INPUT,
            Failure::Other(_) => EXIT_FAILURE,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::BadInput(text) => f.write_str(text.trim_end()),
            Failure::Other(e) => write!(f, "{e:#}"),
        }
    }
}

impl std::error::Error for Failure {}
