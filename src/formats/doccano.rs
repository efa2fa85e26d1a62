//! Not yet written.
use super::{ExportError, Exported, ImportError, ImportErrorKind};
use crate::annotation::AnnotatedDocument;

pub(crate) fn export(_doc: &AnnotatedDocument) -> Result<Exported, ExportError> {
    Ok(Exported::default())
}

pub(crate) fn import(file: &str, _content: &str) -> Result<AnnotatedDocument, ImportError> {
    Err(ImportError::new(
        file,
        ImportErrorKind::Syntax("not yet supported".into()),
    ))
}
