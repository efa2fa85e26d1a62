//! Not yet written.
use super::{Exported, ImportError, ImportErrorKind};
use crate::annotation::AnnotatedDocument;

pub(crate) fn export(_doc: &AnnotatedDocument) -> Exported {
    Exported::default()
}

pub(crate) fn import(file: &str, _content: &str) -> Result<AnnotatedDocument, ImportError> {
    Err(ImportError::new(
        file,
        ImportErrorKind::Syntax("not yet supported".into()),
    ))
}
