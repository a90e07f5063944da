"""The informal application (formloser Antrag) and the power of attorney (Vollmacht)."""

import subprocess
import uuid

import pytest
from django.urls import reverse

from openarea.models import Receipt
from tests import factories

pytestmark = pytest.mark.django_db


def _text(content: bytes, tmp_path) -> str:
    (tmp_path / "doc.pdf").write_bytes(content)
    out = subprocess.run(["pdftotext", str(tmp_path / "doc.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


@pytest.mark.parametrize(
    ("variant", "german", "law"),
    [
        ("sgb2", "Hiermit beantrage ich Leistungen zur Sicherung des Lebensunterhalts", "§ 37 SGB II"),
        ("sgb12_hlu", "Hiermit setze ich Sie von meiner Notlage in Kenntnis", "§ 18 Abs. 1 SGB XII"),
        ("sgb12_grusi", "Grundsicherung im Alter und bei Erwerbsminderung", "§§ 41, 44 SGB XII"),
        ("wohngeld", "Hiermit beantrage ich Wohngeld", "§ 22 WoGG"),
    ],
)
def test_the_informal_application_becomes_a_receipt_and_prints_german_with_the_translation(advisor_client, tmp_path, variant, german, law):
    office = factories.OfficeFactory(name="Sozialamt Stuttgart")
    data = {"variant": variant, "applicant_name": "Canary Yılmaz", "birth_date": "1970-05-04", "address": "Königstr. 1, 70173 Stuttgart", "office": office.pk, "language": "tr", "token": str(uuid.uuid4())}
    response = advisor_client.post(reverse("openarea:receipt-informal-new"), data)
    receipt = Receipt.objects.get()
    assert response["Location"] == receipt.get_absolute_url()
    assert receipt.items[0]["description"].startswith("Formloser Antrag (unterschrieben)")
    letter = advisor_client.get(reverse("openarea:receipt-letter", kwargs={"pk": receipt.pk}))
    text = _text(letter.content, tmp_path)
    assert german in text and law in text
    assert "§ 16 Abs. 2 SGB I" in text
    assert "Canary Yılmaz" in text and "04.05.1970" in text
    assert "İşbu dilekçe ile" in text  # Turkish beside the German
    assert receipt.display_number in text


def test_an_informal_application_needs_a_name(advisor_client):
    office = factories.OfficeFactory()
    response = advisor_client.post(reverse("openarea:receipt-informal-new"), {"variant": "sgb2", "applicant_name": "", "office": office.pk, "language": "de"})
    assert response.status_code == 400
    assert not Receipt.objects.exists()


def test_a_receipt_without_an_informal_application_has_no_letter(advisor_client, advisor):
    receipt = factories.receipt(actor=advisor)
    assert advisor_client.get(reverse("openarea:receipt-letter", kwargs={"pk": receipt.pk})).status_code == 404


def test_the_power_of_attorney_prints_in_german_with_arabic_beside_it(advisor_client, tmp_path):
    response = advisor_client.get(reverse("openarea:power-of-attorney") + "?lang=ar")
    text = _text(response.content, tmp_path)
    assert "Vollmacht" in text and "§ 13 SGB X" in text and "bevollmächtige hiermit" in text
    assert "توكيل" in text or "التوكيل" in text
