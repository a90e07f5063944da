"""The receipt PDF: text checked with pdftotext (German and Arabic), QR code decoded with zbarimg."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from openarea.models import Receipt
from openarea.receipts import pdf
from tests import factories

pytestmark = pytest.mark.django_db


def _text(content: bytes, tmp_path) -> str:
    path = tmp_path / "receipt.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())  # lines wrap wherever the layout puts them


def test_the_receipt_pdf_says_what_arrived_when_in_german_and_arabic(tmp_path):
    office = factories.OfficeFactory(name="Jobcenter Stuttgart Mitte")
    receipt = factories.receipt(office=office, applicant_name="Canary Ayşe", language="ar")
    content = pdf.receipt_pdf(receipt, verify_url=f"https://infopoint.example/verify/{receipt.verification_code}")
    assert content.startswith(b"%PDF")
    text = _text(content, tmp_path)
    assert "Landeshauptstadt Stuttgart" in text
    assert "EINGANGSBESTÄTIGUNG" in text
    assert receipt.display_number in text
    assert "Canary Ayşe" in text
    assert "Jobcenter Stuttgart Mitte" in text
    assert "Mietvertrag" in text
    assert "Eingegangen am" in text
    assert "§ 16 Abs. 2 SGB I" in text
    assert "Ihr Antrag gilt als am" in text
    assert "طلبك" in text  # "your application", from the Arabic sentence beside the German one


def test_the_qr_code_decodes_to_the_verification_link(tmp_path):
    if not shutil.which("zbarimg"):
        pytest.fail("zbarimg is missing: install zbar-tools (make test installs it)")
    receipt = factories.receipt()
    link = f"https://infopoint.example/verify/{receipt.verification_code}"
    (tmp_path / "receipt.pdf").write_bytes(pdf.receipt_pdf(receipt, verify_url=link))
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(tmp_path / "receipt.pdf"), str(tmp_path / "page")], check=True)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "page.png")], capture_output=True, text=True, check=True).stdout.strip()
    assert decoded == link


def test_the_printed_receipt_is_stored_with_its_sha256_and_reprinted_byte_for_byte(advisor_client, advisor):
    import hashlib

    receipt = factories.receipt(actor=advisor)
    first = advisor_client.get(reverse("openarea:receipt-pdf", kwargs={"pk": receipt.pk}))
    second = advisor_client.get(reverse("openarea:receipt-pdf", kwargs={"pk": receipt.pk}))
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert first.content == second.content
    stored = Receipt.objects.get(pk=receipt.pk).document
    assert stored.sha256 == hashlib.sha256(first.content).hexdigest()


def test_a_cancelling_receipt_names_the_original(tmp_path):
    from openarea.receipts.services import receipt_cancel

    original = factories.receipt()
    cancellation = receipt_cancel(original=original, actor=factories.advisor(), reason="Falsche Leistung gewählt")
    text = _text(pdf.receipt_pdf(cancellation, verify_url="https://infopoint.example/verify/x"), tmp_path)
    assert "STORNIERUNG" in text.upper()
    assert original.display_number in text
    assert "Falsche Leistung gewählt" in text


def test_the_stamp_label_fits_on_one_small_page(tmp_path):
    receipt = factories.receipt()
    path = tmp_path / "label.pdf"
    path.write_bytes(pdf.stamp_label_pdf(receipt))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
    assert receipt.display_number in _text(path.read_bytes(), tmp_path)
