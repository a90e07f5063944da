"""Issue 21: the forms catalogue takes only real PDFs without code or files, serves them as
PDFs, and offers online applications only on allow-listed official portals."""

import io
import logging

import pytest
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from openarea.catalogue import pdf_check
from openarea.catalogue.pdf_check import PdfRefusal, check_pdf
from openarea.models import OnlineApplicationDomain, PrintableForm
from tests import factories, summary


def _writer() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def _bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _js_action(writer: PdfWriter, code: str = "app.alert(1)"):
    return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(code)})


def _with_names_javascript() -> bytes:
    writer = _writer()
    action = writer._add_object(_js_action(writer))
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("start"), action])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})
    return _bytes(writer)


def _with_open_action_js() -> bytes:
    writer = _writer()
    writer._root_object[NameObject("/OpenAction")] = _js_action(writer)
    return _bytes(writer)


def _with_page_aa() -> bytes:
    writer = _writer()
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js_action(writer)})
    return _bytes(writer)


def _with_launch() -> bytes:
    writer = _writer()
    launch = DictionaryObject({NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")})
    writer._root_object[NameObject("/OpenAction")] = launch
    return _bytes(writer)


def _with_attachment() -> bytes:
    writer = _writer()
    writer.add_attachment("rechnung.exe", b"MZ\x90\x00")
    return _bytes(writer)


def _with_escaped_names() -> bytes:
    # /J#53 is /JS, /Java#53cript is /JavaScript: names with #xx escapes.
    return _with_names_javascript().replace(b"/JS", b"/J#53").replace(b"/JavaScript", b"/Java#53cript")


def _html_polyglot() -> bytes:
    # Starts with %PDF-, parses as a PDF, and is an HTML page to a browser that sniffs.
    return factories.real_pdf().replace(b"\n", b"\n%<html><body><script>alert(document.cookie)</script>\n", 1)


HOSTILE = {
    "names_javascript": (_with_names_javascript, "javascript"),
    "open_action_javascript": (_with_open_action_js, "javascript"),
    "page_additional_actions": (_with_page_aa, "javascript"),
    "launch_action": (_with_launch, "javascript"),
    "embedded_file": (_with_attachment, "embedded_file"),
    "escaped_names": (_with_escaped_names, "javascript"),
    "html_polyglot": (_html_polyglot, "html"),
    "html_after_eof": (lambda: factories.real_pdf() + b"<!DOCTYPE html><html><script>alert(1)</script></html>", "html"),
    "pdf_prefix_only": (lambda: b"%PDF-1.4\n% Testformular\n%%EOF\n", "not_pdf"),
    "html_with_pdf_name": (lambda: b"<html>not a pdf</html>", "not_pdf"),
    "zip": (lambda: b"PK\x03\x04zip", "not_pdf"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_parser_refuses_each_hostile_file(name):
    make, code = HOSTILE[name]
    with pytest.raises(PdfRefusal) as refusal:
        check_pdf(make())
    assert refusal.value.code == code


@pytest.mark.parametrize("name", ["names_javascript", "open_action_javascript", "page_additional_actions", "launch_action", "embedded_file"])
def test_the_parsed_objects_alone_find_code_and_files(name, monkeypatch):
    """Objects in compressed object streams are invisible to a byte search: the parser's walk finds them on its own."""
    monkeypatch.setattr(pdf_check, "_scan_raw", lambda data: None)
    make, code = HOSTILE[name]
    with pytest.raises(PdfRefusal) as refusal:
        check_pdf(make())
    assert refusal.value.code == code


def test_a_password_protected_pdf_is_refused_one_with_only_an_owner_password_is_not():
    locked = _writer()
    locked.encrypt("geheim", "owner")
    with pytest.raises(PdfRefusal) as refusal:
        check_pdf(_bytes(locked))
    assert refusal.value.code == "encrypted"
    printable = _writer()
    printable.encrypt("", "owner")
    assert check_pdf(_bytes(printable)) == 1


def test_a_plain_pdf_and_one_that_opens_at_a_page_pass():
    assert check_pdf(factories.real_pdf()) == 1
    writer = _writer()
    writer._root_object[NameObject("/OpenAction")] = ArrayObject([writer.pages[0].indirect_reference, NameObject("/Fit")])
    assert check_pdf(_bytes(writer)) == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("official_portals")
@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_upload_is_refused_with_a_message_at_the_field(name, advisor_client, caplog):
    caplog.set_level(logging.WARNING, logger="infopoint.security")
    make, code = HOSTILE[name]
    data = {"title_de": "Antrag", "who_needs_it_de": "Für alle.", "benefit": "kiz", "office_kind": "familienkasse", "order": "10"}
    response = advisor_client.post(reverse("openarea:form-add"), {**data, "pdf": factories.pdf_upload(content=make())})
    assert response.status_code == 400
    [message] = response.context["form"].errors["pdf"]
    assert message  # German, from PDF_REFUSALS
    assert 'id="id_pdf_error"' in response.content.decode()
    assert not PrintableForm.objects.exists()
    assert [r.reason for r in caplog.records if getattr(r, "event", "") == "pdf_refused"] == [code]
    summary.record("hostile_pdfs_refused")


@pytest.mark.django_db
def test_a_hostile_file_stored_before_the_check_is_not_served(advisor_client, kiosk_client, caplog):
    caplog.set_level(logging.WARNING, logger="infopoint.security")
    form = factories.PrintableFormFactory(pdf=factories.pdf_upload(content=_html_polyglot()))  # the factory skips validation
    staff = advisor_client.get(reverse("openarea:form-pdf", kwargs={"form": form.pk}))
    kiosk = kiosk_client.get(reverse("kiosk:form-pdf", kwargs={"slug": form.slug}))
    public = advisor_client.get(reverse("info:form-pdf", kwargs={"lang": "de", "slug": form.slug}))
    assert (staff.status_code, kiosk.status_code, public.status_code) == (404, 404, 404)
    assert [r.reason for r in caplog.records if getattr(r, "event", "") == "stored_pdf_refused"] == ["html"] * 3


@pytest.mark.django_db
def test_pdfs_are_served_as_pdfs_staff_and_public_as_downloads_the_kiosk_inline_for_printing(advisor_client, kiosk_client, anonymous_client):
    form = factories.PrintableFormFactory(pdf=factories.pdf_upload())
    answers = {
        "staff": advisor_client.get(reverse("openarea:form-pdf", kwargs={"form": form.pk})),
        "public": anonymous_client.get(reverse("info:form-pdf", kwargs={"lang": "de", "slug": form.slug})),
        "kiosk": kiosk_client.get(reverse("kiosk:form-pdf", kwargs={"slug": form.slug})),
    }
    for where, response in answers.items():
        assert response.status_code == 200, where
        assert response["Content-Type"] == "application/pdf", where
        assert response["X-Content-Type-Options"] == "nosniff", where
        assert b"".join(response.streaming_content) == factories.real_pdf(), where
    assert answers["staff"]["Content-Disposition"].startswith("attachment;")
    assert answers["public"]["Content-Disposition"].startswith("attachment;")
    assert answers["kiosk"]["Content-Disposition"].startswith("inline;")


# --- Online applications: only on allow-listed domains ---------------------------------

OFF_LIST = [
    "https://example.org/antrag",
    "https://service-bw.de.example.org/",  # the allowed name as a subdomain of another
    "https://evilservice-bw.de/",  # ends with the allowed name, but is another domain
    "https://www.service-bw.de@example.org/",  # a user name that looks like the host
    "https://www.service-bw.de:8443/",  # another port
    "https://93.184.216.34/",
    "http://www.service-bw.de/",
    "javascript:alert(1)//https://www.service-bw.de",
]


@pytest.mark.django_db
@pytest.mark.usefixtures("official_portals")
@pytest.mark.parametrize("url", OFF_LIST)
def test_an_address_off_the_allow_list_is_refused_at_the_field(url, advisor_client):
    data = {"title_de": "Antrag", "who_needs_it_de": "Für alle.", "benefit": "wohngeld", "office_kind": "wohngeldstelle", "order": "10"}
    response = advisor_client.post(reverse("openarea:form-add"), {**data, "online_url": url, "online_url_checked": "on"})
    assert response.status_code == 400
    assert response.context["form"].errors["online_url"]
    assert not PrintableForm.objects.exists()
    summary.record("offlist_urls_refused")


@pytest.mark.django_db
@pytest.mark.usefixtures("official_portals")
@pytest.mark.parametrize("url", ["https://www.service-bw.de/zufi/leistungen/wohngeld", "https://jobcenter.digital/", "https://WWW.Arbeitsagentur.de./familie"])
def test_an_address_on_an_official_portal_is_accepted(url, advisor_client):
    data = {"title_de": "Antrag", "who_needs_it_de": "Für alle.", "benefit": "wohngeld", "office_kind": "wohngeldstelle", "order": "10"}
    response = advisor_client.post(reverse("openarea:form-add"), {**data, "online_url": url, "online_url_checked": "on"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_seeded_allow_list_holds_the_official_portals(official_portals):
    assert set(OnlineApplicationDomain.objects.values_list("domain", flat=True)) >= {
        "jobcenter.digital", "arbeitsagentur.de", "kinderzuschlag.de", "service-bw.de", "stuttgart.de",
    }  # fmt: skip


@pytest.mark.django_db
def test_the_kiosk_stops_offering_an_address_whose_domain_was_taken_off_the_list(kiosk_client, caplog):
    caplog.set_level(logging.WARNING, logger="infopoint.security")
    form = factories.PrintableFormFactory(online_url="https://www.service-bw.de/wohngeld")
    online = reverse("kiosk:form-online", kwargs={"slug": form.slug})
    assert kiosk_client.get(online).status_code == 302
    OnlineApplicationDomain.objects.get(domain="service-bw.de").delete()
    assert kiosk_client.get(online).status_code == 404
    assert online not in kiosk_client.get(reverse("kiosk:form-detail", kwargs={"slug": form.slug})).content.decode()
    assert [r.form for r in caplog.records if getattr(r, "event", "") == "online_url_refused"] == [form.slug]
    summary.record("offlist_urls_refused")


@pytest.mark.django_db
def test_an_address_saved_before_the_allow_list_is_never_opened(kiosk_client, anonymous_client):
    form = factories.PrintableFormFactory(online_url="https://example.org/antrag")  # no validation: as stored before
    assert kiosk_client.get(reverse("kiosk:form-online", kwargs={"slug": form.slug})).status_code == 404
    assert "example.org" not in kiosk_client.get(reverse("kiosk:form-detail", kwargs={"slug": form.slug})).content.decode()
    public = anonymous_client.get(reverse("info:form-detail", kwargs={"lang": "de", "slug": form.slug})).content.decode()
    assert "example.org" not in public
    summary.record("offlist_urls_refused")


@pytest.mark.django_db
def test_allow_list_changes_in_the_admin_are_audited(admin_client_):
    from auditlog.models import LogEntry

    response = admin_client_.post(
        reverse("admin:openarea_onlineapplicationdomain_add"), {"domain": "Familienportal.DE.", "owner": "BMFSFJ"}
    )
    assert response.status_code == 302
    domain = OnlineApplicationDomain.objects.get(domain="familienportal.de")
    assert LogEntry.objects.get_for_object(domain).filter(action=LogEntry.Action.CREATE).exists()
    refused = admin_client_.post(reverse("admin:openarea_onlineapplicationdomain_add"), {"domain": "https://x.de/pfad", "owner": "x"})
    assert refused.status_code == 200 and "domain" in refused.context["adminform"].form.errors
