//! `pack-dict DICT.txt OUT`: packs a jieba dictionary (`word freq [tag]` a
//! line) into the page's format (see `biaozhu::dict`), with the parts of
//! speech of names, places and organisations; gzip it to serve it.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use std::process::ExitCode;

use biaozhu::dict::{pack_tagged, parse_lines, parse_tags, KEPT_TAGS};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: pack-dict DICT.txt OUT");
        return ExitCode::from(2);
    };
    let run = || -> Result<(), String> {
        let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
        let entries = parse_lines(&text).map_err(|e| format!("{input}: {e}"))?;
        std::fs::write(
            output,
            pack_tagged(&entries, &parse_tags(&text, &KEPT_TAGS)),
        )
        .map_err(|e| format!("{output}: {e}"))
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pack-dict: {e}");
            ExitCode::FAILURE
        }
    }
}
