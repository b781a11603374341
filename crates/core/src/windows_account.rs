//! The Windows account this process runs as, read from its access token (not from the
//! `USERNAME` variable, which the person can set to anything), and whether a process runs.
//!
//! API: `OpenProcessToken` + `GetTokenInformation(TokenUser)` for the account's SID,
//! `LookupAccountSidW` for its name; `OpenProcess` + `GetExitCodeProcess` for a process.
//! Tested under Wine by scripts/test-windows.sh (here, and `auth::setup`'s test of the
//! `os:` login with a forged `USERNAME`).

use std::io;
use windows_sys::Win32::Foundation::{CloseHandle, ERROR_ACCESS_DENIED, HANDLE, STILL_ACTIVE};
use windows_sys::Win32::Security::{
    GetTokenInformation, LookupAccountSidW, TokenUser, PSID, SID_NAME_USE, TOKEN_QUERY, TOKEN_USER,
};
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, GetExitCodeProcess, OpenProcess, OpenProcessToken, PROCESS_QUERY_LIMITED_INFORMATION,
};

/// The process token's `TOKEN_USER`, kept in the buffer Windows filled: its SID points into it.
struct TokenUserBuf(Vec<u64>);

impl TokenUserBuf {
    fn read() -> io::Result<Self> {
        let mut token: HANDLE = std::ptr::null_mut();
        // SAFETY: GetCurrentProcess returns a pseudo-handle that needs no closing; `token` is
        // ours to receive the opened handle.
        if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let mut len = 0u32;
        // SAFETY: a size query (null buffer, length 0); `token` is open until closed below.
        unsafe { GetTokenInformation(token, TokenUser, std::ptr::null_mut(), 0, &mut len) };
        // u64s: TOKEN_USER holds pointers and must be aligned for them.
        let mut buf = vec![0u64; (len as usize).div_ceil(8).max(1)];
        // SAFETY: `buf` is at least `len` bytes and outlives the call.
        let ok = unsafe { GetTokenInformation(token, TokenUser, buf.as_mut_ptr().cast(), len, &mut len) };
        let err = io::Error::last_os_error();
        // SAFETY: `token` was opened above and is closed once.
        unsafe { CloseHandle(token) };
        if ok == 0 {
            return Err(err);
        }
        Ok(TokenUserBuf(buf))
    }

    fn sid(&self) -> PSID {
        // SAFETY: GetTokenInformation(TokenUser) filled the buffer with a TOKEN_USER.
        unsafe { (*self.0.as_ptr().cast::<TOKEN_USER>()).User.Sid }
    }
}

/// The account's name (`jdoe`, without its domain), `None` if Windows cannot say.
pub fn account_name() -> Option<String> {
    let user = TokenUserBuf::read().ok()?;
    let (mut name_len, mut domain_len) = (0u32, 0u32);
    let mut kind: SID_NAME_USE = 0;
    // SAFETY: a size query; the SID is valid while `user` lives.
    unsafe {
        LookupAccountSidW(
            std::ptr::null(),
            user.sid(),
            std::ptr::null_mut(),
            &mut name_len,
            std::ptr::null_mut(),
            &mut domain_len,
            &mut kind,
        )
    };
    let mut name = vec![0u16; name_len.max(1) as usize];
    let mut domain = vec![0u16; domain_len.max(1) as usize];
    // SAFETY: both buffers are as long as the lengths say.
    let ok = unsafe {
        LookupAccountSidW(
            std::ptr::null(),
            user.sid(),
            name.as_mut_ptr(),
            &mut name_len,
            domain.as_mut_ptr(),
            &mut domain_len,
            &mut kind,
        )
    };
    if ok == 0 {
        return None;
    }
    // On success the length excludes the terminating NUL.
    Some(String::from_utf16_lossy(&name[..name_len as usize])).filter(|n| !n.is_empty())
}

/// Whether a process with this id runs: it can be opened and has not exited.
pub fn process_is_alive(pid: u32) -> bool {
    // SAFETY: OpenProcess returns null or a handle that is closed once below.
    let handle = unsafe { OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) };
    if handle.is_null() {
        // A process of another account is not ours to open, but it runs.
        return io::Error::last_os_error().raw_os_error() == Some(ERROR_ACCESS_DENIED as i32);
    }
    let mut code = 0u32;
    // SAFETY: `handle` is open; `code` is ours.
    let ok = unsafe { GetExitCodeProcess(handle, &mut code) };
    // SAFETY: opened above, closed once.
    unsafe { CloseHandle(handle) };
    ok == 0 || code == STILL_ACTIVE as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_runs_and_a_made_up_one_does_not() {
        assert!(process_is_alive(std::process::id()));
        assert!(!process_is_alive(4_194_303));
        let child = std::process::Command::new(std::env::current_exe().expect("exe"))
            .arg("--list")
            .output()
            .expect("a child that ends");
        assert!(child.status.success());
    }
}
