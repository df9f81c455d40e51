"""Labels and formatting per language: English and German.

Fixed labels live in JSON catalogues, `locales/<lang>/<area>.json`, merged per
language; dates, numbers and money are formatted with Babel for the locale.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from .errors import TemplateError

LANGUAGES = ("en", "de")
_LOCALES = {"en": "en_GB", "de": "de_DE"}
_CATALOGUES = Path(__file__).parent / "locales"


class Labels(dict):
    """A language's labels; a missing label is an error, never a blank."""

    def __init__(self, language: str, entries: dict[str, str]) -> None:
        super().__init__(entries)
        self.language = language

    def __missing__(self, key: str) -> str:
        raise TemplateError(f"no '{self.language}' label for '{key}' in {_CATALOGUES}/{self.language}/")

    def __getattr__(self, key: str) -> str:  # lets templates write labels.goals
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def count(self, key: str, n: int, **values: object) -> str:
        """The label for a count of `n`: "one item|{n} items" holds the singular and the
        plural form, chosen by the language's plural rule."""
        forms = self[key].split("|")
        return forms[_plural_index(self.language, n, len(forms))].format(n=n, **values)


def _plural_index(language: str, n: int, forms: int) -> int:
    from babel import Locale

    if forms == 1:
        return 0
    return 0 if Locale.parse(_LOCALES[language]).plural_form(abs(n)) == "one" else 1


@lru_cache(maxsize=None)
def labels(language: str) -> Labels:
    entries: dict[str, str] = {}
    for catalogue in sorted((_CATALOGUES / language).glob("*.json")):
        entries.update(json.loads(catalogue.read_text(encoding="utf-8")))
    return Labels(language, entries)


def locale_of(language: str) -> str:
    return _LOCALES[language]


@lru_cache(maxsize=4096)  # Babel is slow, and a document repeats its dates
def format_date(value: dt.date | None, language: str) -> str:
    """'04 Mar 2026' / '04.03.2026': one date style per language, in text as in tables
    (a cover dated "4 March 2026" above a table of "04 Mar 2026" reads as two styles)."""
    return format_short_date(value, language)


def format_short_date(value: dt.date | None, language: str) -> str:
    """'04 Sep 2026' / '04.09.2026': compact and unambiguous; '' for no date."""
    if value is None:
        return ""
    if language == "de":
        return value.strftime("%d.%m.%Y")
    # Babel's en_GB abbreviates September as "Sept"; tables want three letters.
    return f"{value.day:02d} {_MONTHS[value.month - 1]} {value.year}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_money(amount: Decimal, currency: str, language: str) -> str:
    """'EUR 12,500.00' / '12.500,00 €'."""
    from babel.numbers import format_currency

    if language == "en":
        from babel.numbers import format_decimal

        return f"{currency} {format_decimal(amount, format='#,##0.00', locale=locale_of(language))}"
    return format_currency(amount, currency, locale=locale_of(language))


def format_number(value: Decimal | float | int, language: str, decimals: int = 1) -> str:
    """A number with the locale's separators; trailing zeros of whole numbers dropped."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale_of(language))
