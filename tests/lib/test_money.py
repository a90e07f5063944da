from decimal import Decimal

import pytest

from infopoint.lib.money import MoneyInputError, format_money_de, parse_money_input


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,56", "1234.56"),
        ("1234,5", "1234.5"),
        ("1234.50", "1234.50"),
        ("1400", "1400"),
        ("1.234", "1234"),
        ("12.345.678,9", "12345678.9"),
        (" 550 € ", "550"),
        ("1 234,00", "1234.00"),
        ("0,99", "0.99"),
        ("1400.5", "1400.5"),
        ("1,234.56", "1234.56"),
    ],
)
def test_german_and_plain_notation_are_both_accepted(text, value):
    assert parse_money_input(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "viel", "1,2,3", "12..5", "NaN", "Infinity", "1e5x", "1e26", "9" * 27])
def test_anything_else_is_refused(text):
    with pytest.raises(MoneyInputError):
        parse_money_input(text)


def test_amounts_print_the_german_way():
    assert format_money_de(Decimal("1234.5")) == "1.234,50 €"
    assert format_money_de("563") == "563,00 €"
    assert format_money_de(Decimal("-30")) == "-30,00 €"
    assert format_money_de(None) == ""
