//! Native segmentation throughput: jieba-rs's own `cut` beside our core's
//! `Segmenter::segment`, on the same text, in one process.
//!
//! `cargo bench --bench segment -- [--dict DICT] FILE...` reads the files
//! as UTF-8 (a leading BOM dropped), joins them and times both on the whole
//! text. Ours is built from DICT (jieba's text format, as the page builds
//! it) and must give the same words as our segmenter over jieba-rs itself;
//! without DICT it is the latter (what native builds use). Timing is one
//! warm-up run each, then several timed runs, alternating so that a busy
//! moment of the machine does not land on one side only. It prints MB/s
//! (10⁶ bytes of UTF-8 a second) and, last, a `BENCH_JSON` line in the
//! interface of `scripts/bench/` (scripts/bench/segment.mjs reads it).
//! With no file it falls back to the project's seed article and says so.

use std::hint::black_box;
use std::time::Instant;

use biaozhu::segment::Segmenter;
use jieba_rs::Jieba;

const RUNS: usize = 7;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn read_text(paths: &[String]) -> std::io::Result<String> {
    let mut text = String::new();
    for p in paths {
        let s = std::fs::read_to_string(p)?;
        text.push_str(s.strip_prefix('\u{feff}').unwrap_or(&s));
    }
    Ok(text)
}

/// Runs each of `runs` once to warm up, then `RUNS` times in turn, and
/// gives the MB/s of every timed run of each.
fn time_alternating(bytes: usize, runs: &mut [&mut dyn FnMut()]) -> Vec<Vec<f64>> {
    for run in runs.iter_mut() {
        run();
    }
    let mut out = vec![Vec::with_capacity(RUNS); runs.len()];
    for _ in 0..RUNS {
        for (run, speeds) in runs.iter_mut().zip(&mut out) {
            let t = Instant::now();
            run();
            speeds.push(bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
        }
    }
    out
}

fn main() {
    // `cargo bench` adds `--bench`; everything else is a file.
    let mut args = std::env::args().skip(1);
    let mut paths: Vec<String> = Vec::new();
    let mut dict_path = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dict" => dict_path = args.next(),
            _ if a.starts_with("--") => {}
            _ => paths.push(a),
        }
    }
    let mut notes = Vec::new();
    if paths.is_empty() {
        let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/www/samples/seed.txt");
        println!("no file given: falling back to the project's seed article ({seed})");
        notes.push("no file given: the project's seed article only".to_string());
        paths.push(seed.to_string());
    }
    let text = match read_text(&paths) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("segment bench: {e}");
            std::process::exit(2);
        }
    };
    let bytes = text.len();
    println!(
        "text: {:.3} MB, {} characters, from {} file(s)",
        bytes as f64 / 1e6,
        text.chars().count(),
        paths.len()
    );

    let t = Instant::now();
    let jieba = Jieba::new();
    let jieba_build_ms = t.elapsed().as_secs_f64() * 1e3;
    let reference = Segmenter::embedded();
    let ours = match &dict_path {
        None => {
            println!("no --dict: ours is our segmenter over jieba-rs's embedded dictionary");
            reference
        }
        Some(p) => {
            let dict = std::fs::read(p).unwrap_or_else(|e| {
                eprintln!("segment bench: {p}: {e}");
                std::process::exit(2);
            });
            let t = Instant::now();
            let ours = Segmenter::from_dict(dict.as_slice()).unwrap_or_else(|e| {
                eprintln!("segment bench: {p}: {e}");
                std::process::exit(2);
            });
            println!(
                "dictionary build: jieba-rs {jieba_build_ms:.0} ms (embedded), ours {:.0} ms (from {p})",
                t.elapsed().as_secs_f64() * 1e3
            );
            let (a, b) = (ours.segment(&text), reference.segment(&text));
            let same = a == b;
            println!(
                "same words and sub-words as over jieba-rs itself: {}",
                if same { "yes" } else { "NO" }
            );
            if !same {
                notes.push(format!(
                    "ours from {p} does NOT give the same words as jieba-rs"
                ));
            }
            ours
        }
    };

    let mut jieba_cut = || {
        black_box(jieba.cut(black_box(&text), true));
    };
    let mut ours_segment = || {
        black_box(ours.segment(black_box(&text)));
    };
    let speeds = time_alternating(bytes, &mut [&mut jieba_cut, &mut ours_segment]);
    let (jieba_mbs, ours_mbs) = (median(speeds[0].clone()), median(speeds[1].clone()));
    println!("jieba-rs 0.11 cut(text, true): {jieba_mbs:.1} MB/s (median of {RUNS})");
    println!("ours Segmenter::segment:      {ours_mbs:.1} MB/s (median of {RUNS})");
    println!("ratio ours / jieba-rs: {:.2}", ours_mbs / jieba_mbs);

    let row = serde_json::json!({
        "figure": format!("segmentation throughput, native ({:.2} MB)", bytes as f64 / 1e6),
        "unit": "MB/s",
        "ours": ours_mbs,
        "better": "higher",
        "peers": [{"name": "jieba-rs 0.11 cut (native)", "value": jieba_mbs, "measured": true}],
        "detail": format!("median of {RUNS} after a warm-up, runs alternating; whole text in one call; ours includes sub-words and kinds"),
    });
    println!(
        "BENCH_JSON {}",
        serde_json::json!({"rows": [row], "notes": notes})
    );
}
