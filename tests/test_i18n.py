"""Dates, numbers and money per language, and labels that never go blank."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from docgen.errors import TemplateError
from docgen.i18n import format_date, format_money, format_number, format_short_date, labels


@pytest.mark.parametrize(
    ("language", "long", "short", "money", "number"),
    [
        ("en", "04 Mar 2026", "04 Mar 2026", "EUR 12,500.00", "1,234.5"),
        ("de", "04.03.2026", "04.03.2026", "12.500,00\xa0€", "1.234,5"),
    ],
)
def test_formats(language, long, short, money, number):
    day = dt.date(2026, 3, 4)
    assert format_date(day, language) == long
    assert format_short_date(day, language) == short
    assert format_money(Decimal("12500"), "EUR", language) == money
    assert format_number(Decimal("1234.5"), language) == number


def test_september_has_three_letters():
    assert format_short_date(dt.date(2026, 9, 18), "en") == "18 Sep 2026"


def test_no_date_is_empty():
    assert format_date(None, "en") == "" and format_short_date(None, "de") == ""


def test_both_languages_have_the_same_labels():
    assert set(labels("en")) == set(labels("de"))


def test_missing_label_is_an_error():
    with pytest.raises(TemplateError, match="no 'de' label for 'nope'"):
        labels("de")["nope"]


def test_counted_labels_take_the_singular_for_one_and_the_plural_otherwise():
    from docgen.i18n import labels

    assert labels("en").count("days_ahead", 1) == "in 1 day"
    assert labels("en").count("days_ahead", 21) == "in 21 days"
    assert labels("de").count("days_overdue", 1) == "1 Tag überfällig"
    assert labels("de").count("reason.tests_failed", 0) == "0 Tests fehlgeschlagen."
    assert labels("en").count("reason.items_overdue_share", 9, due=30).startswith("9 of 30 checklist items")
