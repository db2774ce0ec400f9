//! The `hocdvc` binary: everything is in the library; this only hands the command line over.

fn main() -> std::process::ExitCode {
    hocdvc::cli::main()
}
