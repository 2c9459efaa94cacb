#![no_main]
//! See `vpclab_core::fuzzing::exercise_check`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| vpclab_core::fuzzing::exercise_check(data));
