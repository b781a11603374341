#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| workstation_fuzz::callback_url(data));
