"""Cross-references: ids that must be unique and references that must resolve.

Fields are marked with `Defines(kind)` or `Ref(kind)` in their type. The checker walks
the raw data guided by the model's types, so it still works when other parts of the
file failed validation: a file's reference problems are reported together with its
schema problems.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Union

from pydantic import BaseModel

from ..errors import format_loc
from .base import Defines, Ref

Loc = tuple[Union[str, int], ...]
Visit = Callable[[Any, Loc, "_Index"], None]


@dataclass(frozen=True)
class ReferenceProblem:
    loc: Loc
    message: str
    hint: str = ""


class _Index:
    def __init__(self) -> None:
        self.defined: dict[str, dict[str, Loc]] = {}
        self.duplicates: list[tuple[str, str, Loc, Loc]] = []
        self.references: list[tuple[str, str, Loc]] = []

    def define(self, kind: str, value: str, loc: Loc) -> None:
        known = self.defined.setdefault(kind, {})
        if value in known:
            self.duplicates.append((kind, value, loc, known[value]))
        else:
            known[value] = loc

    def refer(self, kind: str, value: str, loc: Loc) -> None:
        self.references.append((kind, value, loc))


def find_reference_problems(data: Any, model: type[BaseModel]) -> list[ReferenceProblem]:
    """Duplicate ids and dangling references in raw `data` shaped like `model`."""
    index = _Index()
    visit = _visitor(model)
    if visit is not None:
        visit(data, (), index)
    problems = [_duplicate_problem(*dup) for dup in index.duplicates]
    for kind, value, loc in index.references:
        known = index.defined.get(kind, {})
        if value not in known:
            problems.append(_dangling_problem(kind, value, loc, sorted(known)))
    return sorted(problems, key=lambda p: [str(part) for part in p.loc])


def _duplicate_problem(kind: str, value: str, loc: Loc, first: Loc) -> ReferenceProblem:
    label = kind.replace("_", " ")
    return ReferenceProblem(
        loc, f"duplicate {label} id '{value}'", f"already used at {format_loc(first)}; ids must be unique"
    )


def _dangling_problem(kind: str, value: str, loc: Loc, known: list[str]) -> ReferenceProblem:
    label = kind.replace("_", " ")
    close = difflib.get_close_matches(value, known, n=1)
    if close:
        hint = f"did you mean '{close[0]}'?"
    elif known:
        shown = ", ".join(known[:10]) + (", ..." if len(known) > 10 else "")
        hint = f"known {label} ids: {shown}"
    else:
        hint = f"no {label} is defined yet"
    return ReferenceProblem(loc, f"no {label} '{value}'", hint)


@lru_cache(maxsize=None)
def _visitor(tp: Any) -> Visit | None:
    """A function that records ids and references in a value of type `tp`, or None."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _annotated_visitor(tp)
    if origin in (Union, types.UnionType):
        return _union_visitor(typing.get_args(tp))
    if origin is list:
        return _list_visitor(typing.get_args(tp)[0])
    if origin is dict:
        return _dict_visitor(typing.get_args(tp)[1])
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _model_visitor(tp)
    return None


def _annotated_visitor(tp: Any) -> Visit | None:
    inner, *metadata = typing.get_args(tp)
    for marker in metadata:
        if isinstance(marker, (Defines, Ref)):
            return _marker_visitor(marker)
    return _visitor(inner)


def _marker_visitor(marker: Defines | Ref) -> Visit:
    def visit(value: Any, loc: Loc, index: _Index) -> None:
        if isinstance(value, str):
            if isinstance(marker, Defines):
                index.define(marker.kind, value, loc)
            else:
                index.refer(marker.kind, value, loc)

    return visit


def _union_visitor(args: tuple[Any, ...]) -> Visit | None:
    visitors = [v for v in (_visitor(a) for a in args if a is not type(None)) if v]
    if not visitors:
        return None
    if len(visitors) == 1:
        return visitors[0]

    def visit(value: Any, loc: Loc, index: _Index) -> None:
        for each in visitors:
            each(value, loc, index)

    return visit


def _list_visitor(item_type: Any) -> Visit | None:
    item = _visitor(item_type)
    if item is None:
        return None

    def visit(value: Any, loc: Loc, index: _Index) -> None:
        if isinstance(value, list):
            for position, entry in enumerate(value):
                item(entry, (*loc, position), index)

    return visit


def _dict_visitor(value_type: Any) -> Visit | None:
    item = _visitor(value_type)
    if item is None:
        return None

    def visit(value: Any, loc: Loc, index: _Index) -> None:
        if isinstance(value, dict):
            for key, entry in value.items():
                item(entry, (*loc, key), index)

    return visit


def _model_visitor(model: type[BaseModel]) -> Visit | None:
    fields = []
    for name, info in model.model_fields.items():
        tp = typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        field_visit = _visitor(tp)
        if field_visit is not None:
            fields.append((info.alias or name, field_visit))
    if not fields:
        return None

    def visit(value: Any, loc: Loc, index: _Index) -> None:
        if isinstance(value, dict):
            for key, field_visit in fields:
                if key in value:
                    field_visit(value[key], (*loc, key), index)

    return visit
