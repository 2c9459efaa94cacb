#![no_main]
//! See `vpclab_core::fuzzing::aws_documents`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| vpclab_core::fuzzing::aws_documents(data));
