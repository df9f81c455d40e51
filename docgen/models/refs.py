"""Cross-references: ids that must be unique and references that must resolve.

Fields are marked with `Defines(kind)` or `Ref(kind)` in their type. The checker walks
the raw data guided by the model's types, so it still works when other parts of the
file failed validation: a file's reference problems are reported together with its
schema problems.
"""

from __future__ import annotations

import types
import typing
from functools import lru_cache
from typing import Any, Callable, NamedTuple, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..errors import format_loc
from .base import Defines, Ref

Loc = tuple[Union[str, int], ...]
Visit = Callable[[Any, Loc, "_Index"], None]


class ReferenceProblem(NamedTuple):  # a NamedTuple is cheaper to define than a dataclass
    loc: Loc
    message: str
    hint: str = ""


class _Index:
    """Ids and references as the walk finds them. A place is kept as its parent's loc and
    its own key, and joined only for a problem: a valid file of 10,000 requirements
    has no problem but some 25,000 places."""

    def __init__(self) -> None:
        self.defined: dict[str, dict[str, tuple[Loc, str | int]]] = {}
        self.duplicates: list[tuple[str, str, Loc, Loc]] = []
        self.references: list[tuple[str, str, Loc, str | int]] = []

    def define(self, kind: str, value: str, parent: Loc, key: str | int) -> None:
        known = self.defined.setdefault(kind, {})
        if value in known:
            self.duplicates.append((kind, value, (*parent, key), _joined(known[value])))
        else:
            known[value] = (parent, key)


_NO_IDS: dict[str, tuple[Loc, str | int]] = {}  # of a kind no item defines


def _joined(place: tuple[Loc, str | int]) -> Loc:
    return (*place[0], place[1])


def find_reference_problems(data: Any, model: type[BaseModel]) -> list[ReferenceProblem]:
    """Duplicate ids and dangling references in raw `data` shaped like `model`."""
    index = _Index()
    visit = _visitor(model)
    if visit is not None:
        visit(data, (), index)
    problems = [_duplicate_problem(*dup) for dup in index.duplicates]
    for kind, value, parent, key in index.references:
        known = index.defined.get(kind, _NO_IDS)
        if value not in known:
            problems.append(_dangling_problem(kind, value, (*parent, key), sorted(known)))
    return sorted(problems, key=lambda p: [str(part) for part in p.loc])


def _duplicate_problem(kind: str, value: str, loc: Loc, first: Loc) -> ReferenceProblem:
    label = kind.replace("_", " ")
    return ReferenceProblem(
        loc, f"duplicate {label} id '{value}'", f"already used at {format_loc(first)}; ids must be unique"
    )


def _dangling_problem(kind: str, value: str, loc: Loc, known: list[str]) -> ReferenceProblem:
    import difflib  # for hints only: a valid file never needs it

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
                index.define(marker.kind, value, loc[:-1], loc[-1])
            else:
                index.references.append((marker.kind, value, loc[:-1], loc[-1]))

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
    fields = [field for name, info in model.model_fields.items() if (field := _field(info.alias or name, info))]
    if not fields:
        return None

    def visit(value: Any, loc: Loc, index: _Index) -> None:
        # The hot loop of a large file (a field of each of 10,000 requirements): an id
        # or reference field is recorded right here, without a call or a loc of its own.
        if isinstance(value, dict):
            for key, kind, defines, field_visit in fields:
                if key in value:
                    item = value[key]
                    if field_visit is not None:
                        field_visit(item, (*loc, key), index)
                    elif isinstance(item, str):
                        if defines:
                            index.define(kind, item, loc, key)
                        else:
                            index.references.append((kind, item, loc, key))

    return visit


def _field(key: str, info: FieldInfo) -> tuple[str, str, bool, Visit | None] | None:
    """(key, kind, whether it defines, None) for an id or reference field; (key, "", False,
    visitor) for a field that holds some; None for a field that holds none."""
    tp = typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    marker = _marker_of(tp)
    if marker is not None:
        return key, marker.kind, isinstance(marker, Defines), None
    field_visit = _visitor(tp)
    return (key, "", False, field_visit) if field_visit is not None else None


def _marker_of(tp: Any) -> Defines | Ref | None:
    """The marker of an id or reference type, also an optional one; as `_visitor` finds it."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _marker_of(args[0]) if len(args) == 1 else None
    if origin is typing.Annotated:
        return next((m for m in typing.get_args(tp)[1:] if isinstance(m, (Defines, Ref))), None)
    return None
