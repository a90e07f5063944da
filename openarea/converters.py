from django.conf import settings


class LanguageConverter:
    """One of the Infopoint's six languages, as the first part of a public address."""

    regex = "|".join(code for code, _name in settings.LANGUAGES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
