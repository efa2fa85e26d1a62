//! Bytes to text: BOMs, UTF-8, UTF-16, then detection of legacy encodings.
//!
//! A person opens a file; [`decode`] turns its bytes into the text to
//! annotate, or refuses with a [`DecodeError`] that says what the file looks
//! like instead ("looks like a PDF document", "looks like a binary file").
//!
//! # How the encoding is chosen
//!
//! With a label (`decode(bytes, Some("gbk"))`, any WHATWG label) the bytes are
//! decoded with that encoding; a byte order mark of that same encoding is
//! removed. Without one, the first rule that applies wins:
//!
//! 1. **A byte order mark**: UTF-8 (`EF BB BF`), UTF-16LE (`FF FE`), UTF-16BE
//!    (`FE FF`) or GB18030 (`84 31 95 33`). **The BOM is removed from the
//!    text** and [`Decoded::bom`] is `true`; positions count from the first
//!    character after it.
//! 2. **UTF-16 without a BOM**, when the file holds NUL bytes (ASCII
//!    characters, line ends included, have one in UTF-16) and its units, read
//!    as UTF-16LE or as UTF-16BE, are overwhelmingly letters, CJK,
//!    punctuation and whitespace. Otherwise a file with a NUL byte is refused
//!    as binary.
//! 3. **UTF-8**, when the bytes are valid UTF-8 (ASCII is). A file that is
//!    UTF-8 but for a cut last character, or but for at most 1 bad sequence in
//!    100 valid non-ASCII characters, is also read as UTF-8, its bad bytes as
//!    U+FFFD (counted in [`Decoded::replaced`] and reported in warnings):
//!    reading it as a legacy encoding would garble every character instead.
//! 4. **Detection** with chardetng (no top-level domain hint, UTF-8 not a
//!    possible guess), then decoding with encoding_rs. chardetng's "GBK" is
//!    reported as "gb18030" when the bytes use GB18030's four-byte sequences
//!    (the text is the same: encoding_rs's GBK decoder reads them).
//!
//! Encoding names are WHATWG names, as [`encoding_rs::Encoding::name`] gives
//! them: `"UTF-8"`, `"GBK"`, `"gb18030"`, `"Big5"`, `"UTF-16LE"`,
//! `"windows-1251"`. The WHATWG "Big5" is Big5-HKSCS, a superset of CP950,
//! so Hong Kong texts decode too.
//!
//! # What is refused
//!
//! Each refusal is a [`DecodeErrorKind`]: an empty or whitespace-only file,
//! more than [`MAX_BYTES`] bytes, a known binary signature at byte 0 (PDF,
//! PNG, JPEG, GIF, ZIP and so .docx/.xlsx, gzip, 7-Zip, RAR, xz, bzip2, ELF,
//! WebAssembly, SQLite, old MS Office, WebP/WAV/AVI, MP4), a NUL byte in a
//! file that is not UTF-16, more than [`MAX_CONTROL_PERCENT`] % control
//! characters (the whitespace ones, such as a vertical tab or U+0085, do not
//! count), a lone surrogate in UTF-16, more than
//! [`MAX_REPLACED_PERCENT`] % of characters undecodable, UTF-32, and an
//! unknown or undecodable encoding label.
//!
//! # What is kept and reported
//!
//! The text is never normalised: no Unicode normalisation, no newline
//! rewriting, a U+FEFF inside the text stays. What a person may want to know
//! is said in [`Decoded::warnings`]: mixed line endings, a U+FEFF inside the
//! text, bytes that became U+FFFD.
//!
//! Positions in messages are **byte offsets in the file** when they say
//! "byte", and **code point indices in the decoded text** when they say
//! "code point".
//!
//! # Example
//!
//! ```
//! use biaozhu::decode::{decode, DecodeErrorKind};
//!
//! // "中文" in GBK: detected, decoded, no BOM.
//! let gbk = [0xD6, 0xD0, 0xCE, 0xC4, 0xB5, 0xC4, 0xCE, 0xC4, 0xB1, 0xBE, 0xA1, 0xA3];
//! let d = decode(&gbk, None).unwrap();
//! assert_eq!((d.text.as_str(), d.encoding, d.detected), ("中文的文本。", "GBK", true));
//!
//! // A UTF-8 BOM is removed from the text, and said so.
//! let d = decode(b"\xEF\xBB\xBFhi\r\nthere\n", None).unwrap();
//! assert_eq!((d.text.as_str(), d.encoding, d.bom), ("hi\r\nthere\n", "UTF-8", true));
//! assert_eq!(d.warnings, ["the text mixes line endings: 1 CRLF, 1 LF (kept as they are)"]);
//!
//! // A label forces the encoding.
//! let d = decode(&[0xC8, 0xE0, 0xE9], Some("windows-1251")).unwrap();
//! assert_eq!((d.text.as_str(), d.detected), ("Иай", false));
//!
//! // What is not text is refused, saying what it looks like.
//! let err = decode(b"%PDF-1.7\n...", None).unwrap_err();
//! assert!(matches!(err.kind(), DecodeErrorKind::NotText { .. }));
//! assert!(err.to_string().starts_with("looks like a PDF document"));
//! let err = decode(b"abc\0def", None).unwrap_err();
//! assert!(err.to_string().starts_with("looks like a binary file: it holds NUL bytes at byte 3"));
//! ```

use std::fmt;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8};
use serde::Serialize;

/// The largest file [`decode`] accepts, in bytes: 64 MiB. A book is a few
/// MiB; past this the page (which keeps the text, its offsets in two units
/// and its words in memory) would be slow for no good reason.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// The share of U+FFFD (inserted by decoding) above which a text is refused
/// as mostly undecodable: more than this percentage of its characters (and
/// more than one: a short file cut in the middle of its last character opens).
pub const MAX_REPLACED_PERCENT: usize = 10;

/// The share of control characters (other than the whitespace ones: tab,
/// line feed, vertical tab, form feed, carriage return and U+0085, and the
/// separators U+001C–U+001F) above
/// which a text is refused as binary: more than this percentage of its
/// characters.
pub const MAX_CONTROL_PERCENT: usize = 1;

/// A decoded text and how it was decoded.
///
/// Serializes (serde) to `{text, encoding, bom, detected, replaced, warnings}`,
/// the one object the page receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decoded {
    /// The text, exactly as the bytes say, less a leading byte order mark.
    pub text: String,
    /// The WHATWG name of the encoding used: `"UTF-8"`, `"GBK"`, `"Big5"`…
    pub encoding: &'static str,
    /// Whether the file began with a byte order mark (removed from `text`).
    pub bom: bool,
    /// Whether the encoding was guessed: `false` when a BOM or a label chose it.
    pub detected: bool,
    /// How many U+FFFD the decoding inserted for bytes it could not decode
    /// (a U+FFFD the file itself encodes is not counted).
    pub replaced: usize,
    /// Things a person may want to know, each one sentence: mixed line
    /// endings, a U+FEFF inside the text, replaced bytes.
    pub warnings: Vec<String>,
}

/// An encoding the page offers in its chooser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EncodingChoice {
    /// The label to pass to [`decode`].
    pub label: &'static str,
    /// The WHATWG name [`Decoded::encoding`] reports for it.
    pub name: &'static str,
    /// What a person reads in the chooser.
    pub description: &'static str,
}

/// The encodings the page offers, most likely first for Chinese text.
///
/// ```
/// use biaozhu::decode::{decode, ENCODING_CHOICES};
///
/// for choice in ENCODING_CHOICES {
///     assert_eq!(decode(b"abcd", Some(choice.label)).unwrap().encoding, choice.name);
/// }
/// ```
pub const ENCODING_CHOICES: &[EncodingChoice] = &[
    EncodingChoice {
        label: "utf-8",
        name: "UTF-8",
        description: "Unicode (UTF-8)",
    },
    EncodingChoice {
        label: "gb18030",
        name: "gb18030",
        description: "Simplified Chinese (GB18030)",
    },
    EncodingChoice {
        label: "gbk",
        name: "GBK",
        description: "Simplified Chinese (GBK, GB2312)",
    },
    EncodingChoice {
        label: "big5",
        name: "Big5",
        description: "Traditional Chinese (Big5, Big5-HKSCS, CP950)",
    },
    EncodingChoice {
        label: "utf-16le",
        name: "UTF-16LE",
        description: "Unicode (UTF-16LE)",
    },
    EncodingChoice {
        label: "utf-16be",
        name: "UTF-16BE",
        description: "Unicode (UTF-16BE)",
    },
    EncodingChoice {
        label: "shift_jis",
        name: "Shift_JIS",
        description: "Japanese (Shift_JIS)",
    },
    EncodingChoice {
        label: "euc-jp",
        name: "EUC-JP",
        description: "Japanese (EUC-JP)",
    },
    EncodingChoice {
        label: "euc-kr",
        name: "EUC-KR",
        description: "Korean (EUC-KR)",
    },
    EncodingChoice {
        label: "windows-1251",
        name: "windows-1251",
        description: "Cyrillic (Windows-1251)",
    },
    EncodingChoice {
        label: "koi8-r",
        name: "KOI8-R",
        description: "Cyrillic (KOI8-R)",
    },
    EncodingChoice {
        label: "windows-1252",
        name: "windows-1252",
        description: "Western (Windows-1252, Latin-1)",
    },
];

/// Why some bytes were not taken as text.
///
/// Its `Display` is the message a person sees; [`DecodeError::kind`] tells
/// the cases apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    kind: DecodeErrorKind,
}

/// The kinds of [`DecodeError`]. New kinds may be added.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// No bytes at all, or nothing after decoding.
    Empty,
    /// Nothing but a byte order mark.
    BomOnly {
        /// The encoding the BOM names.
        encoding: &'static str,
    },
    /// Only whitespace (ASCII or Unicode, U+3000 included).
    WhitespaceOnly {
        /// Its length in code points.
        chars: usize,
    },
    /// More than [`MAX_BYTES`] (or the limit given to [`decode_within`]).
    TooLarge {
        /// The file's size in bytes.
        bytes: usize,
        /// The limit it is over, in bytes.
        limit: usize,
    },
    /// Starts with the signature of a known binary format.
    NotText {
        /// What it looks like: "a PDF document", "a PNG image"…
        format: &'static str,
        /// The signature, as printable text (`%PDF-`, `\x89PNG`).
        signature: &'static str,
    },
    /// Holds a NUL byte and is not UTF-16.
    NulByte {
        /// Byte offset of the first NUL.
        at: usize,
    },
    /// More than [`MAX_CONTROL_PERCENT`] % control characters.
    ControlChars {
        /// How many.
        count: usize,
        /// The text's length in code points.
        chars: usize,
        /// The first one.
        first: char,
        /// Its code point index in the text.
        first_at: usize,
    },
    /// A UTF-16 unit in 0xD800..=0xDFFF without its other half.
    LoneSurrogate {
        /// "UTF-16LE" or "UTF-16BE".
        encoding: &'static str,
        /// The unit.
        unit: u16,
        /// Byte offset of the unit in the file.
        at: usize,
    },
    /// More than [`MAX_REPLACED_PERCENT`] % of the characters undecodable.
    Undecodable {
        /// The encoding tried.
        encoding: &'static str,
        /// U+FFFD inserted.
        replaced: usize,
        /// The text's length in code points.
        chars: usize,
    },
    /// UTF-8 but for a few bytes that are not part of any UTF-8
    /// character, too few to be another encoding and too many (or too
    /// few characters around them) to read as U+FFFD.
    InvalidUtf8 {
        /// Byte offset of the first bad byte.
        at: usize,
        /// Its line, 1-based.
        line: usize,
        /// The byte.
        byte: u8,
        /// How many bad sequences there are.
        count: usize,
    },
    /// A label that names no WHATWG encoding.
    UnknownEncoding {
        /// The label as given.
        label: String,
    },
    /// An encoding that this decoder does not read.
    UnsupportedEncoding {
        /// The label given, or the encoding a BOM named.
        label: String,
        /// Why, and what to do.
        reason: &'static str,
    },
}

impl DecodeError {
    /// Which refusal this is.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.kind
    }

    /// Whether the file holds no text at all (no bytes, a lone byte order
    /// mark, only white space): no text to annotate, but a valid brat `.ann`
    /// with no annotations, which is what biaozhu writes for a document
    /// without any.
    pub fn is_blank(&self) -> bool {
        matches!(
            self.kind,
            DecodeErrorKind::Empty
                | DecodeErrorKind::BomOnly { .. }
                | DecodeErrorKind::WhitespaceOnly { .. }
        )
    }
}

impl From<DecodeErrorKind> for DecodeError {
    fn from(kind: DecodeErrorKind) -> Self {
        DecodeError { kind }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DecodeErrorKind as K;
        match &self.kind {
            K::Empty => f.write_str("the file is empty: there is no text to annotate"),
            K::BomOnly { encoding } => write!(
                f,
                "the file is empty: it holds only a byte order mark ({encoding}), no text"
            ),
            K::WhitespaceOnly { chars } => write!(
                f,
                "the file holds only whitespace ({chars} characters): there is no text to annotate"
            ),
            K::TooLarge { bytes, limit } => write!(
                f,
                "the file is too large: {bytes} bytes, more than the limit of {limit} bytes ({} MiB); split it into smaller files",
                limit >> 20
            ),
            K::NotText { format, signature } => write!(
                f,
                "looks like {format}, not text (it starts with {signature}); open a plain-text file (.txt), or save this one as plain text first"
            ),
            K::NulByte { at } => write!(
                f,
                "looks like a binary file: it holds NUL bytes at byte {at} (the first); a text file has none"
            ),
            K::ControlChars {
                count,
                chars,
                first,
                first_at,
            } => write!(
                f,
                "looks like a binary file: {count} of its {chars} characters are control characters (the first, U+{:04X}, at code point {first_at}), more than the {MAX_CONTROL_PERCENT}% a text may hold",
                u32::from(*first)
            ),
            K::LoneSurrogate { encoding, unit, at } => write!(
                f,
                "the {encoding} text holds a lone surrogate (half of a UTF-16 pair, 0x{unit:04X}) at byte {at}; it is not valid Unicode text"
            ),
            K::Undecodable {
                encoding,
                replaced,
                chars,
            } => write!(
                f,
                "mostly undecodable as {encoding}: {replaced} of {chars} characters ({}%) are not valid {encoding}, more than the {MAX_REPLACED_PERCENT}% limit; choose the file's encoding by hand, or check that it is a text file",
                percent(*replaced, *chars)
            ),
            K::InvalidUtf8 {
                at,
                line,
                byte,
                count,
            } => {
                write!(
                    f,
                    "not valid UTF-8: byte {at} (line {line}) is 0x{byte:02X}, which is not part of a UTF-8 character"
                )?;
                if *count > 1 {
                    write!(f, " ({} more such bytes follow)", count - 1)?;
                }
                f.write_str("; if the file is in another encoding, name it (--encoding gbk, big5, …; on the page, the encoding menu), else fix or remove the byte")
            }
            K::UnknownEncoding { label } => write!(
                f,
                "unknown encoding label \"{label}\": use a WHATWG label such as utf-8, gbk, gb18030, big5, shift_jis, euc-kr, utf-16le or windows-1251"
            ),
            K::UnsupportedEncoding { label, reason } => {
                write!(f, "the encoding \"{label}\" cannot be decoded here: {reason}")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

impl DecodeError {
    /// A stable name for the refusal and the values its message names, for a
    /// caller that says it in another language (the page's `error.<code>`
    /// messages); the names and the arguments are a contract (README, "Stable
    /// interface").
    pub fn code_and_args(&self) -> (&'static str, serde_json::Value) {
        use serde_json::json;
        use DecodeErrorKind as K;
        match &self.kind {
            K::Empty => ("decode.empty", json!({})),
            K::BomOnly { encoding } => ("decode.bomOnly", json!({ "encoding": encoding })),
            K::WhitespaceOnly { chars } => ("decode.whitespaceOnly", json!({ "chars": chars })),
            K::TooLarge { bytes, limit } => (
                "decode.tooLarge",
                json!({ "bytes": bytes, "limit": limit, "mib": limit >> 20 }),
            ),
            K::NotText { format, signature } => (
                "decode.notText",
                json!({ "format": format, "signature": signature }),
            ),
            K::NulByte { at } => ("decode.nulByte", json!({ "at": at })),
            K::ControlChars {
                count,
                chars,
                first,
                first_at,
            } => (
                "decode.controlChars",
                json!({
                    "count": count,
                    "chars": chars,
                    "first": format!("U+{:04X}", u32::from(*first)),
                    "firstAt": first_at,
                    "limit": MAX_CONTROL_PERCENT,
                }),
            ),
            K::LoneSurrogate { encoding, unit, at } => (
                "decode.loneSurrogate",
                json!({ "encoding": encoding, "unit": format!("0x{unit:04X}"), "at": at }),
            ),
            K::Undecodable {
                encoding,
                replaced,
                chars,
            } => (
                "decode.undecodable",
                json!({
                    "encoding": encoding,
                    "replaced": replaced,
                    "chars": chars,
                    "percent": percent(*replaced, *chars),
                    "limit": MAX_REPLACED_PERCENT,
                }),
            ),
            K::InvalidUtf8 {
                at,
                line,
                byte,
                count,
            } => (
                "decode.invalidUtf8",
                json!({ "at": at, "line": line, "byte": format!("0x{byte:02X}"), "more": count.saturating_sub(1) }),
            ),
            K::UnknownEncoding { label } => ("decode.unknownEncoding", json!({ "label": label })),
            K::UnsupportedEncoding { label, reason } => (
                "decode.unsupportedEncoding",
                json!({ "label": label, "reason": reason }),
            ),
        }
    }
}

fn percent(part: usize, whole: usize) -> usize {
    part.saturating_mul(100).checked_div(whole).unwrap_or(0)
}

/// Decodes a file's bytes to text, or refuses them; see the [module docs](self)
/// for the order of the rules, what is refused and what is reported.
///
/// `encoding` is a WHATWG label (`"gbk"`, `"big5"`, `"shift_jis"`,
/// `"utf-16le"`, `"windows-1251"`…, case and surrounding spaces ignored);
/// `None` detects. Positions in the returned text are code points.
///
/// ```
/// use biaozhu::decode::decode;
///
/// // UTF-16LE with a BOM: the BOM is removed, `bom` says it was there.
/// let d = decode(b"\xFF\xFEa\0\x2D\x4E", None).unwrap();
/// assert_eq!((d.text.as_str(), d.encoding, d.bom, d.detected), ("a中", "UTF-16LE", true, false));
///
/// let err = decode(b"abc", Some("klingon")).unwrap_err();
/// assert!(err.to_string().starts_with("unknown encoding label \"klingon\""));
/// ```
pub fn decode(bytes: &[u8], encoding: Option<&str>) -> Result<Decoded, DecodeError> {
    decode_within(bytes, encoding, MAX_BYTES)
}

/// [`decode`] with another size limit than [`MAX_BYTES`]: a file of a whole
/// corpus (a project's export) is larger than any one text it holds.
pub fn decode_within(
    bytes: &[u8],
    encoding: Option<&str>,
    max_bytes: usize,
) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeErrorKind::Empty.into());
    }
    if bytes.len() > max_bytes {
        return Err(DecodeErrorKind::TooLarge {
            bytes: bytes.len(),
            limit: max_bytes,
        }
        .into());
    }
    if let Some((format, signature)) = signature(bytes) {
        return Err(DecodeErrorKind::NotText { format, signature }.into());
    }
    let raw = match encoding {
        Some(label) => decode_labelled(bytes, label)?,
        None => decode_detected(bytes)?,
    };
    let detected_legacy = raw.detected && raw.encoding != UTF_8 && !raw.bom;
    // A legacy encoding was guessed for bytes that are UTF-8 but for a few:
    // saying where UTF-8 breaks helps more than a garbled text, or than
    // "binary" when the guess cannot read them as a text at all.
    if detected_legacy {
        if let Some(e) = nearly_utf8(bytes, true) {
            return Err(e);
        }
    }
    match finish(raw) {
        Err(e)
            if detected_legacy
                && matches!(
                    e.kind(),
                    DecodeErrorKind::ControlChars { .. } | DecodeErrorKind::Undecodable { .. }
                ) =>
        {
            Err(nearly_utf8(bytes, false).unwrap_or(e))
        }
        other => other,
    }
}

/// At most this many bad sequences make a file "UTF-8 with a few bad
/// bytes" rather than a file in another encoding.
const FEW_BAD_UTF8: usize = 3;

/// The refusal of `bytes` as UTF-8 with a few bad bytes, when they are
/// that: at most [`FEW_BAD_UTF8`] bad sequences, and, when
/// `need_valid`, at least as many valid multi-byte characters as bad
/// sequences (a GBK or Big5 text rarely forms even one).
fn nearly_utf8(bytes: &[u8], need_valid: bool) -> Option<DecodeError> {
    let Utf8Faults {
        valid,
        bad,
        first_bad,
        ..
    } = utf8_faults(bytes);
    let at = first_bad?;
    if bad > FEW_BAD_UTF8 || (need_valid && valid < bad.max(1)) {
        return None;
    }
    Some(
        DecodeErrorKind::InvalidUtf8 {
            at,
            line: bytes
                .get(..at)
                .unwrap_or_default()
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1,
            byte: bytes.get(at).copied().unwrap_or(0),
            count: bad,
        }
        .into(),
    )
}

/// A decoding before the checks on the text.
struct Raw {
    text: String,
    encoding: &'static Encoding,
    bom: bool,
    detected: bool,
    replaced: usize,
    /// Code point index of the first U+FFFD inserted.
    first_replaced: Option<usize>,
}

fn decode_labelled(bytes: &[u8], label: &str) -> Result<Raw, DecodeError> {
    let encoding = Encoding::for_label(label.as_bytes()).ok_or_else(|| {
        DecodeError::from(DecodeErrorKind::UnknownEncoding {
            label: label.to_owned(),
        })
    })?;
    if encoding == REPLACEMENT {
        return Err(DecodeErrorKind::UnsupportedEncoding {
            label: label.to_owned(),
            reason: "the WHATWG standard maps it to \"replacement\" (it is unsafe on the Web), which turns any text into one U+FFFD; save the file as UTF-8",
        }
        .into());
    }
    let (skip, bom) = match sniff_bom(bytes) {
        Some((named, len)) if named == encoding || (named == GB18030 && encoding == GBK) => {
            (len, true)
        }
        _ => (0, false),
    };
    let mut raw = decode_after(bytes, skip, encoding)?;
    raw.bom = bom;
    raw.detected = false;
    Ok(raw)
}

/// Decodes what follows the first `skip` bytes (a BOM) with a known
/// encoding; positions in errors count from the start of the file.
fn decode_after(
    bytes: &[u8],
    skip: usize,
    encoding: &'static Encoding,
) -> Result<Raw, DecodeError> {
    let body = bytes.get(skip..).unwrap_or_default();
    if encoding == UTF_16LE || encoding == UTF_16BE {
        decode_utf16(body, encoding, skip)
    } else {
        refuse_nul(body, skip)?;
        Ok(decode_with(body, encoding))
    }
}

fn decode_detected(bytes: &[u8]) -> Result<Raw, DecodeError> {
    if let Some(name) = sniff_utf32(bytes) {
        return Err(DecodeErrorKind::UnsupportedEncoding {
            label: name.to_owned(),
            reason: "the file starts with a UTF-32 byte order mark, and UTF-32 is not read here (browsers do not read it either); save it as UTF-8",
        }
        .into());
    }
    if let Some((encoding, len)) = sniff_bom(bytes) {
        let mut raw = decode_after(bytes, len, encoding)?;
        raw.bom = true;
        raw.detected = false;
        return Ok(raw);
    }
    if bytes.contains(&0) {
        return match sniff_utf16(bytes) {
            Some(encoding) => decode_utf16(bytes, encoding, 0),
            None => Err(nul_error(bytes, 0)),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Raw {
            text: text.to_owned(),
            encoding: UTF_8,
            bom: false,
            detected: true,
            replaced: 0,
            first_replaced: None,
        });
    }
    if mostly_utf8(bytes) {
        return Ok(decode_with(bytes, UTF_8));
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut encoding = detector.guess(None, Utf8Detection::Deny);
    if encoding == GBK && has_gb18030_four_byte(bytes) {
        encoding = GB18030;
    }
    Ok(decode_with(bytes, encoding))
}

/// The encoding a byte order mark names, and the BOM's length.
fn sniff_bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some((UTF_8, 3))
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some((UTF_16LE, 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((UTF_16BE, 2))
    } else if bytes.starts_with(b"\x84\x31\x95\x33") {
        Some((GB18030, 4))
    } else {
        None
    }
}

fn sniff_utf32(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE\0\0") {
        Some("UTF-32LE")
    } else if bytes.starts_with(b"\0\0\xFE\xFF") {
        Some("UTF-32BE")
    } else {
        None
    }
}

/// Known binary formats by their first bytes: what it looks like, and the
/// signature as printable text.
fn signature(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const PREFIXES: &[(&[u8], &str, &str)] = &[
        (b"%PDF-", "a PDF document", "%PDF-"),
        (b"\x89PNG\r\n\x1A\n", "a PNG image", "\\x89PNG"),
        (b"\xFF\xD8\xFF", "a JPEG image", "\\xFF\\xD8\\xFF"),
        (b"GIF87a", "a GIF image", "GIF87a"),
        (b"GIF89a", "a GIF image", "GIF89a"),
        (
            b"PK\x03\x04",
            "a ZIP archive (a .docx, .xlsx, .pptx, .odt or .epub file is one too)",
            "PK\\x03\\x04",
        ),
        (b"PK\x05\x06", "an empty ZIP archive", "PK\\x05\\x06"),
        (b"PK\x07\x08", "a ZIP archive", "PK\\x07\\x08"),
        (b"\x1F\x8B", "a gzip archive", "\\x1F\\x8B"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive", "7z\\xBC\\xAF"),
        (b"Rar!\x1A\x07", "a RAR archive", "Rar!\\x1A\\x07"),
        (b"\xFD7zXZ\0", "an xz archive", "\\xFD7zXZ"),
        (b"\x7FELF", "an ELF program or library", "\\x7FELF"),
        (b"\0asm", "a WebAssembly module", "\\0asm"),
        (
            b"SQLite format 3\0",
            "an SQLite database",
            "SQLite format 3",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Microsoft Office file (.doc, .xls or .ppt)",
            "\\xD0\\xCF\\x11\\xE0",
        ),
    ];
    for &(prefix, format, shown) in PREFIXES {
        if bytes.starts_with(prefix) {
            return Some((format, shown));
        }
    }
    // bzip2: "BZh", a block size digit, then the block magic (pi in BCD).
    if let (Some(b"BZh"), Some(level), Some(b"1AY&SY")) =
        (bytes.get(..3), bytes.get(3), bytes.get(4..10))
    {
        if level.is_ascii_digit() {
            return Some(("a bzip2 archive", "BZh"));
        }
    }
    if bytes.get(..4) == Some(b"RIFF") {
        match bytes.get(8..12) {
            Some(b"WEBP") => return Some(("a WebP image", "RIFF....WEBP")),
            Some(b"WAVE") => return Some(("a WAV sound file", "RIFF....WAVE")),
            Some(b"AVI ") => return Some(("an AVI video", "RIFF....AVI")),
            _ => {}
        }
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        return Some(("an MP4 or QuickTime video (or a HEIC image)", "....ftyp"));
    }
    None
}

fn nul_error(bytes: &[u8], offset: usize) -> DecodeError {
    let at = bytes.iter().position(|&b| b == 0).unwrap_or(0) + offset;
    DecodeErrorKind::NulByte { at }.into()
}

fn refuse_nul(body: &[u8], offset: usize) -> Result<(), DecodeError> {
    if body.contains(&0) {
        Err(nul_error(body, offset))
    } else {
        Ok(())
    }
}

fn unit_at(pair: &[u8], encoding: &'static Encoding) -> u16 {
    match pair {
        [a, b] if encoding == UTF_16BE => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0,
    }
}

/// Whether a code point is one that texts are made of: letters of the
/// common scripts, CJK, punctuation, symbols, whitespace.
fn common_in_text(c: char) -> bool {
    matches!(u32::from(c),
        0x09 | 0x0A | 0x0C | 0x0D | 0x20..=0x7E
        | 0xA0..=0x24F      // Latin-1, Latin Extended
        | 0x370..=0x52F     // Greek, Cyrillic
        | 0x590..=0x6FF     // Hebrew, Arabic
        | 0xE00..=0xE7F     // Thai
        | 0x1E00..=0x1EFF   // Latin Extended Additional (Vietnamese)
        | 0x2000..=0x2BFF   // punctuation, symbols, arrows, box drawing
        | 0x2E80..=0x9FFF   // CJK radicals, punctuation, kana, Hangul Jamo, CJK
        | 0xAC00..=0xD7A3   // Hangul syllables
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0xFE30..=0xFE4F   // CJK compatibility forms
        | 0xFEFF
        | 0xFF00..=0xFFEF   // full-width and half-width forms
        | 0x1F000..=0x1FAFF // emoji
        | 0x20000..=0x3134F // CJK extensions B to G
    )
}

/// UTF-16 without a BOM (the bytes hold a NUL): the endianness whose units
/// look like text, if one does.
///
/// Both readings are tried rather than trusting the parity of the NULs:
/// Chinese in UTF-16 has NULs on both sides (一 is U+4E00, a line feed
/// U+000A). A reading looks like text when at least 90% of its characters
/// are [common in texts](common_in_text) and at most half of its units are
/// two printable ASCII bytes, which is what an ASCII or UTF-8 text with a
/// stray NUL gives ("ab" reads as U+6261).
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let total = bytes.len() / 2;
    if total == 0 {
        return None;
    }
    let ascii_pairs = bytes
        .chunks_exact(2)
        .filter(|p| p.iter().all(|b| (0x20..0x7F).contains(b)))
        .count();
    if ascii_pairs.saturating_mul(2) > total {
        return None;
    }
    let share = |encoding: &'static Encoding| {
        let units = bytes.chunks_exact(2).map(|p| unit_at(p, encoding));
        char::decode_utf16(units)
            .filter(|r| r.as_ref().is_ok_and(|&c| common_in_text(c)))
            .map(|r| r.map_or(1, char::len_utf16))
            .sum::<usize>()
    };
    let (le, be) = (share(UTF_16LE), share(UTF_16BE));
    let (encoding, common) = if le >= be {
        (UTF_16LE, le)
    } else {
        (UTF_16BE, be)
    };
    (common.saturating_mul(10) >= total.saturating_mul(9)).then_some(encoding)
}

/// UTF-16 by hand, to refuse a lone surrogate with its position (encoding_rs
/// would silently make it U+FFFD). `offset` is where `body` starts in the file.
fn decode_utf16(
    body: &[u8],
    encoding: &'static Encoding,
    offset: usize,
) -> Result<Raw, DecodeError> {
    let units = body.chunks_exact(2).map(|p| unit_at(p, encoding));
    let mut text = String::with_capacity(body.len().saturating_mul(3) / 2);
    let mut unit_index = 0usize;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                text.push(c);
                unit_index += c.len_utf16();
            }
            Err(e) => {
                return Err(DecodeErrorKind::LoneSurrogate {
                    encoding: encoding.name(),
                    unit: e.unpaired_surrogate(),
                    at: offset + unit_index * 2,
                }
                .into());
            }
        }
    }
    let (mut replaced, mut first_replaced) = (0, None);
    if body.len() % 2 == 1 {
        // The file ends in the middle of a unit.
        first_replaced = Some(crate::offsets::len_cp(&text));
        text.push('\u{FFFD}');
        replaced = 1;
    }
    Ok(Raw {
        text,
        encoding,
        bom: false,
        detected: true,
        replaced,
        first_replaced,
    })
}

/// How far from valid UTF-8 some bytes are.
struct Utf8Faults {
    /// Valid multi-byte characters.
    valid: usize,
    /// Bad sequences (a cut last character counted).
    bad: usize,
    /// Byte offset of the first bad sequence.
    first_bad: Option<usize>,
    /// Whether the bytes end in the middle of a character.
    cut_at_end: bool,
}

fn utf8_faults(bytes: &[u8]) -> Utf8Faults {
    let mut f = Utf8Faults {
        valid: 0,
        bad: 0,
        first_bad: None,
        cut_at_end: false,
    };
    let mut rest = bytes;
    let mut offset = 0;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                f.valid += s.bytes().filter(|&b| b >= 0xC0).count();
                return f;
            }
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                f.valid += good.iter().filter(|&&b| b >= 0xC0).count();
                f.bad += 1;
                f.first_bad.get_or_insert(offset + e.valid_up_to());
                match e.error_len() {
                    Some(n) => {
                        offset += e.valid_up_to() + n;
                        rest = after.get(n..).unwrap_or_default();
                    }
                    None => {
                        f.cut_at_end = true;
                        return f;
                    }
                }
            }
        }
    }
}

/// Whether bytes that are not valid UTF-8 are still better read as UTF-8:
/// only the last character is cut, or at most 1 bad sequence per 100 valid
/// non-ASCII characters (at least 20 of them).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let Utf8Faults {
        valid,
        bad,
        cut_at_end,
        ..
    } = utf8_faults(bytes);
    (bad == 1 && cut_at_end && valid >= 1) || (valid >= 20 && bad.saturating_mul(100) <= valid)
}

/// Whether GBK-looking bytes use GB18030's four-byte sequences.
fn has_gb18030_four_byte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
        } else if bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
            return true;
        } else {
            i += 2;
        }
    }
    false
}

/// Decodes with encoding_rs, counting the U+FFFD it inserts.
fn decode_with(body: &[u8], encoding: &'static Encoding) -> Raw {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len());
    let mut text = String::with_capacity(capacity);
    let (mut replaced, mut first_replaced) = (0usize, None);
    let mut read = 0;
    loop {
        let rest = body.get(read..).unwrap_or_default();
        let (result, n) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(body.len().saturating_sub(read))
                    .unwrap_or(16);
                text.reserve(more.max(16));
            }
            DecoderResult::Malformed(_, _) => {
                if first_replaced.is_none() {
                    first_replaced = Some(crate::offsets::len_cp(&text));
                }
                text.push('\u{FFFD}');
                replaced += 1;
            }
        }
    }
    Raw {
        text,
        encoding,
        bom: false,
        detected: true,
        replaced,
        first_replaced,
    }
}

/// Whether `c` is a control character that makes a text look binary: any
/// but the whitespace ones (tab, line feed, vertical tab, form feed,
/// carriage return, U+0085 next line). Those are line and page breaks a
/// text may hold, and that a text accepted elsewhere (a native file's) is
/// written with in brat's `.txt` or a JSONL line: what biaozhu writes, it
/// must read. (U+2028 and U+2029 are separators, not controls.) The
/// information separators U+001C–U+001F are not counted either: Python
/// reads U+001C–U+001E as line ends, and a text may hold them as such.
fn counts_as_binary(c: char) -> bool {
    c.is_control() && !c.is_whitespace() && !('\u{1c}'..='\u{1f}').contains(&c)
}

/// The checks on the decoded text, and its warnings.
fn finish(raw: Raw) -> Result<Decoded, DecodeError> {
    let Raw {
        text,
        encoding,
        bom,
        detected,
        replaced,
        first_replaced,
    } = raw;
    if text.is_empty() {
        return Err(if bom {
            DecodeErrorKind::BomOnly {
                encoding: encoding.name(),
            }
        } else {
            DecodeErrorKind::Empty
        }
        .into());
    }

    let (mut chars, mut blank) = (0usize, true);
    let (mut controls, mut first_control) = (0usize, None);
    let (mut feffs, mut first_feff) = (0usize, 0usize);
    let (mut crlf, mut lf, mut cr, mut after_cr) = (0usize, 0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '\n' if after_cr => crlf += 1,
            '\n' => lf += 1,
            _ if after_cr => cr += 1,
            _ => {}
        }
        after_cr = c == '\r';
        if blank && !c.is_whitespace() {
            blank = false;
        }
        if counts_as_binary(c) {
            if first_control.is_none() {
                first_control = Some((c, chars));
            }
            controls += 1;
        }
        if c == '\u{FEFF}' {
            if feffs == 0 {
                first_feff = chars;
            }
            feffs += 1;
        }
        chars += 1;
    }
    if after_cr {
        cr += 1;
    }

    if blank {
        return Err(DecodeErrorKind::WhitespaceOnly { chars }.into());
    }
    if let Some((first, first_at)) = first_control {
        if controls.saturating_mul(100) > chars.saturating_mul(MAX_CONTROL_PERCENT) {
            return Err(DecodeErrorKind::ControlChars {
                count: controls,
                chars,
                first,
                first_at,
            }
            .into());
        }
    }
    if replaced > 1 && replaced.saturating_mul(100) > chars.saturating_mul(MAX_REPLACED_PERCENT) {
        return Err(DecodeErrorKind::Undecodable {
            encoding: encoding.name(),
            replaced,
            chars,
        }
        .into());
    }

    let mut warnings = Vec::new();
    if let Some(at) = first_replaced {
        let what = if replaced == 1 {
            "1 byte sequence could not be decoded".to_owned()
        } else {
            format!("{replaced} byte sequences could not be decoded")
        };
        warnings.push(format!(
            "{what} as {} and show as U+FFFD (the first at code point {at})",
            encoding.name()
        ));
    }
    if feffs > 0 {
        let more = if feffs > 1 {
            format!(" (and {} more)", feffs - 1)
        } else {
            String::new()
        };
        warnings.push(format!(
            "the text holds a byte order mark (U+FEFF) at code point {first_feff}{more}; it is kept as it is"
        ));
    }
    let endings: Vec<String> = [(crlf, "CRLF"), (lf, "LF"), (cr, "CR")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, name)| format!("{n} {name}"))
        .collect();
    if endings.len() > 1 {
        warnings.push(format!(
            "the text mixes line endings: {} (kept as they are)",
            endings.join(", ")
        ));
    }

    Ok(Decoded {
        text,
        encoding: encoding.name(),
        bom,
        detected,
        replaced,
        warnings,
    })
}
