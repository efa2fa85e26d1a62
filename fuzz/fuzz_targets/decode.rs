//! `decode` on any bytes, with or without a label: `cargo +nightly fuzz run decode`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| biaozhu_fuzz::decode_one(data));
