//! `formats::import` of the native JSON: `cargo +nightly fuzz run import_native`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| biaozhu_fuzz::import_as(
    biaozhu::formats::Format::Native,
    data
));
