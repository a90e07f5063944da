"""Handing out a catalogue PDF: checked again as it leaves, with a type no browser second-guesses.

Staff and the public pages get the file as a download (``Content-Disposition: attachment``):
the browser saves it instead of rendering it in the Infopoint's origin. The kiosk alone gets
it inline, because its "Print" button prints the PDF from a hidden frame of the kiosk page
(static/js/kiosk-print.js) and a download cannot be printed there; the kiosk's copy passed the
same parse as every other (no scripts, no attached files, no HTML). Every answer is
``application/pdf`` with ``X-Content-Type-Options: nosniff``.

A file stored before uploads were parsed (issue 21) is checked here too: one that fails is
not handed out (404) and the refusal goes to the security log.
"""

from __future__ import annotations

import io
import logging

from django.http import FileResponse, Http404

from openarea.catalogue.pdf_check import PdfRefusal, check_pdf
from openarea.models import PrintableForm
from openarea.models.catalogue import MAX_PDF_BYTES

security_log = logging.getLogger("infopoint.security")


def form_pdf_response(form: PrintableForm, *, attachment: bool) -> FileResponse:
    with form.pdf.open("rb") as stored:
        data = stored.read(MAX_PDF_BYTES + 1)
    try:
        if len(data) > MAX_PDF_BYTES:
            raise PdfRefusal("not_pdf", "too large")
        check_pdf(data)
    except PdfRefusal as refusal:
        security_log.warning(
            "stored pdf refused", extra={"event": "stored_pdf_refused", "form": form.slug, "reason": refusal.code}
        )
        raise Http404 from None
    response = FileResponse(io.BytesIO(data), content_type="application/pdf", as_attachment=attachment, filename=f"{form.slug}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response
