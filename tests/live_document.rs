//! The core's live `Document`: a gesture comes back as one named span in
//! both units, and an export through the open document (text indexed and
//! hashed once, words held) writes exactly what an export of the whole
//! annotated document writes.
// Native only: the embedded dictionary is not in the wasm build.
#![cfg(not(target_arch = "wasm32"))]

use biaozhu::annotation::{AnnotatedDocument, Annotation, Label, Relation};
use biaozhu::document::{Document, DocumentBuilder, Span};
use biaozhu::formats::{self, Format};
use biaozhu::segment::Segmenter;
use biaozhu::snap::SnapMode;

const TEXT: &str = "😀李白出生于碎叶城，美国政府发表声明。\r\n北京和上海大学 ВСТРЕЧА𠮷野家";

fn span(start_cp: u32, end_cp: u32, start_u16: u32, end_u16: u32, cut: bool) -> Span {
    Span {
        start_cp,
        end_cp,
        start_u16,
        end_u16,
        cut,
    }
}

/// `TEXT` with the words the embedded dictionary finds, handed over as the
/// page's worker hands them.
fn with_words() -> Document {
    let seg = Segmenter::embedded().segment(TEXT);
    let pairs: Vec<u32> = seg.words.iter().flat_map(|w| [w.start, w.end]).collect();
    let kinds: Vec<u8> = seg.words.iter().map(|w| w.kind as u8).collect();
    let mut doc = Document::new(TEXT);
    doc.set_words(&pairs, &kinds, &seg.subword_boundaries)
        .unwrap();
    doc
}

/// Everything a format may carry: an astral character before the spans,
/// a fragmented annotation across a CRLF, a relation, a note, attributes.
fn marks() -> AnnotatedDocument {
    let mut doc = AnnotatedDocument::new("libai.txt", "");
    doc.labels = vec![
        Label::new("PER", "人物 PER", "#e6550d", Some("1")),
        Label::new("ORG", "ORG", "#0072b2", None),
    ];
    let mut a1 = Annotation::new("a1", 1, 3, "PER");
    a1.created = "2024-05-01T12:00:00.000Z".into();
    a1.note = Some("诗人".into());
    a1.attributes.insert("Historical".into(), "true".into());
    doc.annotations.push(a1);
    doc.annotations.push(Annotation::new("a2", 10, 14, "ORG"));
    let mut a3 = Annotation::new("a3", 21, 28, "ORG");
    a3.fragments = vec![(21, 23), (26, 28)];
    doc.annotations.push(a3);
    doc.relations.push(Relation {
        id: "r1".into(),
        from: "a1".into(),
        to: "a3".into(),
        kind: "校友".into(),
        ..Default::default()
    });
    doc.doc_labels.push("history".into());
    doc.source_encoding = Some("GB18030".into());
    doc
}

#[test]
fn snap_answers_one_named_span_in_both_units() {
    let doc = with_words();
    // UTF-16 3..4 is inside 李 (code point 1, units 2..3) to inside 白: 李白.
    assert_eq!(
        doc.snap_u16(2, 3, SnapMode::Word).unwrap(),
        Some(span(1, 3, 2, 4, false))
    );
    // The same selection in code points, either order, gives the same span.
    assert_eq!(
        doc.snap(2, 1, SnapMode::Word).unwrap(),
        doc.snap_u16(2, 3, SnapMode::Word).unwrap()
    );
    // Across the CRLF: cut back to the first paragraph.
    let cut = doc.snap(11, 25, SnapMode::Exact).unwrap().unwrap();
    assert_eq!((cut.start_cp, cut.end_cp, cut.cut), (11, 19, true));
    assert_eq!((cut.start_u16, cut.end_u16), (12, 20));
    // Only whitespace: nothing.
    assert_eq!(doc.snap(28, 29, SnapMode::Word).unwrap(), None);
    assert!(doc.snap(0, 99, SnapMode::Word).is_err(), "past the end");
    assert!(
        doc.snap_u16(1, 4, SnapMode::Word).is_err(),
        "inside 😀's surrogate pair"
    );
    assert_eq!(doc.word_at_u16(3).unwrap(), Some(span(1, 3, 2, 4, false)));
    assert_eq!(
        Document::new(TEXT).word_at_u16(3).unwrap(),
        None,
        "no words yet"
    );
    assert_eq!(doc.widen(1, 3).unwrap(), span(0, 19, 0, 20, false));
}

#[test]
fn export_through_the_live_document_equals_the_export_of_the_whole() {
    let doc = with_words();
    let marks = marks();
    let mut whole = marks.clone();
    whole.text = TEXT.to_owned();
    let seg = Segmenter::embedded().segment(TEXT);
    for format in Format::ALL {
        let live = doc.export(format, &marks).unwrap();
        let old = formats::export(format, &whole, Some(&seg)).unwrap();
        assert_eq!(live, old, "{format}");
    }
}

#[test]
fn annotations_that_carry_a_text_or_break_a_rule_are_refused() {
    let doc = with_words();
    let mut with_text = marks();
    with_text.text = TEXT.to_owned();
    let e = doc.export(Format::Native, &with_text).unwrap_err();
    assert!(e.to_string().contains("without it"), "{e}");
    let mut bad = marks();
    bad.annotations[0].end = 99;
    assert!(doc.validate(&bad).is_err());
    let e = doc.export(Format::Brat, &bad).unwrap_err();
    assert!(e.to_string().contains("past the end of the text"), "{e}");
    // Without words, the word formats say so.
    let e = Document::new(TEXT)
        .export(Format::Prodigy, &marks())
        .unwrap_err();
    assert!(e.to_string().contains("needs the words"), "{e}");
}

#[test]
fn a_document_built_in_pieces_is_the_document_of_the_whole() {
    let mut builder = DocumentBuilder::new();
    builder.push_str("😀李白出生于碎叶城，美国政府发表声明。\r");
    builder.reserve_u16(TEXT.encode_utf16().count());
    builder.push_str("\n北京和上海大学 ВСТРЕЧА𠮷野家");
    let built = builder.finish();
    let whole = Document::new(TEXT);
    assert_eq!(built.text(), whole.text());
    assert_eq!(built.structure(), whole.structure());
    assert_eq!(built.sha256(), biaozhu::hash::sha256_hex(TEXT));
    assert_eq!(built.sha256(), whole.sha256());
}
