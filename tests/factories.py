import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from infopoint.lib.roles import GROUP_ADMIN, GROUP_ADVISOR, GROUP_TEAMLEAD
from infopoint.lib.stuttgart import Organisation
from infopoint.models import StaffProfile
from intake.models import Visit, Visitor
from openarea.models import KioskDevice, PrintableForm, YellowCard
from referrals.models import Benefit, InfopointAppointment, Office, OfficeKind, Referral


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "Kim"
    last_name = "Muster"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        group, _ = Group.objects.get_or_create(name=extracted)
        self.groups.add(group)
        self.is_staff = extracted == GROUP_ADMIN
        self.save()

    @factory.post_generation
    def organisation(self, create, extracted, **kwargs):
        if create:
            StaffProfile.objects.create(user=self, organisation=extracted or Organisation.JOBCENTER)

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


def advisor(**kwargs) -> User:
    return UserFactory(role=GROUP_ADVISOR, **kwargs)


def teamlead(**kwargs) -> User:
    return UserFactory(role=GROUP_TEAMLEAD, **kwargs)


def administrator(**kwargs) -> User:
    return UserFactory(role=GROUP_ADMIN, **kwargs)


class VisitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visitor

    name = "Canary Testperson"
    birth_year = 1961


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    visitor = factory.SubFactory(VisitorFactory)
    organisation = Organisation.JOBCENTER


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    name = factory.Sequence(lambda n: f"Testamt {n}")
    kind = OfficeKind.JOBCENTER
    street = "Teststraße 1"
    postcode = "70173"


class KioskDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KioskDevice

    name = factory.Sequence(lambda n: f"Kiosk {n}")
    enrolled_by = factory.LazyFunction(teamlead)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    visitor = factory.SubFactory(VisitorFactory)
    office = factory.SubFactory(OfficeFactory)
    benefit = Benefit.SGB2
    created_by = factory.LazyFunction(advisor)


class InfopointAppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfopointAppointment

    advisor = factory.LazyFunction(advisor)
    visitor = factory.SubFactory(VisitorFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(second=0, microsecond=0) + timezone.timedelta(days=7))
    booked_by = factory.SelfAttribute("advisor")


def real_pdf(title: str = "Testformular") -> bytes:
    """A small PDF a parser reads (one blank A4 page; ``title`` in its metadata tells files apart)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name="antrag.pdf", content=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, real_pdf() if content is None else content, content_type="application/pdf")


def official_portals_allow() -> None:
    """The allow-list as the migration seeds it (a flush by a transactional test empties it)."""
    import importlib

    from openarea.models import OnlineApplicationDomain

    seeded = importlib.import_module("openarea.migrations.0010_online_application_domains").OFFICIAL_PORTALS
    for domain, owner in seeded:
        OnlineApplicationDomain.objects.get_or_create(domain=domain, defaults={"owner": owner})


class PrintableFormFactory(factory.django.DjangoModelFactory):
    """A catalogue entry with an online address; pass ``pdf=pdf_upload()`` for one with a PDF.

    The official portals are on the allow-list whenever an entry is made this way."""

    class Meta:
        model = PrintableForm

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        official_portals_allow()
        return super()._create(model_class, *args, **kwargs)

    slug = factory.Sequence(lambda n: f"antrag-{n}")
    title_de = factory.Sequence(lambda n: f"Antrag Nummer {n}")
    who_needs_it_de = "Für Menschen, deren Geld nicht reicht."
    benefit = Benefit.WOHNGELD
    office_kind = OfficeKind.WOHNGELDSTELLE
    online_url = "https://www.service-bw.de"
    online_url_checked = True


class YellowCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YellowCard

    kind = "complaint"
    text = "Die Wartezeit war zu lang."
    language = "de"


def receipt(*, actor=None, office=None, **kwargs):
    """A receipt issued through the service, as the desk does (receipts cannot be built otherwise)."""
    from openarea.receipts.services import receipt_issue

    defaults = {
        "applicant_name": "Canary Antragsteller",
        "benefit": Benefit.SGB2,
        "items": [{"kind": "attachment", "description": "Mietvertrag", "pages": 4}],
    }
    return receipt_issue(actor=actor or advisor(), office=office or OfficeFactory(benefits=[Benefit.SGB2]), **{**defaults, **kwargs})
