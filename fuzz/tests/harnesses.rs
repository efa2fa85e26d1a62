//! The fuzz harnesses over the hostile cases (`../tests/hostile/cases`) and
//! any crashes kept in `regressions/`, on stable: `cargo test` in `fuzz/`.

use std::fs;
use std::path::PathBuf;

fn inputs() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        root.join("../tests/hostile/cases"),
        root.join("regressions"),
    ] {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            out.push((path.display().to_string(), fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn harnesses_accept_every_input_shape() {
    let inputs = inputs();
    assert!(inputs.len() >= 40);
    for (_, bytes) in &inputs {
        for pick in [0u8, 3, 15, 0x10, 0x13, 0xFF] {
            let mut data = vec![pick];
            data.extend_from_slice(bytes);
            biaozhu_fuzz::decode_one(&data);
            biaozhu_fuzz::import_one(&data);
        }
        biaozhu_fuzz::import_as(biaozhu::formats::Format::Native, bytes);
    }
}
