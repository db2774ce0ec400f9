//! The `hocdvc` binary: everything is in the library; this only hands the command line over,
//! and chooses the allocator.

/// mimalloc instead of glibc's malloc: an exam minute allocates from many threads at once
/// (HTTP workers, the blocking pool, SQLite), where glibc's arenas spent about a tenth of the
/// server's time in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    hocdvc::cli::main()
}
