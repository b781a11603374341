#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| workstation_fuzz::policy(data));
