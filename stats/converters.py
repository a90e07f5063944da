class MonthConverter:
    """'2026-10' in a URL; whether the month exists is checked by the view, with a message."""

    regex = "[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return value if isinstance(value, str) else f"{value:%Y-%m}"


class ExportFormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
