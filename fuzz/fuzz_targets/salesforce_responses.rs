#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| workstation_fuzz::salesforce_responses(data));
