from django.conf import settings


class LanguageConverter:
    """One of the Infopoint's six languages, as the first part of a public address."""

    regex = "|".join(code for code, _name in settings.LANGUAGES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class VerificationCodeConverter:
    """A receipt's verification code in its QR link (``secrets.token_urlsafe``); anything else is a 404."""

    regex = "[A-Za-z0-9_-]{1,32}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
