fn main() {
    std::process::exit(workstation::cli::main());
}
