"""Every form of the Django admin, fuzzed as the administrator: never a 500, never a traceback.

For every model registered in the admin, the add form and the change form of one sample object
are read from their pages (fields, options, hidden values, inline management forms) and posted
with at least 200 Hypothesis examples each. Invalid input must come back as the admin's own
messages at the fields; valid input is saved and redirects. Each example runs in its own
savepoint, rolled back afterwards, so the sample objects stay as they were.
"""

from __future__ import annotations

import os
import sys

import pytest
from django import forms
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from tests import factories, summary
from tests.infopoint.test_access_matrix import sample_kwargs  # noqa: F401 (fixture)
from tests.security.forms_found import FoundForm, forms_on_page
from tests.security.payloads import post_data
from tests.security.test_fuzz_forms import EXAMPLES

# What the administrator may get back: the form again with its messages, or a redirect after saving.
ACCEPTED = {200, 302}
# The admin's own error markup: at a field, above the form, or at an inline.
ADMIN_ERRORS = (b'class="errornote"', b'class="errorlist', b"errorlist nonfield")


def _kind_of(form_field) -> str | None:
    """The input kind the fuzzing should aim at; the admin renders dates and numbers as plain text."""
    if isinstance(form_field, forms.SplitDateTimeField):
        return "split-datetime"
    if isinstance(form_field, forms.DateTimeField):
        return "datetime-local"
    if isinstance(form_field, forms.DateField):
        return "date"
    if isinstance(form_field, forms.TimeField):
        return "time"
    if isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return "number"
    if isinstance(form_field, forms.EmailField):
        return "email"
    return None


def _aim(found: FoundForm, admin_form) -> None:
    """Give the parsed fields the kinds of the admin's form fields, so that examples go deep."""
    for name, form_field in admin_form.fields.items():
        kind = _kind_of(form_field)
        prefixed = admin_form.add_prefix(name)
        if kind == "split-datetime":
            for suffix, part in (("_0", "date"), ("_1", "time")):
                if f"{prefixed}{suffix}" in found.fields:
                    found.fields[f"{prefixed}{suffix}"].kind = part
        elif kind and prefixed in found.fields and found.fields[prefixed].kind == "text":
            found.fields[prefixed].kind = kind


def _admin_form(client, url: str, view_name: str) -> tuple[FoundForm | None, bool]:
    """The form on an admin page and whether the administrator may save it."""
    response = client.get(url)
    if response.status_code == 403:
        return None, False
    assert response.status_code == 200, f"GET {url} → {response.status_code}"
    may_save = bool(response.context.get("has_add_permission" if view_name.endswith("_add") else "has_change_permission"))
    found = [form for form in forms_on_page(response.content.decode(), url) if form.view_name == view_name]
    assert found, f"no form on {url}"
    form = found[0]
    adminform = response.context.get("adminform")
    if adminform is not None:
        _aim(form, adminform.form)
    for formset in response.context.get("inline_admin_formsets", []):
        for inline_form in formset.formset.forms + [formset.formset.empty_form]:
            _aim(form, inline_form)
    return form, may_save


@pytest.fixture
def admin_samples(sample_kwargs, opening_hours, administrator):  # noqa: F811
    """At least one object of every model the admin shows (the access matrix's samples and a few more)."""
    from datetime import date

    from django.contrib.auth.models import Group

    from infopoint.models import ClosedDay
    from openarea.models import UsageKind
    from openarea.services import kiosk_use_record

    Group.objects.get_or_create(name="Beratung")
    ClosedDay.objects.create(day=date(2026, 12, 24), reason="Heiligabend")
    factories.OfficeFactory()
    kiosk_use_record(kind=UsageKind.values[0])
    return sample_kwargs


def _admin_pages():
    for model in admin.site._registry:
        opts = model._meta
        yield model, f"admin:{opts.app_label}_{opts.model_name}_add", f"admin:{opts.app_label}_{opts.model_name}_change"


def check_admin_response(response, form: FoundForm, data: dict) -> None:
    status = response.status_code
    context = f"POST {form.url} {data!r} → {status}"
    assert status in ACCEPTED, context
    body = response.content
    assert b"Traceback" not in body, context
    if status == 200:
        # Not saved: the administrator is told why, in the admin's own way.
        assert any(marker in body for marker in ADMIN_ERRORS), context


def fuzz_admin_form(client, form: FoundForm) -> int:
    sent = 0

    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(data=post_data(form))
    def run(data):
        nonlocal sent
        with transaction.atomic():
            response = client.post(form.url, data)
            transaction.set_rollback(True)
        sent += 1
        check_admin_response(response, form, data)

    run()
    return sent


@pytest.mark.django_db
def test_every_admin_form_survives_hostile_input(admin_samples, administrator):
    client = Client()  # a 500 raises here, with the cause
    client.force_login(administrator)
    to_fuzz: list[FoundForm] = []
    for model, add_name, change_name in _admin_pages():
        add, may_add = _admin_form(client, reverse(add_name), add_name)
        if may_add:
            to_fuzz.append(add)
        sample = model._default_manager.order_by("pk").first()
        assert sample is not None, f"no sample object of {model._meta.label} to open in the admin"
        change, may_change = _admin_form(client, reverse(change_name, args=[sample.pk]), change_name)
        if may_change:
            to_fuzz.append(change)
        else:
            # A view-only page: saving is refused, whatever is sent.
            assert client.post(reverse(change_name, args=[sample.pk]), {"name": "x"}).status_code == 403
    assert len(to_fuzz) >= len(admin.site._registry), [form.view_name for form in to_fuzz]
    failures = []
    for form in to_fuzz:
        if os.environ.get("INFOPOINT_FUZZ_VERBOSE"):
            print(f"fuzzing {form.view_name} ({len(form.fields)} fields)", file=sys.stderr, flush=True)
        try:
            sent = fuzz_admin_form(client, form)
        except Exception as error:  # noqa: BLE001 - collect them all: one broken form should not hide another
            failures.append(f"{form.view_name}: {type(error).__name__}: {error}")
            continue
        assert sent >= EXAMPLES, form.view_name
        summary.record("forms_fuzzed")
        summary.record("admin_forms_fuzzed")
        summary.record("fuzz_examples", sent)
    assert failures == [], "\n\n".join(failures)
