#![no_main]
//! See `vpclab_core::fuzzing::cidr_ops`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| vpclab_core::fuzzing::cidr_ops(data));
