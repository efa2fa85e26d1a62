//! `formats::import` of every format, picked by the first byte:
//! `cargo +nightly fuzz run import`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| biaozhu_fuzz::import_one(data));
