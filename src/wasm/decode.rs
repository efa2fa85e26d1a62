//! Bindings for decoding bytes to text.
