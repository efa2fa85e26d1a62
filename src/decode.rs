//! Bytes to text: BOMs, UTF-8, then detection of legacy encodings.
