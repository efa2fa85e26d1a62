//! The fuzz harnesses, one function per target, so that libFuzzer targets
//! (`fuzz_targets/`) and plain tests (`tests/`) run the same code.
//!
//! Each harness checks more than "does not panic": what `decode` returns is
//! consistent with its input, and what an importer accepts is valid and
//! survives a native export and re-import unchanged.

use biaozhu::decode::{decode, ENCODING_CHOICES};
use biaozhu::formats::{self, Format};

/// Input layout: the first byte picks a label of the chooser (or none, for
/// detection); the rest is the file.
pub fn decode_one(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let label = ENCODING_CHOICES
        .get(usize::from(pick) % 16)
        .map(|c| c.label);
    let result = decode(bytes, label);
    // Deterministic.
    assert_eq!(result, decode(bytes, label));
    match result {
        Ok(d) => {
            assert!(!d.text.trim().is_empty(), "accepted a blank text");
            assert!(d.replaced <= d.text.chars().count());
            assert!(d.text.chars().filter(|&c| c == '\u{FFFD}').count() >= d.replaced);
            if label.is_some() {
                assert!(!d.detected);
            } else {
                assert_eq!(d.detected, !d.bom);
            }
            if d.encoding == "UTF-8" && !d.bom && d.replaced == 0 {
                assert_eq!(d.text.as_bytes(), bytes, "UTF-8 read must be byte-exact");
            }
            if let Some(l) = label {
                // A label's encoding is the one used.
                let named = encoding_rs::Encoding::for_label(l.as_bytes()).map(|e| e.name());
                assert_eq!(named, Some(d.encoding));
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// Input layout: the first byte picks the format (of [`Format::ALL`]) and
/// whether a separate text is given; the rest, read as UTF-8 (lossily), is
/// the file, or `text \x01 file` when a text is given.
pub fn import_one(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(pick & 0x0F) % Format::ALL.len()];
    if pick & 0x10 != 0 {
        let content = String::from_utf8_lossy(rest);
        if let Some((text, file)) = content.split_once('\u{1}') {
            check_import(format, file, Some(text));
            return;
        }
    }
    import_as(format, rest);
}

/// The whole input, read as UTF-8 (lossily), is a file of `format`.
pub fn import_as(format: Format, data: &[u8]) {
    let content = String::from_utf8_lossy(data);
    check_import(format, &content, None);
}

fn check_import(format: Format, content: &str, text: Option<&str>) {
    let name = match format {
        Format::Brat => "fuzz.ann",
        Format::Doccano | Format::Prodigy => "fuzz.jsonl",
        Format::ConllChar | Format::ConllWord => "fuzz.conll",
        _ => "fuzz.json",
    };
    let _ = formats::detect(name, content);
    let Ok(doc) = formats::import(format, name, content, text) else {
        return;
    };
    doc.validate().expect("an imported document is valid");
    // What was imported survives the native format unchanged.
    let out = formats::export(Format::Native, &doc, None).expect("a valid document exports");
    let (file, json) = out.files.first().expect("the native export is one file");
    let back = formats::import(Format::Native, file, json, None).expect("its own export imports");
    assert_eq!(back, doc, "native round trip changed the document");
}
