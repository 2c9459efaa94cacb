#![no_main]
//! See `vpclab_core::fuzzing::aws_snapshot`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| vpclab_core::fuzzing::aws_snapshot(data));
