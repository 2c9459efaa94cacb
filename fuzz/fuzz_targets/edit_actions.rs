#![no_main]
//! See `vpclab_core::fuzzing::edit_actions`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| vpclab_core::fuzzing::edit_actions(data));
