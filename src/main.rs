fn main() {
    std::process::exit(regsim::cli::main());
}
