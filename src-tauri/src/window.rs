//! `workstation-window`: the desktop window (Tauri, WebKitGTK). `workstation` hands over to it
//! when no command is given; see `cli::window`.
//!
//! On Windows a GUI-subsystem program: started from Explorer, a shortcut or a deep link, no
//! console window opens beside it (the command line, `workstation`, stays a console program).
//! Started by `workstation`, it writes to the handles it inherits, as on the other systems.
#![windows_subsystem = "windows"]

fn main() {
    std::process::exit(workstation::desktop::main());
}
