"""The Jinja sandbox with bounds: a template from a partner may be careless or hostile.

Jinja's sandbox stops code execution but not work: two nested `range(100000)` loops
render ten billion times, `"x" * 10**10` asks for ten gigabytes. `BoundedSandbox`
gives each document a budget (`bounded`): the items all `range()` calls may produce,
the characters expressions may output, the size of a repeated string or list, and
the seconds the render may take. Running out raises `TemplateLimitError`, a Jinja
`TemplateError` that says which limit and which expression, so the renderer reports
it with the template's name like any other template error.

Templates cannot include, extend or import other templates: a DOCX template is one
file, and an `{% include %}` says so instead of failing with "no loader".
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Iterator

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_LOOP_ITEMS = 1_000_000  # items all range() calls of one document may produce together
MAX_OUTPUT_CHARS = 50_000_000  # characters all {{ expressions }} of one document may output
MAX_REPEAT = 1_000_000  # length of a string or list made by `*`
MAX_SECONDS = 60.0  # per document


class TemplateLimitError(jinja2.TemplateError):
    """A template ran into one of the bounds of `bounded`; `expression` is the template
    text that did, when known (e.g. "range(100000)")."""

    def __init__(self, message: str, expression: str = "") -> None:
        super().__init__(message)
        self.expression = expression


_XML_TAG = re.compile(r"<[^>]+>")


def offending_tag(xml: str, error: TemplateLimitError) -> str:
    """The `{% ... %}` or `{{ ... }}` tag of the template's text that holds the expression
    that ran away, "" when it cannot be told."""
    if not error.expression:
        return ""
    text = _XML_TAG.sub("", xml)
    needle = re.escape(error.expression).replace(r"\ ", r"\s*").replace(",", r",\s*")
    found = re.search(r"\{[%{][^%}]*?" + needle.replace(r"\(", r"\(\s*") + r"[^%}]*?[%}]\}", text)
    return " ".join(found.group().split()) if found else ""


@dataclass
class Budget:
    deadline: float
    seconds: float
    loop_items: int = 0
    output_chars: int = 0
    ticks: int = field(default=0, repr=False)

    def tick(self, what: str) -> None:
        """Called on every function call and range item; the clock is read every 1,000."""
        self.ticks += 1
        if self.ticks % 1000 == 0 and time.monotonic() > self.deadline:
            raise TemplateLimitError(f"the template took more than {self.seconds:g} s to render ({what}); "
                                     "look for loops over large ranges")


_BUDGET: ContextVar[Budget | None] = ContextVar("docgen_render_budget", default=None)


@contextmanager
def bounded(seconds: float | None = None) -> Iterator[Budget]:
    """The budget of one document's render (MAX_SECONDS unless `seconds` is given)."""
    seconds = MAX_SECONDS if seconds is None else seconds
    budget = Budget(time.monotonic() + seconds, seconds)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def _budget() -> Budget:
    # Outside `bounded` (a template check, a test), a fresh default budget per call.
    return _BUDGET.get() or Budget(time.monotonic() + MAX_SECONDS, MAX_SECONDS)


def bounded_range(*args: int) -> "CountedRange":
    """range() whose items count against the document's loop budget."""
    numbers = range(*args)
    budget = _budget()
    shown = f"range({', '.join(map(str, args))})"
    if budget.loop_items + len(numbers) > MAX_LOOP_ITEMS:
        raise TemplateLimitError(f"{shown}: the template's loops would run more than {MAX_LOOP_ITEMS:,} "
                                 "times in all; loop over the data, not over large ranges", shown)
    budget.loop_items += len(numbers)
    return CountedRange(numbers, budget, shown)


@dataclass(frozen=True)
class CountedRange:
    """A range that checks the clock while a template loops over it."""

    numbers: range
    budget: Budget
    shown: str

    def __len__(self) -> int:
        return len(self.numbers)

    def __iter__(self) -> Iterator[int]:
        for number in self.numbers:
            self.budget.tick(self.shown)
            yield number


class _NoIncludes(jinja2.BaseLoader):
    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        raise jinja2.TemplateNotFound(template, f"'{template}': a DOCX template cannot include, extend or import "
                                                "other templates; copy that part into this template")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with the bounds of `bounded`."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        options.setdefault("loader", _NoIncludes())
        finalize = options.pop("finalize", None)
        super().__init__(finalize=self._counting(finalize), **options)
        self.globals["range"] = bounded_range

    @staticmethod
    def _counting(finalize: Any) -> Any:
        """`finalize` (which may take Jinja's context or eval context first), counting output."""
        def counted(value: Any) -> Any:
            budget = _budget()
            budget.output_chars += len(value) if isinstance(value, str) else 16
            if budget.output_chars > MAX_OUTPUT_CHARS:
                raise TemplateLimitError(f"the template's expressions output more than {MAX_OUTPUT_CHARS:,} "
                                         "characters; look for loops that repeat large values")
            return value

        pass_arg = getattr(finalize, "jinja_pass_arg", None)
        if finalize is None:
            return counted
        if pass_arg is None:
            return lambda value: counted(finalize(value))

        def count(first: Any, value: Any) -> Any:
            return counted(finalize(first, value))

        count.jinja_pass_arg = pass_arg  # type: ignore[attr-defined]
        return count

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        _budget().tick(getattr(__obj, "__name__", "a call"))
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**" and isinstance(right, int) and abs(right) > 1000:
            raise TemplateLimitError(f"{left!r:.20} ** {right}: exponent too large")
        return super().call_binop(context, operator, left, right)


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(sequence, (str, list, tuple)) and isinstance(times, int) and len(sequence) * times > MAX_REPEAT:
        raise TemplateLimitError(f"{type(sequence).__name__} of {len(sequence):,} repeated {times:,} times: "
                                 f"more than {MAX_REPEAT:,} items")
