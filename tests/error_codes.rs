//! The codes and arguments the page translates a core error from (issue 19):
//! each refusal has its stable code, and the arguments hold the values the
//! English message names, so that the page's Chinese says the same.

use biaozhu::decode::decode;
use biaozhu::formats::{import, Format};

#[test]
fn decode_refusals_carry_their_code_and_the_values_their_message_names() {
    let empty = decode(b"", None).unwrap_err();
    assert_eq!(empty.code_and_args().0, "decode.empty");
    let pdf = decode(b"%PDF-1.7\n1 0 obj\n", None).unwrap_err();
    let (code, args) = pdf.code_and_args();
    assert_eq!(code, "decode.notText");
    assert_eq!(args["signature"], "%PDF-");
    let unknown = decode("文本".as_bytes(), Some("klingon")).unwrap_err();
    let (code, args) = unknown.code_and_args();
    assert_eq!(code, "decode.unknownEncoding");
    assert_eq!(args["label"], "klingon");
    assert!(unknown.to_string().contains("klingon"));
}

#[test]
fn an_import_refusal_names_its_file_and_where() {
    let e = import(Format::Native, "bad.json", "{\"text\": ", None).unwrap_err();
    let (code, args) = e.code_and_args();
    assert_eq!(code, "import.json");
    assert_eq!(args["file"], "bad.json");
    assert!(args["at"].as_str().unwrap().starts_with(':'), "{args}");
    assert!(!args["detail"].as_str().unwrap().is_empty());
}
