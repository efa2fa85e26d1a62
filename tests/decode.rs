//! Decoding: real Big5 files, round trips of any text, and the hostile-input
//! matrix of `tests/hostile/` (see `tests/hostile/MATRIX.md`).

use std::fs;
use std::path::{Path, PathBuf};

use biaozhu::decode::{decode, DecodeErrorKind, ENCODING_CHOICES, MAX_BYTES};
use biaozhu::formats::{self, Format};
use proptest::prelude::*;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// --- the corpus ---------------------------------------------------------------

/// Each `icwb2/*.txt` (Big5 family, CRLF) decodes to exactly its `.utf8` twin.
#[test]
fn icwb2_big5_files_decode_to_their_utf8_twins() {
    let dir = manifest().join("../shared/corpus/icwb2");
    if !dir.is_dir() {
        println!("skipping: {} is absent", dir.display());
        return;
    }
    let mut seen = 0;
    let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    entries.sort();
    for txt in entries {
        let twin = txt.with_extension("utf8");
        let want = fs::read_to_string(&twin).unwrap();
        let want = want.strip_prefix('\u{FEFF}').unwrap_or(&want);
        let bytes = fs::read(&txt).unwrap();
        let d = decode(&bytes, None).unwrap_or_else(|e| panic!("{}: {e}", txt.display()));
        assert_eq!(d.encoding, "Big5", "{}", txt.display());
        assert!(
            d.detected && !d.bom && d.replaced == 0,
            "{}: {d:?}",
            txt.display()
        );
        assert!(
            d.text == want,
            "{} differs from its .utf8 twin",
            txt.display()
        );
        // Chosen by hand, the same.
        assert_eq!(decode(&bytes, Some("big5")).unwrap().text, want);
        seen += 1;
    }
    assert!(seen >= 2, "expected the two icwb2 texts, found {seen}");
}

// --- round trips ----------------------------------------------------------------

fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in s.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// A refusal that `s` deserves whatever its encoding: nothing to annotate,
/// or control characters (NUL included) that make it look binary.
fn deserves_refusal(s: &str, kind: &DecodeErrorKind) -> bool {
    let controls = s
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    match kind {
        DecodeErrorKind::Empty | DecodeErrorKind::BomOnly { .. } => s.is_empty(),
        DecodeErrorKind::WhitespaceOnly { .. } => s.chars().all(char::is_whitespace),
        DecodeErrorKind::NulByte { .. } => s.contains('\0'),
        DecodeErrorKind::ControlChars { .. } => controls > 0,
        // U+0000 first after a UTF-16LE BOM reads as a UTF-32LE BOM.
        DecodeErrorKind::UnsupportedEncoding { .. } => s.starts_with('\0'),
        // A text may begin with a binary signature ("%PDF-", "GIF89a").
        DecodeErrorKind::NotText { .. } => s.is_ascii(),
        _ => false,
    }
}

fn check_round_trip(s: &str) -> Result<(), TestCaseError> {
    let cases: [(&str, Vec<u8>, bool); 3] = [
        ("UTF-8", s.as_bytes().to_vec(), false),
        ("UTF-16LE", utf16(s, false), true),
        ("UTF-16BE", utf16(s, true), true),
    ];
    for (name, bytes, bom) in cases {
        match decode(&bytes, None) {
            Ok(d) => {
                if name == "UTF-8" && s.contains('\0') {
                    // NULs in UTF-8 may read as UTF-16 without a BOM; no
                    // promise then but that nothing panics.
                    continue;
                }
                prop_assert_eq!(&d.text, s, "{}", name);
                prop_assert_eq!(d.encoding, name);
                prop_assert_eq!(d.bom, bom);
                prop_assert_eq!(d.replaced, 0);
            }
            Err(e) => prop_assert!(
                deserves_refusal(s, e.kind()),
                "{} of {:?} refused: {}",
                name,
                s,
                e
            ),
        }
    }
    Ok(())
}

proptest! {
    /// Any string, as UTF-8 (not starting with U+FEFF, which would read as
    /// a BOM) or UTF-16LE/BE with a BOM, decodes back exactly or is refused
    /// for a reason it has.
    #[test]
    fn any_string_decodes_back_exactly(s in any::<String>()) {
        prop_assume!(!s.starts_with('\u{FEFF}'));
        check_round_trip(&s)?;
    }

    /// Text without control characters always decodes back exactly.
    #[test]
    fn text_decodes_back_exactly(s in "[\\PC\t\n\r]{0,40}\\PC[\\PC\t\n\r]{0,200}") {
        prop_assume!(!s.starts_with('\u{FEFF}') && !s.chars().all(char::is_whitespace));
        prop_assume!(!s.is_ascii()); // an ASCII text could start like a signature
        for (name, bytes) in [
            ("UTF-8", s.as_bytes().to_vec()),
            ("UTF-16LE", utf16(&s, false)),
            ("UTF-16BE", utf16(&s, true)),
        ] {
            let d = decode(&bytes, None).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
            prop_assert_eq!(&d.text, &s, "{}", name);
        }
    }

    /// No bytes make decoding panic, with or without a label.
    #[test]
    fn any_bytes_decode_or_refuse(bytes in proptest::collection::vec(any::<u8>(), 0..600), pick in 0usize..20) {
        let label = ENCODING_CHOICES.get(pick).map(|c| c.label);
        if let Ok(d) = decode(&bytes, label) {
            prop_assert!(!d.text.trim().is_empty());
        }
    }
}

#[test]
fn every_chooser_label_names_its_encoding() {
    for c in ENCODING_CHOICES {
        let enc = encoding_rs::Encoding::for_label(c.label.as_bytes()).unwrap();
        assert_eq!(enc.name(), c.name, "{}", c.label);
    }
}

/// A label removes a BOM of its own encoding, and keeps any other bytes.
#[test]
fn a_label_removes_its_own_bom_only() {
    let d = decode(b"\xEF\xBB\xBFabc", Some("utf-8")).unwrap();
    assert_eq!((d.text.as_str(), d.bom, d.detected), ("abc", true, false));
    let d = decode(b"\x84\x31\x95\x33\xD6\xD0", Some("gbk")).unwrap();
    assert_eq!((d.text.as_str(), d.bom, d.encoding), ("中", true, "GBK"));
    // A UTF-8 BOM read as windows-1252 is three letters, not a BOM.
    let d = decode(b"\xEF\xBB\xBFabc", Some("windows-1252")).unwrap();
    assert_eq!((d.text.as_str(), d.bom), ("ï»¿abc", false));
}

/// A NUL in a legacy-encoded or UTF-8 text does not make it UTF-16.
/// Issue 14, item 6: one vertical tab, form feed or U+0085 (and the
/// separators U+2028, U+2029) in a short text is whitespace, not a sign of a
/// binary file: the text decodes exactly, in UTF-8 and UTF-16. Other
/// control characters still count, and a file of them is still refused.
#[test]
fn whitespace_controls_in_a_short_text_are_not_binary() {
    for c in ['\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}'] {
        let s = format!("李白{c}出生");
        for bytes in [s.as_bytes().to_vec(), utf16(&s, false), utf16(&s, true)] {
            let d = decode(&bytes, None).unwrap_or_else(|e| panic!("U+{:04X}: {e}", c as u32));
            assert_eq!(d.text, s);
        }
    }
    let e = decode("李白\u{1}出生".as_bytes(), None).unwrap_err();
    assert!(
        matches!(e.kind(), DecodeErrorKind::ControlChars { .. }),
        "{e}"
    );
    let e = decode("\u{b}\u{c}\u{85}".as_bytes(), None).unwrap_err();
    assert!(
        matches!(e.kind(), DecodeErrorKind::WhitespaceOnly { .. }),
        "{e}"
    );
}

#[test]
fn a_stray_nul_is_binary_not_utf16() {
    let zh = "北京是中国的首都，也是全国的政治和文化中心。";
    for (name, mut bytes) in [
        ("GBK", encoding_rs::GBK.encode(zh).0.into_owned()),
        ("Big5", encoding_rs::BIG5.encode(zh).0.into_owned()),
        ("UTF-8", zh.as_bytes().to_vec()),
    ] {
        bytes.insert(10, 0);
        let err = decode(&bytes, None).unwrap_err();
        assert_eq!(
            err.kind(),
            &DecodeErrorKind::NulByte { at: 10 },
            "{name}: {err}"
        );
    }
}

/// Several U+FEFF inside the text: one warning, the first position, the count.
#[test]
fn byte_order_marks_inside_the_text_are_kept_and_counted() {
    let d = decode("甲\u{FEFF}乙\u{FEFF}丙".as_bytes(), None).unwrap();
    assert_eq!(d.text, "甲\u{FEFF}乙\u{FEFF}丙");
    assert_eq!(
        d.warnings,
        ["the text holds a byte order mark (U+FEFF) at code point 1 (and 1 more); it is kept as it is"]
    );
}

// --- large inputs (made here, never committed) -----------------------------------

/// 60 000 000 bytes of Chinese text, within the 64 MiB limit, open.
#[test]
fn sixty_megabytes_of_text_open() {
    let line = format!("{}。\n", "测试".repeat(16));
    assert_eq!(line.len(), 100);
    let bytes = line.repeat(600_000).into_bytes();
    assert_eq!(bytes.len(), 60_000_000);
    let d = decode(&bytes, None).unwrap();
    assert_eq!((d.encoding, d.text.len()), ("UTF-8", 60_000_000));
    assert!(d.warnings.is_empty());
}

#[test]
fn over_the_size_limit_is_refused() {
    let bytes = vec![b'a'; MAX_BYTES + 1];
    let err = decode(&bytes, None).unwrap_err();
    assert!(
        matches!(err.kind(), DecodeErrorKind::TooLarge { bytes, .. } if *bytes == MAX_BYTES + 1)
    );
    assert_eq!(
        err.to_string(),
        "the file is too large: 67108865 bytes, more than the limit of 67108864 bytes (64 MiB); split it into smaller files"
    );
    // Exactly at the limit is fine.
    assert!(decode(&bytes[1..], None).is_ok());
}

// --- the hostile-input matrix ------------------------------------------------------

struct Case {
    line: usize,
    file: String,
    via: String,
    expect: String,
    message: String,
    text_prefix: String,
}

fn hostile() -> PathBuf {
    manifest().join("tests/hostile")
}

fn cases() -> Vec<Case> {
    let tsv = fs::read_to_string(hostile().join("cases.tsv")).unwrap();
    tsv.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 5, "cases.tsv:{}: five columns", i + 1);
            Case {
                line: i + 1,
                file: cols[0].to_owned(),
                via: cols[1].to_owned(),
                expect: cols[2].to_owned(),
                message: cols[3].to_owned(),
                text_prefix: cols[4].to_owned(),
            }
        })
        .collect()
}

/// `\n`, `\r`, `\t`, `\\` and `\uXXXX` as in `make_cases.py`.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            other => panic!("bad escape \\{other:?} in {s:?}"),
        }
    }
    out
}

/// What a case gives: `Ok((summary, warnings, text))` or `Err(message)`.
type Outcome = Result<(String, Vec<String>, String), String>;

fn run(case: &Case, bytes: &[u8]) -> Outcome {
    let (mode, arg) = case.via.split_once(':').unwrap_or((case.via.as_str(), ""));
    match mode {
        "decode" => {
            let label = (!arg.is_empty()).then_some(arg);
            let d = decode(bytes, label).map_err(|e| e.to_string())?;
            let mut summary = format!("ok:{}", d.encoding);
            if d.bom {
                summary.push_str(";bom");
            }
            if d.replaced > 0 {
                summary.push_str(&format!(";replaced={}", d.replaced));
            }
            let guessed = label.is_none() && !d.bom;
            if d.detected != guessed {
                summary.push_str(if d.detected { ";detected" } else { ";chosen" });
            }
            Ok((summary, d.warnings, d.text))
        }
        "import" => {
            let d = decode(bytes, None).map_err(|e| e.to_string())?;
            let format = if arg == "auto" {
                formats::detect(&case.file, &d.text).ok_or("(no format detected)")?
            } else {
                Format::from_name(arg).unwrap_or_else(|| panic!("unknown format {arg}"))
            };
            let doc =
                formats::import(format, &case.file, &d.text, None).map_err(|e| e.to_string())?;
            Ok((
                format!("ok:{}", doc.annotations.len()),
                Vec::new(),
                String::new(),
            ))
        }
        _ => panic!("cases.tsv:{}: unknown via {:?}", case.line, case.via),
    }
}

/// Every case of `tests/hostile/cases.tsv` gives what it says, through the
/// core: the decoded encoding and text, the one warning, or the refusal.
#[test]
fn hostile_matrix() {
    let mut failures = Vec::new();
    let mut pending = Vec::new();
    let all = cases();
    assert!(all.len() >= 40, "the matrix needs at least 40 cases");
    for case in &all {
        let path = hostile().join("cases").join(&case.file);
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let outcome = run(case, &bytes);
        let problem = match (&outcome, case.expect.as_str()) {
            (Err(msg), _)
                if case.via.starts_with("import") && msg.contains("not yet supported") =>
            {
                pending.push(format!("{} ({msg})", case.file));
                continue;
            }
            (Err(msg), "error") => (!msg.starts_with(&case.message)).then(|| {
                format!(
                    "refused with {msg:?}, expected the prefix {:?}",
                    case.message
                )
            }),
            (Err(msg), want) => Some(format!("refused with {msg:?}, expected {want}")),
            (Ok((got, ..)), "error") => {
                Some(format!("gave {got}, expected a refusal {:?}", case.message))
            }
            (Ok((got, warnings, text)), want) => {
                let mut p = Vec::new();
                if got != want {
                    p.push(format!("gave {got}, expected {want}"));
                }
                match (case.message.as_str(), warnings.as_slice()) {
                    ("-", []) => {}
                    ("-", w) => p.push(format!("unexpected warnings {w:?}")),
                    (m, [w]) if w.starts_with(m) => {}
                    (m, w) => p.push(format!("warnings {w:?}, expected one starting {m:?}")),
                }
                let prefix = unescape(&case.text_prefix);
                if case.text_prefix != "-" && !text.starts_with(&prefix) {
                    let head: String = text.chars().take(prefix.chars().count() + 10).collect();
                    p.push(format!("text starts {head:?}, expected {prefix:?}"));
                }
                (!p.is_empty()).then(|| p.join("; "))
            }
        };
        if let Some(p) = problem {
            failures.push(format!("cases.tsv:{} {}: {p}", case.line, case.file));
        }
    }
    for p in &pending {
        println!("pending (importer not written yet): {p}");
    }
    assert!(
        failures.is_empty(),
        "{} hostile cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every case file is in cases.tsv and MATRIX.md, and every row has its file.
#[test]
fn hostile_matrix_is_complete() {
    let listed: Vec<String> = cases().into_iter().map(|c| c.file).collect();
    let matrix = fs::read_to_string(hostile().join("MATRIX.md")).unwrap();
    let mut on_disk: Vec<String> = fs::read_dir(hostile().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    on_disk.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(
        on_disk, sorted,
        "cases/ and cases.tsv list different files; run make_cases.py"
    );
    for f in &listed {
        assert!(
            matrix.contains(&format!("`{f}`")),
            "MATRIX.md lacks {f}; run make_cases.py"
        );
    }
    for test in [
        "hostile_matrix",
        "sixty_megabytes_of_text_open",
        "over_the_size_limit_is_refused",
    ] {
        assert!(matrix.contains(test), "MATRIX.md lacks test {test}");
    }
    assert!(Path::new(&hostile().join("make_cases.py")).is_file());
}

// --- regressions -------------------------------------------------------------------
//
// Each input that once crashed `cargo fuzz` (see fuzz/) becomes a test here,
// named for what it protects. The fuzz runs of issue 5 (decode 10 min,
// import 5 min, import_native 4 min) found none.
