"""One step of the quick check: read the answers carried in the form, take the new one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from openarea.quick_check.questions import EXACT, QUESTION_BY_KEY, QUESTIONS, Question, next_question, previous_question

MAX_EXACT_AMOUNT = Decimal(100_000)
_GERMAN_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
NOTHING_CHOSEN = "none"


@dataclass
class Step:
    answers: dict
    question: Question | None  # None: all questions answered, show the result
    error: str = ""
    typed_amount: str = ""
    chosen: list[str] = field(default_factory=list)

    @property
    def number(self) -> int:
        return len([key for key in self.answers if QUESTION_BY_KEY[key].applies(self.answers)]) + 1

    @property
    def total(self) -> int:
        return len([question for question in QUESTIONS if question.applies(self.answers)])


def _valid(question: Question, value: str) -> bool:
    if question.multiple:
        return value == NOTHING_CHOSEN or all(part in question.values() for part in value.split(","))
    if question.exact_amount and value.startswith(f"{EXACT}:"):
        return _amount(value.split(":", 1)[1]) is not None
    return value in question.values()


def _amount(text: str) -> Decimal | None:
    cleaned = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    # Germans write 1.234,50; others 1,234.50: a comma followed by one or two digits at the end is
    # decimal, and dots between groups of three digits ("1.250", "12.500") separate thousands.
    if "," in cleaned and (len(cleaned) - cleaned.rfind(",") - 1) in (1, 2):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _GERMAN_THOUSANDS.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0 or amount > MAX_EXACT_AMOUNT:
        return None
    return amount.quantize(Decimal("0.01"))


def carried_answers(post) -> dict:
    """The earlier answers, from hidden fields; anything tampered with is simply asked again."""
    answers: dict = {}
    for question in QUESTIONS:
        value = post.get(f"a-{question.key}", "")
        if value and question.applies(answers) and _valid(question, value):
            answers[question.key] = value
    return answers


def _drop_inapplicable(answers: dict) -> dict:
    kept: dict = {}
    for question in QUESTIONS:
        if question.key in answers and question.applies(kept):
            kept[question.key] = answers[question.key]
    return kept


def advance(post) -> Step:
    """Apply what this screen sent: an answer, a typed amount, or "back"."""
    answers = carried_answers(post)
    current = QUESTION_BY_KEY.get(post.get("question", ""))
    if current is None:
        return Step(answers, next_question(answers))
    if post.get("back"):
        before = previous_question(answers, current)
        if before is None:
            return Step(answers, current)
        answers.pop(before.key, None)
        return Step(_drop_inapplicable(answers), before)
    if current.multiple:
        chosen = [value for value in post.getlist("answer") if value in current.values()]
        answers[current.key] = ",".join(chosen) or NOTHING_CHOSEN
    elif post.get("answer") == EXACT and current.exact_amount:
        typed = post.get("amount", "")
        amount = _amount(typed)
        if amount is None:
            message = _("Please type an amount in euro, for example 850 or 1250,50.")
            return Step(answers, current, error=message, typed_amount=typed[:20])
        answers[current.key] = f"{EXACT}:{amount}"
    elif post.get("answer", "") in current.values():
        answers[current.key] = post["answer"]
    else:
        return Step(answers, current, error=_("Please choose one of the answers."))
    answers = _drop_inapplicable(answers)
    return Step(answers, next_question(answers))
