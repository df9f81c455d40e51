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
from typing import Any, Callable, Iterator, NoReturn

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
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


def _printer(text_of: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    """What `{{ value }}` prints: `value` as text (`text_of` for anything but a str),
    counted against the document's output budget and escaped, in one call per value."""

    @jinja2.pass_eval_context
    def print_value(eval_ctx: Any, value: Any) -> Any:
        if value.__class__ is not str:
            value = text_of(value)
            if hasattr(value, "__html__"):  # markup, printed as Jinja prints it
                _count(len(value) if isinstance(value, str) else 16)
                return value.__html__() if eval_ctx.autoescape else str(value)
            value = str(value)
        budget = _BUDGET.get()  # _count, inlined: this runs for every value of every row
        if budget is None:
            budget = Budget(0.0, MAX_SECONDS)
        budget.output_chars += len(value)
        if budget.output_chars > MAX_OUTPUT_CHARS:
            _over_budget()
        # markupsafe's escape() to the character, without making a Markup of every value.
        if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
            value = (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                     .replace('"', "&#34;").replace("'", "&#39;"))
        if "{" in value or "}" in value:
            value = value.replace("{", "&#123;").replace("}", "&#125;")
        return value

    return print_value


def _count(chars: int) -> None:
    """`chars` more characters output; over the budget, the error."""
    budget = _BUDGET.get()
    if budget is None:  # outside `bounded` (a template check, a test): each value on its own
        budget = Budget(0.0, MAX_SECONDS)
    budget.output_chars += chars
    if budget.output_chars > MAX_OUTPUT_CHARS:
        _over_budget()


def _over_budget() -> NoReturn:
    raise TemplateLimitError(f"the template's expressions output more than {MAX_OUTPUT_CHARS:,} "
                             "characters; look for loops that repeat large values")


class OnePassGenerator(CodeGenerator):
    """Jinja's code generator, printing a value with one call and a run of output as one string.

    Jinja prints `{{ value }}` as `escape(environment.finalize(context.eval_ctx, value))`
    and yields every piece of literal XML and every value on its own: in a 10,000-row
    table, 150,000 generator steps. Here the environment's finalize (`_printer`, which
    escapes) is the only call, and the pieces of one output node go out as one joined
    string. The text is the same; what differs is only the number of steps.
    """

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        self.write(finalize.src)  # "environment.finalize(context.eval_ctx, "

    def _output_child_post(self, node: Any, frame: Any, finalize: Any) -> None:
        self.write(")")

    def visit_Output(self, node: Any, frame: Any) -> None:
        if frame.buffer is not None or len(node.nodes) < 2 or frame.require_output_check or frame.eval_ctx.volatile:
            super().visit_Output(node, frame)  # macros, blocks and {% set %}: as Jinja does
            return
        finalize = self._make_finalize()
        self.writeline("yield ''.join((")
        self.indent()
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                self.writeline(repr(self._output_child_to_const(child, frame, finalize)) + ",")
                continue
            self.newline(child)
            self._output_child_pre(child, frame, finalize)
            self.visit(child, frame)
            self._output_child_post(child, frame, finalize)
            self.write(",")
        self.outdent()
        self.writeline("))")


def _as_is(value: Any) -> Any:
    return value


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with the bounds of `bounded`, printing every value in one pass.

    `finalize`, if given, turns a value that is not a `str` into text: it returns a `str`
    (printed escaped) or an object with `__html__` (markup that writes itself). The
    environment's own finalize does the rest in the same call: it counts the output
    against the budget, escapes the text for XML and writes braces as character
    references (user text is data: a value's `{{` never reads as a tag, Jinja's or
    docxtpl's). Escaping is the same with autoescaping off, so `{% autoescape false %}`
    cannot turn a value into markup.
    """

    intercepted_binops = frozenset({"*", "**"})
    code_generator_class = OnePassGenerator

    def __init__(self, **options: Any) -> None:
        options.setdefault("loader", _NoIncludes())
        finalize = options.pop("finalize", None) or _as_is  # str() would drop a Markup's __html__
        super().__init__(finalize=_printer(finalize), **options)
        self.globals["range"] = bounded_range

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
