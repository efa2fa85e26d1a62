//! Not yet written.
use super::{ExportError, Exported, ImportError, ImportErrorKind};
use crate::annotation::AnnotatedDocument;
use crate::segment::Segmentation;

pub(crate) fn looks_like_conll(_content: &str) -> bool {
    false
}

pub(crate) fn export_char(_doc: &AnnotatedDocument) -> Exported {
    Exported::default()
}

pub(crate) fn export_word(
    _doc: &AnnotatedDocument,
    _w: &Segmentation,
) -> Result<Exported, ExportError> {
    Ok(Exported::default())
}

pub(crate) fn import(
    file: &str,
    _content: &str,
    _text: Option<&str>,
) -> Result<AnnotatedDocument, ImportError> {
    Err(ImportError::new(
        file,
        ImportErrorKind::Syntax("not yet supported".into()),
    ))
}
