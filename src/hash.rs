//! The identity of a text: the SHA-256 of its exact UTF-8 bytes.
//!
//! Exports carry it so an import can tell whether annotations were made on
//! this very text; the page keys its saved documents by it.
//!
//! ```
//! assert_eq!(
//!     biaozhu::hash::sha256_hex(""),
//!     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
//! );
//! ```
//!
//! A text that arrives in pieces is hashed piece by piece with
//! [`Sha256Hex`], to the same digest.

use sha2::{Digest, Sha256};

/// Lowercase hex SHA-256 of `text`'s UTF-8 bytes.
pub fn sha256_hex(text: &str) -> String {
    let mut hasher = Sha256Hex::new();
    hasher.update(text);
    hasher.finish()
}

/// SHA-256 of a text fed in pieces, as [`sha256_hex`] gives it for the
/// whole text.
///
/// SHA-256 reads its input in 64-byte blocks and keeps the unfinished block
/// between calls, so the pieces may be cut anywhere.
///
/// ```
/// use biaozhu::hash::{sha256_hex, Sha256Hex};
///
/// let mut hasher = Sha256Hex::new();
/// hasher.update("𠮷野");
/// hasher.update("家\r\n");
/// assert_eq!(hasher.finish(), sha256_hex("𠮷野家\r\n"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Sha256Hex {
    inner: Sha256,
}

impl Sha256Hex {
    /// A hasher that has seen nothing yet.
    pub fn new() -> Sha256Hex {
        Sha256Hex::default()
    }

    /// Feeds the UTF-8 bytes of the next piece of text.
    pub fn update(&mut self, piece: &str) {
        self.inner.update(piece.as_bytes());
    }

    /// The lowercase hex digest of everything fed so far.
    pub fn finish(self) -> String {
        hex(&self.finish_bytes())
    }

    /// The digest's 32 bytes, for a caller that writes it in more than one
    /// form (W3C names a text by hex and by base64).
    pub fn finish_bytes(self) -> [u8; 32] {
        self.inner.finalize().into()
    }
}

/// Lowercase hex of a digest, for a caller that needs the digest's bytes
/// too (W3C names the text by both, from one pass over a long text).
pub fn hex(digest: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(digest.len() * 2);
    for &b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xF)]));
    }
    out
}
