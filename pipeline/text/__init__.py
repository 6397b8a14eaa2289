"""Pages out of a file: the pypdf text layer where it carries real text, OCR (tesseract)
otherwise.

    with open_document(path, file_type, TextLimits.from_settings(settings)) as doc:
        for number in range(1, doc.page_count + 1):
            page = doc.text_layer(number) or doc.ocr(number)

``open_document`` checks the file up front and raises the domain errors (EmptyFile,
UnsupportedFileType, EncryptedDocument, CorruptDocument, TooManyPages, ImageTooLarge); ``ocr``
may raise OcrTimeout (permanent) or OcrUnavailable (retryable).
"""

from pipeline.text.document import DocumentText, TextLimits, open_document

__all__ = ["DocumentText", "TextLimits", "open_document"]
