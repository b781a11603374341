//! `workstation-window`: the desktop window (Tauri, WebKitGTK). `workstation` hands over to it
//! when no command is given; see `cli::window`.

fn main() {
    std::process::exit(workstation::desktop::main());
}
