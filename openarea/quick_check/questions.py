"""The kiosk's quick check: a few questions, one per screen, answered with big buttons.

Answers are carried from screen to screen in the form itself (hidden fields), never in a
session or the database: the check is anonymous and the kiosk forgets it with the page.
Money answers come as ranges; a visitor may type an exact amount instead, and only then
does the result show amounts (see ``household.answers_are_exact``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

DONT_KNOW = "unknown"
EXACT = "exact"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    why: str
    choices: tuple[Choice, ...]
    multiple: bool = False
    # Whether the visitor may type an exact amount in euro instead of picking a range.
    exact_amount: bool = False
    # Shown only when this returns True for the answers so far.
    condition: object = None
    extra: dict = field(default_factory=dict)

    def applies(self, answers: dict) -> bool:
        return self.condition is None or self.condition(answers)

    def values(self) -> set[str]:
        return {choice.value for choice in self.choices}


def _has_children(answers: dict) -> bool:
    return answers.get("children", "0") not in ("0", "")


def _single_parent(answers: dict) -> bool:
    return _has_children(answers) and answers.get("partner") == "no"


QUESTIONS: tuple[Question, ...] = (
    Question(
        key="age",
        text=_("How old are you?"),
        why=_("Which help fits depends on age: people who have reached pension age get Grundsicherung from the Sozialamt, younger people usually get support from the Jobcenter."),
        choices=(
            Choice("18-24", _("18 to 24")),
            Choice("25-49", _("25 to 49")),
            Choice("50-59", _("50 to 59")),
            Choice("60-66", _("60 to 66")),
            Choice("67+", _("67 or older")),
        ),
    ),
    Question(
        key="partner",
        text=_("Do you live together with a husband, wife or partner?"),
        why=_("A couple living together counts as one household: both incomes and both needs are added up."),
        choices=(Choice("yes", _("Yes")), Choice("no", _("No"))),
    ),
    Question(
        key="children",
        text=_("How many children under 18 live with you?"),
        why=_("Children have their own needs and may bring Kindergeld, Kinderzuschlag or Unterhaltsvorschuss."),
        choices=(
            Choice("0", _("None")),
            Choice("1", "1"),
            Choice("2", "2"),
            Choice("3", "3"),
            Choice("4", _("4 or more")),
        ),
    ),
    Question(
        key="youngest",
        text=_("How old is the youngest child?"),
        why=_("The needs of a child grow with age, and some help is only for younger children."),
        choices=(
            Choice("0-5", _("Under 6")),
            Choice("6-11", _("6 to 11")),
            Choice("12-13", _("12 or 13")),
            Choice("14-17", _("14 to 17")),
        ),
        condition=_has_children,
    ),
    Question(
        key="maintenance",
        text=_("Does the other parent pay maintenance for the children regularly?"),
        why=_("If the other parent pays no or too little maintenance, the Unterhaltsvorschuss may step in."),
        choices=(Choice("yes", _("Yes, regularly")), Choice("no", _("No, or not regularly")), Choice(DONT_KNOW, _("I do not know"))),
        condition=_single_parent,
    ),
    Question(
        key="situation",
        text=_("What is your situation at the moment?"),
        why=_("Whether you work, look for work, get a pension or cannot work decides which office is responsible."),
        choices=(
            Choice("employed", _("I work as an employee")),
            Choice("self_employed", _("I am self-employed")),
            Choice("unemployed", _("I am looking for work")),
            Choice("pension", _("I get a pension")),
            Choice("unable", _("I cannot work because of illness or disability")),
            Choice("apprenticeship", _("I am doing an apprenticeship")),
            Choice("studying", _("I am studying at a university or school")),
            Choice("home", _("I look after children or relatives at home")),
        ),
    ),
    Question(
        key="income",
        text=_("How much money does your household have each month, after tax?"),
        why=_("Income is compared with what your household needs. Count wages, pensions, unemployment benefit and maintenance; do not count Kindergeld."),
        choices=(
            Choice("0", _("Nothing")),
            Choice("1-500", _("Up to 500 €")),
            Choice("500-1000", _("500 to 1,000 €")),
            Choice("1000-1500", _("1,000 to 1,500 €")),
            Choice("1500-2000", _("1,500 to 2,000 €")),
            Choice("2000-2500", _("2,000 to 2,500 €")),
            Choice("2500-3500", _("2,500 to 3,500 €")),
            Choice("3500+", _("More than 3,500 €")),
        ),
        exact_amount=True,
    ),
    Question(
        key="housing",
        text=_("How much do you pay for your home each month, with service charges and heating?"),
        why=_("Reasonable housing costs are part of what the household needs, and Wohngeld depends on the rent."),
        choices=(
            Choice("0", _("I pay nothing for my home")),
            Choice("1-400", _("Up to 400 €")),
            Choice("400-600", _("400 to 600 €")),
            Choice("600-800", _("600 to 800 €")),
            Choice("800-1000", _("800 to 1,000 €")),
            Choice("1000-1300", _("1,000 to 1,300 €")),
            Choice("1300+", _("More than 1,300 €")),
        ),
        exact_amount=True,
    ),
    Question(
        key="bills",
        text=_("Have you received a high bill for heating or service charges, or is your electricity or gas about to be cut off?"),
        why=_("A high bill can be paid by the Jobcenter or the Sozialamt for the month it is due, even if you get no benefits otherwise, but only if you apply in that month. A cut-off can often still be stopped."),
        choices=(
            Choice("bill", _("Yes, a high bill for heating or service charges")),
            Choice("cutoff", _("Yes, my electricity or gas is about to be cut off")),
            Choice("no", _("No")),
        ),
    ),
    Question(
        key="savings",
        text=_("How much savings does your household have?"),
        why=_("Savings above an allowance must be used first. A normal household contents and a reasonable car do not count."),
        choices=(
            Choice("0-5000", _("Up to 5,000 €")),
            Choice("5000-15000", _("5,000 to 15,000 €")),
            Choice("15000-40000", _("15,000 to 40,000 €")),
            Choice("40000+", _("More than 40,000 €")),
            Choice(DONT_KNOW, _("I do not know")),
        ),
    ),
    Question(
        key="receives",
        text=_("Do you already get any of these? Choose all that apply."),
        why=_("What you already get is not suggested again, and it changes what else may be possible."),
        choices=(
            Choice("sgb2", _("Bürgergeld / Grundsicherungsgeld from the Jobcenter")),
            Choice("sgb12", _("Sozialhilfe or Grundsicherung from the Sozialamt")),
            Choice("wohngeld", _("Wohngeld")),
            Choice("kindergeld", _("Kindergeld")),
            Choice("alg1", _("Arbeitslosengeld from the Agentur für Arbeit")),
        ),
        multiple=True,
    ),
)

QUESTION_BY_KEY = {question.key: question for question in QUESTIONS}


def applicable_questions(answers: dict) -> list[Question]:
    return [question for question in QUESTIONS if question.applies(answers)]


def next_question(answers: dict) -> Question | None:
    """The first applicable question not answered yet; None when the check is complete."""
    for question in applicable_questions(answers):
        if question.key not in answers:
            return question
    return None


def previous_question(answers: dict, current: Question) -> Question | None:
    """The question before ``current`` among those that apply (for the "Back" button)."""
    asked = applicable_questions(answers)
    keys = [question.key for question in asked]
    if current.key not in keys:
        return asked[-1] if asked else None
    index = keys.index(current.key)
    return asked[index - 1] if index > 0 else None
