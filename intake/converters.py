from intake.models import CODE_ALPHABET, CODE_LENGTH


class VisitorCodeConverter:
    """Six characters of the visitor-code alphabet, in either case; anything else is a 404."""

    _letters = "".join(sorted(set(CODE_ALPHABET + CODE_ALPHABET.lower())))
    regex = f"[{_letters}]{{{CODE_LENGTH}}}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value
