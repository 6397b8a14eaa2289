"""File type from magic bytes. The extension a producer gave is never trusted."""

from __future__ import annotations

from pipeline.domain.model import FileType

# How many leading bytes ``detect_file_type`` needs.
MAGIC_BYTES = 16


def detect_file_type(head: bytes) -> FileType:
    if not head:
        return FileType.EMPTY
    # PDF readers accept a header anywhere in the first KiB; real files start with it.
    if head.startswith(b"%PDF-"):
        return FileType.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileType.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileType.JPEG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return FileType.TIFF
    return FileType.UNSUPPORTED


def describe_bytes(head: bytes) -> str:
    """A short human description of unsupported content, for error messages."""
    if head.startswith((b"PK\x03\x04",)):
        return "a ZIP/Office file"
    if head.startswith(b"GIF8"):
        return "a GIF image"
    if head.startswith(b"{\\rtf"):
        return "an RTF document"
    if head.startswith((b"<html", b"<!DOCTYPE", b"<?xml")):
        return "HTML/XML markup"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "unrecognised binary data"
    return "plain text"
