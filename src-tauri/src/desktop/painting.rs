//! How WebKitGTK paints the window, decided once before any thread or webview exists.
//!
//! WebKitGTK 2.46+ paints page tiles with Skia on the GPU through OpenGL. A machine without a
//! DRM render node (`/dev/dri/renderD*`) has no GPU that Mesa can drive, so its OpenGL is llvmpipe,
//! a GPU emulated on the CPU: "GPU" painting is then CPU painting with an emulator's overhead.
//! Measured here (BENCHMARKS.md, Xvfb, WebKitGTK 2.50): the web process holds ~30 MB more that
//! way. So on such machines Skia paints on the CPU (`WEBKIT_SKIA_ENABLE_CPU_RENDERING=1`, read by
//! WebKit's processes at start); compositing stays on, as does everything that depends on it.
//! A value the user already set for that variable is left alone, whichever way it points.
//! Programs the app starts (the browser it opens links in) inherit the variable; on a machine
//! without a GPU that is what a WebKit-based browser would want too.

use std::ffi::OsStr;
use std::path::Path;

/// The variable WebKitGTK reads to paint tiles on the CPU instead of through OpenGL.
pub const CPU_PAINTING_VAR: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Who paints the tiles, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Painting {
    /// A render node is there: WebKit's default, Skia on the GPU.
    Gpu,
    /// No render node: OpenGL would be software, so Skia paints on the CPU.
    CpuNoGpu,
    /// The user set `WEBKIT_SKIA_ENABLE_CPU_RENDERING` themselves.
    AsTheUserSet,
}

/// The choice for a machine whose DRM devices are in `dev_dri`, `user_value` being the
/// variable's value in our environment, if any.
pub fn choose(dev_dri: &Path, user_value: Option<&OsStr>) -> Painting {
    if user_value.is_some() {
        return Painting::AsTheUserSet;
    }
    let has_render_node = std::fs::read_dir(dev_dri)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false);
    if has_render_node {
        Painting::Gpu
    } else {
        Painting::CpuNoGpu
    }
}

/// Makes the choice for this machine and sets WebKit's variable accordingly. Call it while the
/// process has a single thread: changing the environment races with threads that read it.
pub fn apply() -> Painting {
    let painting = choose(Path::new("/dev/dri"), std::env::var_os(CPU_PAINTING_VAR).as_deref());
    if painting == Painting::CpuNoGpu {
        std::env::set_var(CPU_PAINTING_VAR, "1");
    }
    painting
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_dri_folder_means_no_gpu() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(choose(&dir.path().join("dri"), None), Painting::CpuNoGpu);
    }

    #[test]
    fn a_card_without_a_render_node_is_not_enough() {
        // KMS-only devices (a display controller, a virtual VGA) have card0 but no renderD*.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert_eq!(choose(dir.path(), None), Painting::CpuNoGpu);
    }

    #[test]
    fn a_render_node_keeps_gpu_painting() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("card0"), "").unwrap();
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert_eq!(choose(dir.path(), None), Painting::Gpu);
    }

    #[test]
    fn the_users_value_wins_either_way() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(choose(dir.path(), Some(OsStr::new("0"))), Painting::AsTheUserSet);
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert_eq!(choose(dir.path(), Some(OsStr::new("1"))), Painting::AsTheUserSet);
    }
}
