fn main() {
    restore_sigpipe();
    std::process::exit(regsim::cli::main());
}

/// Rust ignores SIGPIPE, so printing into a closed pipe (`regsim explain ... | head`)
/// would panic; restoring the default ends the process quietly instead, as other
/// command-line tools do.
#[cfg(unix)]
fn restore_sigpipe() {
    // SAFETY: called first thing in main, before any other thread exists; it only
    // resets the disposition of one signal to the system default.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_sigpipe() {}
