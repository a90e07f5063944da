"""What an uploaded form must be before the kiosk prints it: a PDF, and nothing but a PDF.

The forms catalogue used to look only at the first five bytes (``%PDF-``); an HTML page
with that prefix was stored and served (issue 21). Now every upload is parsed with pypdf
and refused when

* it is not a PDF a parser can read (or it is locked with a password),
* it carries JavaScript: a ``/JS`` entry, a ``/JavaScript`` name tree or action (also as
  the ``/OpenAction`` run when the file opens), an ``/AA`` (additional actions, run when a
  page opens or a field changes), or a ``/Launch`` action that starts a program,
* it carries files: ``/EmbeddedFiles``, a file specification with ``/EF``, an
  ``/EmbeddedFile`` stream,
* its bytes read as HTML to a browser that sniffs (``<html``, ``<script`` …): a polyglot.

Every object the cross-reference table lists is looked at (also those inside object
streams), and the raw bytes are searched as well, with ``#xx`` escapes in names decoded:
so an object the table does not list, an escaped name (``/J#53``) or bytes appended after
``%%EOF`` cannot hide. A PDF that fails is refused as a whole; staff are told what to do
(print it to a new PDF, which drops scripts and attachments).
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

# pypdf says a lot about damaged files on its own logger; the verdict is what matters here.
logging.getLogger("pypdf").setLevel(logging.ERROR)

PDF_MAGIC = b"%PDF-"
_HEADER = re.compile(rb"%PDF-[12]\.\d")
# Names that mean code or files, in whatever dictionary they stand.
_SCRIPT_KEYS = {"/JS", "/JavaScript", "/AA"}
_FILE_KEYS = {"/EmbeddedFiles", "/EF", "/EmbeddedFile", "/RichMedia"}
# An /OpenAction that only opens a page (a destination, a GoTo) is harmless; one that runs
# a script or starts a program is refused through its action type.
_SCRIPT_ACTIONS = {"/JavaScript", "/Launch"}
# What a browser's HTML sniffer (and an HTML parser reading the file) would act on. None of
# these can be part of a PDF's own syntax: "<" opens a hex string (hex digits only) or "<<".
_HTML = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|iframe|frame|frameset|svg|img|object|embed|meta|link|style|base|form|title|a\s+href|xml-stylesheet)\b",
    re.IGNORECASE,
)
_RAW_NAME = re.compile(rb"/(?:[A-Za-z0-9_.\-+]|#[0-9A-Fa-f]{2})+")
# Stream data (compressed, binary) is left out of the name search: three random bytes would
# spell "/JS" too often. What streams hold is checked through the parser.
_STREAM_DATA = re.compile(rb"\bstream\r?\n.*?\bendstream", re.DOTALL)
_MAX_DEPTH = 64


@dataclass(frozen=True)
class PdfRefusal(Exception):
    """Why a file is refused: ``code`` is one of not_pdf, encrypted, javascript, embedded_file, html."""

    code: str
    detail: str = ""


def _decode_name(raw: bytes) -> str:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda match: bytes([int(match.group(1), 16)]), raw).decode("latin-1")


def _scan_raw(data: bytes) -> None:
    if _HTML.search(data):
        raise PdfRefusal("html", "HTML markup in the file")
    for match in _RAW_NAME.finditer(_STREAM_DATA.sub(b" ", data)):
        name = _decode_name(match.group())
        if name in _SCRIPT_KEYS or name == "/Launch":
            raise PdfRefusal("javascript", name)
        if name in _FILE_KEYS:
            raise PdfRefusal("embedded_file", name)


def _check_dictionary(value, depth: int = 0) -> None:
    """One object as stored, with its direct (not referenced) parts; references are checked on their own."""
    if depth > _MAX_DEPTH:
        raise PdfRefusal("not_pdf", "nested too deep")
    if isinstance(value, IndirectObject):
        return
    if isinstance(value, (DictionaryObject, StreamObject)):
        for key, item in value.items():
            if key in _SCRIPT_KEYS:
                raise PdfRefusal("javascript", str(key))
            if key in _FILE_KEYS:
                raise PdfRefusal("embedded_file", str(key))
            if key == "/S" and isinstance(item, NameObject) and item in _SCRIPT_ACTIONS:
                raise PdfRefusal("javascript", str(item))
            if key == "/Type" and isinstance(item, NameObject) and item in _FILE_KEYS:
                raise PdfRefusal("embedded_file", str(item))
            _check_dictionary(item, depth + 1)
    elif isinstance(value, ArrayObject):
        for item in value:
            _check_dictionary(item, depth + 1)


def _check_xfa(reader: PdfReader) -> None:
    """XFA forms keep their scripts in XML streams, usually compressed: look inside."""
    acroform = reader.trailer["/Root"].get("/AcroForm")
    acroform = acroform.get_object() if acroform is not None else None
    xfa = acroform.get("/XFA") if isinstance(acroform, DictionaryObject) else None
    if xfa is None:
        return
    xfa = xfa.get_object()
    parts = [xfa] if isinstance(xfa, StreamObject) else [part.get_object() for part in xfa if isinstance(part, IndirectObject)]
    for part in parts:
        if isinstance(part, StreamObject) and re.search(rb"<\s*script\b|javascript", part.get_data(), re.IGNORECASE):
            raise PdfRefusal("javascript", "XFA script")


def check_pdf(data: bytes) -> int:
    """Raise ``PdfRefusal`` unless ``data`` is a PDF without scripts, files or HTML; returns its page count."""
    if not data.startswith(PDF_MAGIC) or not _HEADER.match(data):
        raise PdfRefusal("not_pdf", "no PDF header")
    _scan_raw(data)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfRefusal("encrypted")
        pages = len(reader.pages)
        _check_dictionary(reader.trailer)
        numbers = {(number, generation) for generation, table in reader.xref.items() for number in table}
        numbers |= {(number, 0) for number in reader.xref_objStm}
        for number, generation in sorted(numbers):
            obj = reader.get_object(IndirectObject(number, generation, reader))
            if obj is not None:
                _check_dictionary(obj)
        _check_xfa(reader)
    except PdfRefusal:
        raise
    except RecursionError as error:
        raise PdfRefusal("not_pdf", "nested too deep") from error
    except Exception as error:  # noqa: BLE001 - whatever the parser trips over, the file is not usable
        raise PdfRefusal("not_pdf", f"{type(error).__name__}") from error
    if pages < 1:
        raise PdfRefusal("not_pdf", "no pages")
    return pages
