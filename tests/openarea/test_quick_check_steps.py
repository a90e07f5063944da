from django.http import QueryDict

from openarea.quick_check.questions import QUESTIONS, next_question
from openarea.quick_check.steps import advance, carried_answers


def post(**fields) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in fields.items():
        if isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = value
    return data


def test_the_start_button_shows_the_first_question():
    step = advance(post(question=""))
    assert step.question.key == "age"
    assert step.number == 1


def test_an_answer_moves_on_to_the_next_question_and_is_carried():
    step = advance(post(question="age", answer="25-49"))
    assert step.question.key == "partner"
    assert step.answers == {"age": "25-49"}


def test_questions_about_children_are_asked_only_when_there_are_children():
    answers = {"a-age": "25-49", "a-partner": "no"}
    assert advance(post(**answers, question="children", answer="0")).question.key == "situation"
    assert advance(post(**answers, question="children", answer="2")).question.key == "youngest"


def test_a_single_parent_is_asked_about_maintenance_a_couple_is_not():
    single = advance(post(**{"a-age": "25-49", "a-partner": "no", "a-children": "1"}, question="youngest", answer="0-5"))
    couple = advance(post(**{"a-age": "25-49", "a-partner": "yes", "a-children": "1"}, question="youngest", answer="0-5"))
    assert single.question.key == "maintenance"
    assert couple.question.key == "situation"


def test_there_are_at_most_eleven_questions():
    # Ten until issue 19 added the question about a high bill or a threatened cut-off.
    assert len(QUESTIONS) <= 11


def test_everyone_is_asked_about_a_high_bill_or_a_cut_off_after_the_housing_costs():
    keys = [question.key for question in QUESTIONS]
    assert keys.index("bills") == keys.index("housing") + 1
    bills = QUESTIONS[keys.index("bills")]
    assert bills.condition is None and not bills.multiple and not bills.exact_amount
    assert bills.values() == {"bill", "cutoff", "no"}
    assert "Heizung oder Nebenkosten" in str(bills.text) or "heating or service charges" in str(bills.text)
    assert bills.why
    base = {"a-age": "25-49", "a-partner": "no", "a-children": "0", "a-situation": "employed", "a-income": "1-500"}
    assert advance(post(**base, question="housing", answer="400-600")).question.key == "bills"
    step = advance(post(**base, **{"a-housing": "400-600"}, question="bills", answer="cutoff"))
    assert step.answers["bills"] == "cutoff" and step.question.key == "savings"
    assert advance(post(**base, **{"a-housing": "400-600"}, question="bills", answer="1000")).error


def test_an_exact_amount_is_accepted_in_german_and_english_notation():
    base = {"a-age": "25-49", "a-partner": "no", "a-children": "0", "a-situation": "employed"}
    german = advance(post(**base, question="income", answer="exact", amount="1.234,50"))
    english = advance(post(**base, question="income", answer="exact", amount="1234.50 €"))
    assert german.answers["income"] == english.answers["income"] == "exact:1234.50"


def test_a_wrong_amount_is_refused_with_a_message_and_the_typed_text_kept():
    base = {"a-age": "25-49", "a-partner": "no", "a-children": "0", "a-situation": "employed"}
    step = advance(post(**base, question="income", answer="exact", amount="viel"))
    assert step.question.key == "income"
    assert "850" in step.error  # the message shows an example amount
    assert step.typed_amount == "viel"
    assert "income" not in step.answers


def test_a_negative_or_huge_amount_is_refused():
    base = {"a-age": "25-49", "a-partner": "no", "a-children": "0", "a-situation": "employed"}
    assert advance(post(**base, question="income", answer="exact", amount="-5")).error
    assert advance(post(**base, question="income", answer="exact", amount="1e9")).error


def test_no_answer_chosen_asks_the_same_question_again_with_a_message():
    step = advance(post(question="age"))
    assert step.question.key == "age"
    assert step.error


def test_tampered_hidden_answers_are_dropped_and_asked_again():
    answers = carried_answers(post(**{"a-age": "200", "a-partner": "maybe", "a-children": "1"}))
    assert answers == {"children": "1"}
    assert next_question(answers).key == "age"


def test_back_goes_to_the_previous_question_and_forgets_its_answer():
    step = advance(post(**{"a-age": "25-49", "a-partner": "no"}, question="children", back="1"))
    assert step.question.key == "partner"
    assert step.answers == {"age": "25-49"}


def test_changing_the_number_of_children_to_none_drops_the_child_answers():
    carried = {"a-age": "25-49", "a-partner": "no", "a-children": "2", "a-youngest": "0-5", "a-maintenance": "no"}
    step = advance(post(**carried, question="children", answer="0"))
    assert "youngest" not in step.answers and "maintenance" not in step.answers


def test_several_benefits_can_be_chosen_or_none():
    carried = {
        "a-age": "25-49", "a-partner": "no", "a-children": "0", "a-situation": "employed",
        "a-income": "1-500", "a-housing": "400-600", "a-bills": "no", "a-savings": "0-5000",
    }  # fmt: skip
    several = advance(post(**carried, question="receives", answer=["wohngeld", "alg1", "nonsense"]))
    nothing = advance(post(**carried, question="receives"))
    assert several.question is None and several.answers["receives"] == "wohngeld,alg1"
    assert nothing.answers["receives"] == "none"


def test_a_dot_between_thousands_is_read_the_german_way():
    base = {"a-age": "25-49", "a-partner": "no", "a-children": "0", "a-situation": "employed"}
    assert advance(post(**base, question="income", answer="exact", amount="1.250")).answers["income"] == "exact:1250.00"
    assert advance(post(**base, question="income", answer="exact", amount="12.500 €")).answers["income"] == "exact:12500.00"
    assert advance(post(**base, question="income", answer="exact", amount="850.5")).answers["income"] == "exact:850.50"
