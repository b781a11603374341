//! The Windows account this process runs as, read from its access token (not from the
//! `USERNAME` variable, which the person can set to anything), and a folder made private to it.
//!
//! API: `OpenProcessToken` + `GetTokenInformation(TokenUser)` for the account's SID,
//! `LookupAccountSidW` for its name; `SetNamedSecurityInfoW` with a protected DACL for the
//! folder (learn.microsoft.com/windows/win32/secauthz/modifying-the-acls-of-an-object-in-c--).
//! Tested under Wine by scripts/test-windows.sh.

use std::io;
use std::os::windows::ffi::OsStrExt;
use std::path::Path;
use windows_sys::Win32::Foundation::{CloseHandle, LocalFree, ERROR_SUCCESS, HANDLE};
use windows_sys::Win32::Security::Authorization::{GetNamedSecurityInfoW, SetNamedSecurityInfoW, SE_FILE_OBJECT};
use windows_sys::Win32::Security::{
    AclSizeInformation, AddAccessAllowedAceEx, EqualSid, GetAce, GetAclInformation, GetLengthSid,
    GetSecurityDescriptorControl, GetTokenInformation, InitializeAcl, LookupAccountSidW, TokenUser, ACCESS_ALLOWED_ACE,
    ACE_HEADER, ACL, ACL_REVISION, ACL_SIZE_INFORMATION, CONTAINER_INHERIT_ACE, DACL_SECURITY_INFORMATION,
    OBJECT_INHERIT_ACE, PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, PSID, SE_DACL_PROTECTED,
    SID_NAME_USE, TOKEN_QUERY, TOKEN_USER,
};
use windows_sys::Win32::Storage::FileSystem::FILE_ALL_ACCESS;
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

/// `ACCESS_ALLOWED_ACE_TYPE` (winnt.h); windows-sys names it in another module's feature.
const ACCESS_ALLOWED: u8 = 0;

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

fn wide(path: &Path) -> Vec<u16> {
    path.as_os_str().encode_wide().chain(Some(0)).collect()
}

/// Gives `dir` a DACL of one entry, full control for this account, inherited by what is made
/// in it, and protected from the parent's entries (which on a per-user folder name SYSTEM and
/// the Administrators too, and anywhere else may name everyone).
pub fn make_private(dir: &Path) -> io::Result<()> {
    let user = TokenUserBuf::read()?;
    // SAFETY: the SID is valid while `user` lives.
    let sid_len = unsafe { GetLengthSid(user.sid()) };
    // An ACL header, one ACCESS_ALLOWED_ACE whose SidStart u32 is replaced by the SID.
    let size = std::mem::size_of::<ACL>() + std::mem::size_of::<ACCESS_ALLOWED_ACE>() + sid_len as usize;
    let mut acl = vec![0u64; size.div_ceil(8)];
    let acl_ptr = acl.as_mut_ptr().cast::<ACL>();
    // SAFETY: `acl` is `size` bytes, aligned, and outlives every use of `acl_ptr`.
    unsafe {
        if InitializeAcl(acl_ptr, size as u32, ACL_REVISION) == 0
            || AddAccessAllowedAceEx(
                acl_ptr,
                ACL_REVISION,
                CONTAINER_INHERIT_ACE | OBJECT_INHERIT_ACE,
                FILE_ALL_ACCESS,
                user.sid(),
            ) == 0
        {
            return Err(io::Error::last_os_error());
        }
    }
    let path = wide(dir);
    // SAFETY: `path` is NUL-terminated; the ACL is valid; owner, group and SACL are untouched.
    let rc = unsafe {
        SetNamedSecurityInfoW(
            path.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            acl_ptr,
            std::ptr::null(),
        )
    };
    if rc != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(rc as i32));
    }
    Ok(())
}

/// Whether `dir`'s DACL, as Windows reads it back, is protected and lets in this account alone.
pub fn is_private(dir: &Path) -> io::Result<bool> {
    let user = TokenUserBuf::read()?;
    let path = wide(dir);
    let mut dacl: *mut ACL = std::ptr::null_mut();
    let mut sd: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
    // SAFETY: out-pointers to our locals; `sd` is freed with LocalFree below.
    let rc = unsafe {
        GetNamedSecurityInfoW(
            path.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &mut dacl,
            std::ptr::null_mut(),
            &mut sd,
        )
    };
    if rc != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(rc as i32));
    }
    // SAFETY: `sd` and `dacl` (which points into it) are valid until the LocalFree.
    let private = unsafe { dacl_is_only(sd, dacl, user.sid()) };
    // SAFETY: `sd` was allocated by GetNamedSecurityInfoW and is freed once.
    unsafe { LocalFree(sd) };
    Ok(private)
}

/// # Safety
/// `sd` and `dacl` as GetNamedSecurityInfoW returned them; `sid` a valid SID.
unsafe fn dacl_is_only(sd: PSECURITY_DESCRIPTOR, dacl: *mut ACL, sid: PSID) -> bool {
    let (mut control, mut revision) = (0u16, 0u32);
    if dacl.is_null() || GetSecurityDescriptorControl(sd, &mut control, &mut revision) == 0 {
        return false; // a null DACL lets everyone in
    }
    let mut info: ACL_SIZE_INFORMATION = std::mem::zeroed();
    let info_len = std::mem::size_of::<ACL_SIZE_INFORMATION>() as u32;
    if GetAclInformation(
        dacl,
        (&mut info as *mut ACL_SIZE_INFORMATION).cast(),
        info_len,
        AclSizeInformation,
    ) == 0
    {
        return false;
    }
    let mut ours = 0;
    for i in 0..info.AceCount {
        let mut ace: *mut core::ffi::c_void = std::ptr::null_mut();
        if GetAce(dacl, i, &mut ace) == 0 {
            return false;
        }
        let header = &*ace.cast::<ACE_HEADER>();
        if header.AceType != ACCESS_ALLOWED {
            continue; // a deny entry lets no one in
        }
        let allowed = ace.cast::<ACCESS_ALLOWED_ACE>();
        let ace_sid = std::ptr::addr_of_mut!((*allowed).SidStart).cast::<core::ffi::c_void>();
        if EqualSid(ace_sid, sid) == 0 {
            return false;
        }
        ours += 1;
    }
    control & SE_DACL_PROTECTED != 0 && ours > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Set in the copy of this test binary that runs with a forged `USERNAME`.
    const CHILD: &str = "WORKSTATION_TEST_WINDOWS_ACCOUNT_CHILD";

    #[test]
    fn the_account_name_comes_from_the_token_whatever_username_says() {
        if std::env::var_os(CHILD).is_some() {
            println!("account=[{}]", account_name().unwrap_or_default());
            return;
        }
        let mine = account_name().expect("the process token names an account");
        assert!(!mine.is_empty());
        let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "windows_account::tests::the_account_name_comes_from_the_token_whatever_username_says",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, "1")
            .env("USERNAME", "ceo-of-acme")
            .output()
            .expect("run the test binary");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains(&format!("account=[{mine}]")), "{stdout}");
        assert_ne!(mine, "ceo-of-acme");
    }

    #[test]
    fn a_folder_made_private_lets_in_this_account_alone() {
        let dir = tempfile::tempdir().expect("tmp");
        let data = dir.path().join("data");
        std::fs::create_dir(&data).expect("mkdir");
        // Under the temporary folder it inherits entries of its parent: not private yet.
        assert!(!is_private(&data).expect("read the DACL"));
        make_private(&data).expect("set the DACL");
        assert!(is_private(&data).expect("read the DACL"));
    }
}
