"""Which placeholders of a template the data model does not provide.

The walker follows Jinja's AST with the *types* of the context: a document's context
dataclass, the pydantic models behind `project` and the section shortcuts, and the
label catalogues. A loop variable gets the item type of what it loops over, `set`
binds the type of its value. Wherever a type is unknown (a filter's result, a macro
argument) the walker stops judging rather than guessing.

`extra` is free-form, so any key passes unless a project is given: then a key that no
`extra:` of its kind in the project defines is reported (the project's own for `extra.x`
and `project.extra.x`; the items of that model, e.g. every requirement, for `r.extra.x`).
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import nodes
from lxml import etree
from pydantic import BaseModel

from .. import i18n
from ..errors import Problem
from ..i18n import Labels
from ..models import Project

ANY = object()  # a value whose type the walker cannot know: everything goes
_SAME_TYPE_FILTERS = {"sort", "reverse", "list", "unique", "select", "reject", "selectattr", "rejectattr",
                      "default", "d"}
_ITEM_FILTERS = {"first", "last", "random", "min", "max"}
_JINJA_GLOBALS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop", "caller", "varargs",
                  "kwargs", "true", "false", "none", "True", "False", "None"}


@dataclasses.dataclass(frozen=True)
class Missing:
    path: str
    hint: str
    message: str = "not provided by the data model"


@dataclasses.dataclass(frozen=True)
class ExtraIndex:
    """The `extra:` keys a project defines: its own, per model of its items, and all items'."""

    project: frozenset[str]
    by_model: dict[type, frozenset[str]]
    items: frozenset[str]
    file: str | None = None  # the project's file, named by the problems when known

    def keys_of(self, owner: Any) -> frozenset[str]:
        """The keys for `owner`: a model, or a view naming its model in `extra_of`."""
        owner = getattr(owner, "extra_of", owner)
        if owner is Project:
            return self.project
        return self.by_model.get(owner, frozenset()) if isinstance(owner, type) and issubclass(
            owner, BaseModel) else self.items


@dataclasses.dataclass(frozen=True)
class ExtraKeys:
    """The type of an `extra` mapping: the keys its owner defines (None: any key passes)."""

    keys: frozenset[str] | None
    owner: str  # "the project", "Requirement"


def extra_index(project: Project, file: str | None = None) -> ExtraIndex:
    """Every `extra:` key of `project` (read from `file`), by the model that holds it."""
    found: dict[type, set[str]] = {}
    _collect_extra(project, found)
    by_model = {model: frozenset(keys) for model, keys in found.items()}
    items = frozenset(key for model, keys in found.items() if model is not Project for key in keys)
    return ExtraIndex(by_model.get(Project, frozenset()), by_model, items, file)


def _collect_extra(value: Any, found: dict[type, set[str]]) -> None:
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        if "extra" in fields:
            found.setdefault(type(value), set()).update(value.extra)
        for name in fields:
            if name != "extra":
                _collect_extra(getattr(value, name), found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect_extra(item, found)


def context_scope(context_type: type) -> dict[str, Any]:
    """Name -> type of everything a template of `context_type` sees."""
    scope = {name: info.annotation for name, info in Project.model_fields.items() if name != "project"}
    scope.update(typing.get_type_hints(context_type))
    return scope


def find_missing(template: nodes.Template, scope: dict[str, Any], filters: set[str],
                 extras: ExtraIndex | None = None) -> list[Missing]:
    walker = _Walker(filters, extras)
    walker.visit(template, dict(scope))
    return list(dict.fromkeys(walker.missing))


class _Walker:
    def __init__(self, filters: set[str], extras: ExtraIndex | None = None) -> None:
        self.filters = filters
        self.extras = extras
        self.missing: list[Missing] = []

    # --- statements ------------------------------------------------------------------

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        handler = getattr(self, f"visit_{type(node).__name__}", None)
        if handler is not None:
            handler(node, scope)
            return
        for child in node.iter_child_nodes():
            self.child(child, scope)

    def child(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.Expr):
            self.infer(node, scope)
        else:
            self.visit(node, scope)

    def visit_For(self, node: nodes.For, scope: dict[str, Any]) -> None:
        inner = dict(scope)
        self._bind(node.target, item_type(self.infer(node.iter, scope)), inner)
        inner["loop"] = ANY
        if node.test is not None:
            self.infer(node.test, inner)
        for child in node.body:
            self.visit(child, inner)
        for child in node.else_:
            self.visit(child, scope)

    def visit_Assign(self, node: nodes.Assign, scope: dict[str, Any]) -> None:
        self._bind(node.target, self.infer(node.node, scope), scope)

    def visit_AssignBlock(self, node: nodes.AssignBlock, scope: dict[str, Any]) -> None:
        for child in node.body:
            self.visit(child, scope)
        self._bind(node.target, str, scope)

    def visit_With(self, node: nodes.With, scope: dict[str, Any]) -> None:
        inner = dict(scope)
        for target, value in zip(node.targets, node.values):
            self._bind(target, self.infer(value, scope), inner)
        for child in node.body:
            self.visit(child, inner)

    def visit_Macro(self, node: nodes.Macro, scope: dict[str, Any]) -> None:
        inner = dict(scope)
        for arg in node.args:
            inner[arg.name] = ANY
        for default in node.defaults:
            self.infer(default, scope)
        for child in node.body:
            self.visit(child, inner)
        scope[node.name] = ANY

    def visit_CallBlock(self, node: nodes.CallBlock, scope: dict[str, Any]) -> None:
        self.infer(node.call, scope)
        inner = {**scope, **{arg.name: ANY for arg in node.args}}
        for child in node.body:
            self.visit(child, inner)

    def _bind(self, target: nodes.Node, value_type: Any, scope: dict[str, Any]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value_type
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self._bind(item, ANY, scope)
        elif isinstance(target, nodes.NSRef):
            self.infer(nodes.Name(target.name, "load"), scope)

    # --- expressions -----------------------------------------------------------------

    def infer(self, node: nodes.Expr, scope: dict[str, Any]) -> Any:
        handler = getattr(self, f"infer_{type(node).__name__}", None)
        if handler is not None:
            return handler(node, scope)
        for child in node.iter_child_nodes():
            self.child(child, scope)
        return ANY

    def infer_Name(self, node: nodes.Name, scope: dict[str, Any]) -> Any:
        if node.name == "extra" and _is_mapping(scope.get("extra")):
            return self._extra_of(Project)
        if node.name in scope:
            return scope[node.name]
        if node.name not in _JINJA_GLOBALS:
            self._report(node.name, list(scope))
        return ANY

    def infer_Const(self, node: nodes.Const, scope: dict[str, Any]) -> Any:
        return type(node.value)

    def infer_Getattr(self, node: nodes.Getattr, scope: dict[str, Any]) -> Any:
        return self._member(node, self.infer(node.node, scope), node.attr)

    def infer_Getitem(self, node: nodes.Getitem, scope: dict[str, Any]) -> Any:
        base = self.infer(node.node, scope)
        key = node.arg
        if isinstance(key, nodes.Const) and isinstance(key.value, str):
            return self._member(node, base, key.value)
        self.infer(key, scope)
        return base if isinstance(key, nodes.Slice) else item_type(base)

    def infer_Call(self, node: nodes.Call, scope: dict[str, Any]) -> Any:
        callee = self.infer(node.node, scope)
        for child in (*node.args, *[kw.value for kw in node.kwargs], node.dyn_args, node.dyn_kwargs):
            if child is not None:
                self.infer(child, scope)
        return return_type(callee)

    def infer_Filter(self, node: nodes.Filter, scope: dict[str, Any]) -> Any:
        value = self.infer(node.node, scope) if node.node is not None else ANY
        for child in (*node.args, *[kw.value for kw in node.kwargs]):
            self.infer(child, scope)
        if node.name not in self.filters:
            close = difflib.get_close_matches(node.name, sorted(self.filters), n=1)
            self.missing.append(Missing(f"|{node.name}", f"no such filter; did you mean '{close[0]}'?" if close
                                        else "no such filter"))
            return ANY
        if node.name in _SAME_TYPE_FILTERS:
            return value
        return item_type(value) if node.name in _ITEM_FILTERS else ANY

    def _member(self, node: nodes.Expr, base: Any, name: str) -> Any:
        if isinstance(base, ExtraKeys):
            return self._extra_member(node, base, name)
        found, member = member_type(base, name)
        if not found:
            prefix = path_of(node.node)
            close = suggest(base, name)
            self.missing.append(Missing(f"{prefix}.{name}", f"did you mean '{prefix}.{close}'?" if close else ""))
            return ANY
        if name == "extra" and _is_mapping(member):
            return self._extra_of(base)
        return member

    def _extra_of(self, owner: Any) -> ExtraKeys:
        keys = None if self.extras is None else self.extras.keys_of(owner)
        model = getattr(owner, "extra_of", owner)
        return ExtraKeys(keys, "the project" if model is Project else getattr(model, "__name__", "item"))

    def _extra_member(self, node: nodes.Expr, base: ExtraKeys, name: str) -> Any:
        """A key of `extra`: fine when the project defines it (or no project is known)."""
        if base.keys is None or name in base.keys or hasattr(dict, name):
            return ANY
        prefix = path_of(node.node)
        close = difflib.get_close_matches(name, sorted(base.keys), n=1, cutoff=0.75)
        file = self.extras.file if self.extras is not None else None
        in_file = "" if file else " in project.yaml"  # else the message names the file
        where = f"under extra:{in_file}" if base.owner == "the project" else \
            f"under extra: of each {base.owner} that has it{in_file}"
        hint = f"did you mean '{prefix}.{close[0]}'?" if close else f"define {name} {where}"
        # With several projects checked at once, the file says which one lacks the key.
        project, owner = (f"the extra: of {file}", f"{base.owner} of {file}") if file else \
            ("the project's extra:", base.owner)
        message = (f"no such key in {project}" if base.owner == "the project"
                   else f"no {owner} has this key in its extra:")
        self.missing.append(Missing(f"{prefix}.{name}", hint, message))
        return ANY

    def _report(self, path: str, known: list[str]) -> None:
        close = difflib.get_close_matches(path, known, n=1, cutoff=0.6)
        self.missing.append(Missing(path, f"did you mean '{close[0]}'?" if close else ""))


def suggest(base: Any, name: str) -> str:
    """A close member of `base`, else a close member one level down (titel -> project.title)."""
    direct = difflib.get_close_matches(name, candidates(base), n=1, cutoff=0.75)
    if direct:
        return direct[0]
    nested = {}
    for field in candidates(base):
        for sub in candidates(member_type(base, field)[1]):
            nested.setdefault(sub, f"{field}.{sub}")
    close = difflib.get_close_matches(name, list(nested), n=1, cutoff=0.75)
    return nested[close[0]] if close else ""


# --- types ---------------------------------------------------------------------------


def path_of(node: nodes.Node) -> str:
    """The placeholder as written: project.project.title, r.title, labels['x']."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{path_of(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{path_of(node.node)}[{node.arg.value!r}]"
    if isinstance(node, nodes.Call):
        return f"{path_of(node.node)}()"
    if isinstance(node, nodes.Filter):
        return f"({path_of(node.node)}|{node.name})" if node.node is not None else "(...)"
    return "(...)"


def _is_mapping(tp: Any) -> bool:
    return typing.get_origin(tp) is dict


def _unwrap(tp: Any) -> list[Any]:
    """The concrete types behind Optional, Union and Annotated; None dropped."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (Union, types.UnionType):
        return [t for arg in typing.get_args(tp) if arg is not type(None) for t in _unwrap(arg)]
    return [tp]


def member_type(tp: Any, name: str) -> tuple[bool, Any]:
    """(whether `tp` has `name`, the member's type) for attribute and key access."""
    if tp is ANY:
        return True, ANY
    for each in _unwrap(tp):
        found, member = _member_of(each, name)
        if found:
            return True, member
    return False, ANY


def _member_of(tp: Any, name: str) -> tuple[bool, Any]:
    origin = typing.get_origin(tp) or tp
    if tp is Labels:
        return name in common_labels(), str
    if origin is dict:
        args = typing.get_args(tp)
        return True, args[1] if args else ANY
    if isinstance(tp, type) and issubclass(tp, BaseModel) and name in tp.model_fields:
        return True, tp.model_fields[name].annotation
    if dataclasses.is_dataclass(tp) and name in _hints(tp):
        return True, _hints(tp)[name]
    if name.startswith("_") or not isinstance(origin, type):
        return origin is Any or origin is object, ANY
    attribute = getattr(origin, name, None)
    if isinstance(attribute, property):
        return True, _hints(attribute.fget).get("return", ANY)
    return hasattr(origin, name), (attribute if callable(attribute) else ANY)


def item_type(tp: Any) -> Any:
    """What iterating over (or indexing) a value of type `tp` gives."""
    for each in _unwrap(tp):
        origin = typing.get_origin(each)
        args = typing.get_args(each)
        if origin in (list, set, frozenset, typing.Sequence) and args:
            return args[0]
        if origin is dict and args:
            return args[0]
        if each is str or each is Labels:
            return str
    return ANY


def return_type(callee: Any) -> Any:
    if callable(callee) and not isinstance(callee, type):
        return _hints(callee).get("return", ANY)
    return ANY


def candidates(tp: Any) -> list[str]:
    names: list[str] = []
    for each in _unwrap(tp):
        if each is Labels:
            names += sorted(common_labels())
        elif isinstance(each, type) and issubclass(each, BaseModel):
            names += list(each.model_fields)
        elif dataclasses.is_dataclass(each):
            names += list(_hints(each))
    return names


@lru_cache(maxsize=None)
def common_labels() -> frozenset[str]:
    """Labels every language has: a template must work in all of them."""
    return frozenset.intersection(*(frozenset(i18n.labels(lang)) for lang in i18n.LANGUAGES))


def _hints(obj: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(obj)
    except Exception:  # unresolvable annotations: judge nothing rather than guess
        return {}


# --- a template file ------------------------------------------------------------

MESSAGE = Missing("", "").message


def placeholder_problems(path: Path, context_type: type, environment: jinja2.Environment,
                         project: Project | None = None, project_file: str | None = None) -> list[Problem]:
    """Every placeholder of the template at `path` that `context_type` does not provide,
    parsed as `environment` (the renderers' sandbox) parses it; with `project` (read
    from `project_file`), also every `extra` key it does not define. Each names the
    body paragraph it is in."""
    try:
        parts = template_parts(path)
        paragraphs = body_paragraphs(path)
    except (PackageNotFoundError, KeyError, ValueError, OSError, zipfile.BadZipFile, zlib.error,
            etree.XMLSyntaxError) as error:
        # XMLSyntaxError includes lxml refusing an entity bomb ("maximum entity amplification")
        return [Problem(str(path), "", "", f"not a Word document (.docx): {error}")]
    problems: list[Problem] = []
    scope = context_scope(context_type)
    extras = extra_index(project, project_file) if project is not None else None
    for xml in parts:
        try:
            tree = environment.parse(xml)
        except jinja2.TemplateSyntaxError as error:
            problems.append(Problem(str(path), "", "", f"template syntax error: {error.message}"))
            continue
        for missing in find_missing(tree, scope, set(environment.filters), extras):
            problems.append(Problem(str(path), paragraph_of(paragraphs, missing.path), missing.path,
                                    missing.message, missing.hint))
    return list(dict.fromkeys(problems))


def body_paragraphs(path: Path) -> list[str]:
    """The text of each paragraph of the document's body, numbered as Word counts them from the top."""
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml"), etree.XMLParser(resolve_entities=False))
    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return ["".join(t.text or "" for t in p.iter(f"{namespace}t")) for p in body.iter(f"{namespace}p")]


def paragraph_of(paragraphs: list[str], placeholder: str) -> str:
    """'paragraph 12' for the first paragraph whose tags name `placeholder`'s last part; "" if none does."""
    name = placeholder.split(".")[-1].split("[")[0].lstrip("|")
    for number, text in enumerate(paragraphs, 1):
        if "{" in text and name in text:
            return f"paragraph {number}"
    return ""


def template_parts(path: Path) -> list[str]:
    """The body, headers and footers as docxtpl hands them to Jinja."""
    template = DocxTemplate(str(path))
    template.init_docx()
    parts = [template.patch_xml(template.get_xml())]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _, part in template.get_headers_footers(uri):
            parts.append(template.patch_xml(template.get_part_xml(part)))
    return parts
