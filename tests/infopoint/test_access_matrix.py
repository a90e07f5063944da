"""The role × URL matrix of the whole project, walked over every URL pattern (default deny)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from infopoint.lib.access import ACCESS_MATRIX, rule_for
from infopoint.lib.roles import Role
from tests import factories, summary

# Pages that work without a staff log-in, besides the kiosk's own.
LOGIN_EXEMPT = {"login", "set_language", "healthz", "info-root", "csp-report"}
ADMIN_SAMPLES = [
    ("admin:index", {}),
    ("admin:app_list", {"app_label": "intake"}),
    ("admin:intake_visitor_changelist", {}),
    ("admin:auth_user_changelist", {}),
    ("admin:referrals_office_add", {}),
]


def _walk(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern


ALL_PATTERNS = list(_walk())
OWN_PATTERNS = [(ns, p) for ns, p in ALL_PATTERNS if ns != "admin"]


def test_every_url_pattern_has_a_rule_in_the_matrix():
    missing = [f"{ns}:{p.name}" for ns, p in ALL_PATTERNS if rule_for(ns, p.name) is None]
    assert missing == []


def test_the_matrix_names_no_url_that_does_not_exist():
    existing = {f"{ns}:{p.name}" if ns else p.name for ns, p in ALL_PATTERNS}
    namespaces = {ns for ns, _p in ALL_PATTERNS}
    stale = [
        key
        for key in ACCESS_MATRIX
        if key not in existing and not (key.endswith(":*") and key[:-2] in namespaces)
    ]
    assert stale == []


def test_kiosk_pages_are_exempt_from_login_and_guarded_by_the_kiosk_check():
    kiosk = [p for ns, p in ALL_PATTERNS if ns == "kiosk"]
    assert kiosk, "no kiosk pages found"
    for pattern in kiosk:
        assert getattr(pattern.callback, "login_required", True) is False, pattern.name
        assert getattr(pattern.callback, "kiosk_only", False) is True, pattern.name


def test_public_info_pages_are_exempt_from_login_and_marked_as_public():
    public = [p for ns, p in ALL_PATTERNS if ns == "info"]
    assert {p.name for p in public} >= {"start", "offices", "check"}
    for pattern in public:
        assert getattr(pattern.callback, "login_required", True) is False, pattern.name
        assert getattr(pattern.callback, "public_page", False) is True, pattern.name


def test_every_other_page_requires_a_login_unless_listed_as_exempt():
    exempt = {
        p.name
        for ns, p in ALL_PATTERNS
        if ns not in ("kiosk", "info") and getattr(p.callback, "login_required", True) is False
    }
    assert exempt == LOGIN_EXEMPT


@pytest.fixture
def sample_kwargs(db, kiosk_device, advisor):
    from infopoint.lib.stuttgart import Organisation
    from screening.services import screening_run_create

    visitor = factories.VisitorFactory()
    # Its own device: the revoke URL must not revoke the device of the kiosk client.
    device_to_revoke = factories.KioskDeviceFactory()
    household = {"as_of": "2026-03-01", "members": [{"relation": "self", "age": 40}], "housing": {"rent_cold": "500"}}
    first = screening_run_create(household=household, actor=advisor)
    second = screening_run_create(household=household, actor=advisor, copied_from=first)
    assert first.organisation == second.organisation == Organisation.JOBCENTER
    waiting = factories.VisitFactory(visitor=visitor)  # arrives now, waiting
    from intake.services import follow_up_add

    follow_up = follow_up_add(visitor=visitor, actor=advisor, task="Rückruf", due_on=waiting.arrived_at.date())
    referral = factories.ReferralFactory(visitor=visitor, visit=waiting, created_by=advisor, organisation=Organisation.JOBCENTER)
    appointment = factories.InfopointAppointmentFactory(advisor=advisor, visitor=visitor, organisation=Organisation.JOBCENTER)
    printable_form = factories.PrintableFormFactory(pdf=factories.pdf_upload())
    card = factories.YellowCardFactory(contact_name="Canary Kontakt", contact_phone="0711 000000")
    from screening.local_value_services import local_value_enter

    # Entered by another team lead: the team lead's empty POST confirms it, then it is refused as confirmed.
    local_value = local_value_enter(
        actor=factories.teamlead(), parameter="local.stuttgart.mietenstufe", valid_from=waiting.arrived_at.date(),
        value=6, source_document="WoGV Anlage (Test)",
    )
    receipt = factories.receipt(actor=advisor, visit=waiting, informal_application={"variant": "sgb2", "applicant_name": "Canary", "birth_date": "", "address": ""})
    return {
        "code": visitor.code, "pk": device_to_revoke.pk, "run": second.pk, "visit": waiting.pk, "follow_up": follow_up.pk,
        "referral": referral.pk, "appointment": appointment.pk, "lang": "de",
        "form": printable_form.pk, "slug": printable_form.slug, "card": card.pk,
        "receipt": receipt.pk, "local_value": local_value.pk, "office": receipt.office_id, "verification_code": receipt.verification_code,
        "month": "2026-10", "year": 2026, "figure": "all", "fmt": "xlsx",
    }  # fmt: skip


def _own_urls(sample_kwargs):
    for namespace, pattern in OWN_PATTERNS:
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        if name == "logout":
            continue  # ends the session of the shared client; see test_logout_follows_the_matrix
        keys = {"screening": {"pk": "run"}, "intake": {"pk": "visit"}, "referrals": {"pk": "referral"}}.get(namespace, {})
        if name == "intake:follow-up-done":
            keys = {"pk": "follow_up"}
        if name.startswith("referrals:appointment-"):
            keys = {"pk": "appointment"}
        if name.startswith("openarea:receipt-"):
            keys = {"pk": "receipt"}
        if name == "screening:local-value-confirm":
            keys = {"pk": "local_value"}
        if name == "receipt-verify":
            keys = {"code": "verification_code"}
        kwargs = {key: sample_kwargs[keys.get(key, key)] for key in pattern.pattern.converters}
        if namespace == "info":
            kwargs["lang"] = sample_kwargs["lang"]  # the language is part of the including pattern
        yield name, reverse(name, kwargs=kwargs)
    for name, kwargs in ADMIN_SAMPLES:
        yield name, reverse(name, kwargs=kwargs)


def _is_login_redirect(response) -> bool:
    # The Django admin sends anonymous browsers to its own log-in, which in turn is
    # administration-only in the matrix and thus redirects to ours.
    login_pages = (reverse("login"), reverse("admin:login"))
    return response.status_code == 302 and response["Location"].startswith(login_pages)


# What an allowed role gets per method: pages answer GET, actions only POST.
POST_ONLY = {
    "kiosk:set-language", "kiosk:reset", "openarea:kiosk-enrol", "openarea:kiosk-revoke",
    "intake:walk-in", "intake:visit-take", "intake:visitor-search", "intake:visitor-update", "intake:note-add",
    "intake:follow-up-add", "intake:follow-up-done", "intake:visitor-erase", "intake:visitor-merge", "intake:visit-open",
    "referrals:referral-move", "referrals:referral-outcome", "referrals:appointment-book", "referrals:referral-ics-send",
    "referrals:appointment-cancel", "referrals:appointment-move",
    "kiosk:check-print", "info:check-print",
    "openarea:form-retire", "openarea:form-reactivate", "openarea:card-update",
    "openarea:receipt-cancel", "openarea:receipt-forward", "openarea:forwarding-record",
    "stats:month-close", "stats:month-corrections",
}  # fmt: skip
GET_ONLY = {
    "intake:home", "intake:waiting", "intake:visitor-detail", "intake:visitor-sheet", "referrals:office-list",
    "openarea:kiosk-list", "kiosk:start", "kiosk:offices", "healthz",
    "screening:run-detail", "screening:run-compare", "screening:run-print", "screening:run-list", "screening:law",
    "referrals:follow-up-list", "referrals:referral-detail", "referrals:referral-slip", "referrals:appointment-day",
    "referrals:appointment-detail",
    "kiosk:advice-sent", "info:start", "info:offices", "info:forms", "info:form-detail", "info:form-pdf",
    "openarea:form-list", "openarea:form-pdf", "openarea:card-list", "openarea:card-detail",
    "kiosk:forms", "kiosk:form-detail", "kiosk:form-pdf", "kiosk:feedback-thanks",
    "openarea:receipt-list", "openarea:receipt-detail", "openarea:receipt-pdf", "openarea:receipt-label",
    "openarea:receipt-letter", "openarea:forwarding-sheet", "openarea:power-of-attorney",
    "stats:dashboard", "stats:month", "stats:year", "stats:month-report", "stats:month-export", "stats:year-export",
}  # fmt: skip
# Data-subject access reports (Part B of issue 10): downloads, GET only.
GET_ONLY |= {"intake:visitor-export-json", "intake:visitor-export-pdf"}
# Pages whose form posts back to themselves: an empty POST shows the page again with a message.
SELF_POSTING = {"kiosk:check", "info:check", "kiosk:advice"}


def _allowed_statuses(name: str, method: str) -> set[int]:
    if name in POST_ONLY:
        return {405} if method == "get" else {302, 400}
    if name in GET_ONLY:
        return {200} if method == "get" else {405}
    if name in SELF_POSTING:
        return {200}
    if name == "info-root":
        return {302} if method == "get" else {405}
    if name == "login":
        return {200, 302}  # logged-in staff are sent on to their start page
    if name == "set_language":
        return {302}
    if name == "screening:new":
        return {200} if method == "get" else {400}  # an empty POST is an incomplete household
    if name == "intake:events":
        return {200} if method == "get" else {400}
    if name == "screening:rescreen":
        return {200} if method == "get" else {400}  # an empty POST lacks the date of the law
    if name == "referrals:referral-ics":
        return {302} if method == "get" else {405}  # the sample referral has no appointment yet
    if name == "referrals:visitor-outcomes":
        return {200} if method == "get" else {400}  # an empty POST answers for no referral
    if name == "referrals:referral-new":
        return {200} if method == "get" else {400}  # an empty POST lacks benefit and office
    if name == "intake:visit-finish":
        return {200} if method == "get" else {400}  # an empty POST lacks service and outcome
    if name in ("openarea:form-add", "openarea:form-edit", "kiosk:feedback"):
        return {200} if method == "get" else {400}  # an empty POST lacks the required fields
    if name == "stats:year-current":
        return {302} if method == "get" else {405}  # on to the current year
    if name in ("kiosk:form-print", "kiosk:form-online"):
        return {302} if method == "get" else {405}  # counting redirects
    if name in ("openarea:receipt-new", "openarea:receipt-informal-new", "kiosk:receipt-check", "kiosk:hand-in", "receipt-verify"):
        return {200} if method == "get" else {400}  # an empty POST is an incomplete form
    if name == "kiosk:hand-in-done":
        return {302} if method == "get" else {405}  # without a code in the session: back to the form
    if name == "screening:calculate":
        return {405} if method == "get" else {200}
    if name in ("kiosk:accessibility", "info:accessibility"):
        return {200} if method == "get" else {400}  # an empty barrier report lacks its description
    if name == "screening:local-values":
        return {200} if method == "get" else {405}
    if name == "screening:local-value-new":
        return {200} if method == "get" else {400}  # an empty POST lacks dates and source
    if name == "screening:local-value-confirm":
        return {200} if method == "get" else {302, 400}  # confirmed once, then refused as confirmed
    if name == "csp-report":
        return {405} if method == "get" else {400}  # an empty POST is no report
    if name == "session-extend":
        return {200} if method == "get" else {302}  # time left; "Stay logged in" goes back to the page
    return {200, 302}  # the Django admin


@pytest.mark.django_db
def test_each_role_gets_exactly_what_the_matrix_allows(clients_by_role, sample_kwargs):
    mismatches = []
    checked = 0
    for name, url in _own_urls(sample_kwargs):
        rule = rule_for(*name.rsplit(":", 1)) if ":" in name else rule_for("", name)
        for role, client in clients_by_role.items():
            checked += 1
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                status = response.status_code
                if role in rule.roles:
                    ok = status in _allowed_statuses(name, method) and not _is_login_redirect(response)
                elif role == Role.ANONYMOUS:
                    ok = _is_login_redirect(response) or (name.startswith("kiosk:") and status == 404)
                elif role == Role.KIOSK:
                    ok = status == 404
                else:
                    ok = status == 403
                if not ok:
                    mismatches.append(f"{method.upper()} {url} as {role}: {status}")
    assert mismatches == [], "\n".join(mismatches)
    summary.record("urls_roles", checked)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_logout_follows_the_matrix(role, clients_by_role, db):
    if role == Role.NO_ROLE:
        return  # covered by test_an_account_without_a_role_is_refused_everywhere_but_logout
    response = clients_by_role[role].post(reverse("logout"))
    if role == Role.KIOSK:
        assert response.status_code == 404
    else:
        # Staff are logged out; an anonymous browser is sent to the log-in either way.
        assert _is_login_redirect(response)


@pytest.mark.django_db
def test_a_deactivated_user_loses_access_at_once(advisor, advisor_client):
    assert advisor_client.get(reverse("intake:home")).status_code == 200
    advisor.is_active = False
    advisor.save()
    response = advisor_client.get(reverse("intake:home"))
    assert _is_login_redirect(response)


@pytest.mark.django_db
def test_an_account_without_a_role_is_refused_everywhere_but_logout(db):
    user = factories.UserFactory()
    client = factories_client(user)
    assert client.get(reverse("intake:home")).status_code == 403
    assert client.get(reverse("referrals:office-list")).status_code == 403
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert _is_login_redirect(client.get(reverse("intake:home")))


def factories_client(user):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client
