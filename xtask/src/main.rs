//! `cargo xtask`: the project's commands (matklad's cargo-xtask pattern; the alias lives in
//! `.cargo/config.toml` and builds this in release mode, so the numeric work runs optimised).
//!
//! The flags are declared once, in [`flags`]; each command is a module of its own; `main`
//! parses and dispatches. `cargo xtask --help` and `cargo xtask <command> --help` print the
//! generated help.

mod experiments;
mod flags;
mod limits;
mod mnist;
mod publish;
mod term;
mod train;

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;
use term::note;

fn main() -> ExitCode {
    let code = match parse() {
        Ok(flags) => run(flags),
        Err(e) => clap_error(&e),
    };
    // The results are complete whatever happened to stdout; a failure to write it (other
    // than a reader that closed the pipe) is still a failure of the command.
    match term::stdout_failure() {
        Some(line) if code == ExitCode::SUCCESS => {
            note!("{line}");
            ExitCode::FAILURE
        }
        _ => code,
    }
}

/// Runs the command: its exit code, or 2 with one line on stderr for an error.
fn run(flags: flags::Xtask) -> ExitCode {
    let result = match flags.command {
        flags::Command::Experiments(f) => experiments::run(f),
        flags::Command::Train(f) => train::run(f),
        flags::Command::Mnist(f) => mnist::run(f),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            note!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The command line, with the list of experiments added to the help (it is built from
/// `dlfs_experiments::EXPERIMENTS`, so it cannot be a constant of the declarations).
fn parse() -> Result<flags::Xtask, clap::Error> {
    let mut list = String::from("Experiments:\n");
    for e in dlfs_experiments::EXPERIMENTS {
        list += &format!("  {:<16} {}\n", e.name, e.about);
    }
    let command = flags::Xtask::command()
        .after_help(list.clone())
        .mut_subcommand("experiments", |c| c.after_help(list));
    let matches = command.try_get_matches()?;
    flags::Xtask::from_arg_matches(&matches)
}

/// Help and version go to stdout with exit code 0; a usage error is clap's first line (its
/// `error: …`) on stderr with exit code 2.
fn clap_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            term::say_line(format_args!("{}", e.render().to_string().trim_end()));
            ExitCode::SUCCESS
        }
        _ => {
            let text = e.render().to_string();
            let first = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("error");
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                note!("{}", text.trim_end());
            } else {
                note!("{first}");
            }
            ExitCode::from(2)
        }
    }
}
