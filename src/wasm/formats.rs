//! Bindings for the exchange formats.
