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

use sha2::{Digest, Sha256};

/// Lowercase hex SHA-256 of `text`'s UTF-8 bytes.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
