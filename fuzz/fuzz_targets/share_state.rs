#![no_main]
//! See `vpclab_core::fuzzing::share_state`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| vpclab_core::fuzzing::share_state(data));
