"""The field reference of project.yaml (docs/reference.md), generated from the JSON Schema.

The schema is the one truth: it comes from the models, and every property carries the
description written under its field. Each object of the file gets a section, in the
order a reader meets it from the top of the file, with a table of its fields: type,
default, description and an example taken from an example project (the bundled sample).

    python -m docgen.reference [--check]   # in a checkout: write or check docs/reference.md
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from .schema import project_schema

REFERENCE_FILE = Path("docs") / "reference.md"
EXAMPLE_LIMIT = 60  # characters of an example cell
_HEADER = ("field", "type", "default", "description", "example")
_EXTRA_NOTE = (
    "`extra:` holds a team's own data for its own templates, at the top level and on every item",
    "with an `id` (people, milestones, workshops, work packages, change requests, requirements,",
    "meetings, test cases, trainings). Keys are identifiers (letters, digits and `_`, not starting",
    "with a digit); values are text, numbers, `true`/`false`, dates, lists or mappings. A template",
    "prints them as `{{ extra.customer_ref }}` or, for an item `r`, `{{ r.extra.ticket }}`; they are",
    "text, never markup. `docgen templates check --project project.yaml` reports a template that uses",
    "a key the project does not define.", "")
_ENVIRONMENT_NOTE = (
    "`concept.environment.components` lists the customer's environment, one component (name,",
    "details) at a time. A file in the former shape (`mail_system`, `load_balancer`, `storage`,",
    "`provisioning`, `other`) still loads: the parts with text become components named in the",
    "project's language, followed by `other`.", "")


def reference_markdown(example: dict[str, Any] | None = None) -> str:
    """The whole page; `example` is a project file's data to take example values from."""
    schema = project_schema()
    definitions = schema.get("$defs", {})
    lines = ["# project.yaml reference", "",
             "Generated from the data model by `python -m docgen.reference`; do not edit by hand.",
             "Every key below is optional unless its default says *required*. Dates are written",
             "`YYYY-MM-DD`; ids refer to items defined elsewhere in the file (people by their `id`).", "",
             *_EXTRA_NOTE, *_ENVIRONMENT_NOTE]
    paths = _paths(schema, definitions)
    lines += _section("project.yaml", schema, "", [], definitions, example)
    for name, found in paths.items():
        lines += _section(name, definitions[name], found[0], found[1:], definitions, _example_at(example, found[0]))
    return "\n".join(lines).rstrip() + "\n"


def _paths(node: dict, definitions: dict, path: str = "",
           found: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """$defs name -> the paths in the file where that object appears, in reading order
    (depth first, as a reader meets them from the top of the file)."""
    found = {} if found is None else found
    for field, prop in node.get("properties", {}).items():
        for ref, suffix in _object_refs(prop):
            target = definitions[ref]
            if "properties" not in target:
                continue
            where = _join(path, field) + suffix
            first = ref not in found
            found.setdefault(ref, []).append(where)
            if first:
                _paths(target, definitions, where, found)
    return found


def _object_refs(prop: dict) -> list[tuple[str, str]]:
    """The $defs names a property refers to, with '[]' when it is a list of them."""
    if "$ref" in prop:
        return [(prop["$ref"].rsplit("/", 1)[-1], "")]
    if prop.get("type") == "array" and isinstance(prop.get("items"), dict):
        return [(name, suffix + "[]") for name, suffix in _object_refs(prop["items"])]
    return [found for option in prop.get("anyOf", []) for found in _object_refs(option)]


def _join(path: str, field: str) -> str:
    return f"{path}.{field}" if path else field


def _section(name: str, node: dict, path: str, also: list[str], definitions: dict, example: Any) -> list[str]:
    title = f"## `{path}` ({name})" if path else f"## {name}"
    lines = [f'<a id="{_anchor(name)}"></a>', "", title, ""] if path else [title, ""]
    if node.get("description") and path:
        lines += [_one_line(node["description"]), ""]
    if also:
        lines += ["Also at " + ", ".join(f"`{where}`" for where in also) + ".", ""]
    lines += ["| " + " | ".join(_HEADER) + " |", "|" + "---|" * len(_HEADER)]
    required = set(node.get("required", []))
    for field, prop in node.get("properties", {}).items():
        cells = (f"`{field}`", _type(prop, definitions), _default(prop, field in required),
                 _one_line(prop.get("description", "")), _example(example, field, _is_mapping(prop)))
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines + [""]


def _type(prop: dict, definitions: dict) -> str:
    if "$ref" in prop:
        return _named_type(prop["$ref"].rsplit("/", 1)[-1], definitions)
    if "anyOf" in prop:
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        if {o.get("type") for o in options} == {"number", "string"}:
            return "number"  # a Decimal: pydantic also takes it as a string
        return " or ".join(dict.fromkeys(_type(o, definitions) for o in options))
    if prop.get("type") == "array":
        return f"list of {_type(prop.get('items', {}), definitions)}"
    if "const" in prop:
        return f"`{json.dumps(prop['const'])}`"
    return _scalar_type(prop)


def _named_type(name: str, definitions: dict) -> str:
    target = definitions[name]
    if "enum" in target:
        return "one of " + ", ".join(f"`{value}`" for value in target["enum"])
    return f"[{name}](#{_anchor(name)})"


def _scalar_type(prop: dict) -> str:
    kind = prop.get("type", "")
    if kind == "string":
        if prop.get("format") == "date":
            return "date"
        if prop.get("contentMediaType") == "text/markdown":
            return "Markdown text"
        pattern = prop.get("pattern", "")
        if pattern.startswith("^#[0-9A-Fa-f]"):
            return "colour `#RRGGBB`"
        if pattern.startswith("^([01]"):
            return "time `HH:MM`"
        if pattern.startswith("^[A-Za-z0-9][A-Za-z0-9._-]*$"):
            return "id"
        return "text"
    if _is_mapping(prop):
        return "mapping of identifier to any value"
    return {"integer": "integer", "number": "number", "boolean": "`true` or `false`"}.get(kind, kind or "any")


def _is_mapping(prop: dict) -> bool:
    """A free-form mapping such as `extra`: keys of a pattern, values of any kind."""
    return prop.get("type") == "object" and "propertyNames" in prop


def _anchor(name: str) -> str:
    return name.lower()


def _default(prop: dict, required: bool) -> str:
    if required:
        return "*required*"
    if "default" not in prop:
        return "empty"
    value = prop["default"]
    if value is None or value == "" or value == []:
        return "empty"
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _example_at(example: Any, path: str) -> Any:
    """The value at `path` ('charter.milestones[]') in the example data, first items of lists."""
    value = example
    for part in path.split(".") if path else []:
        field, lists = part.rstrip("[]"), part.count("[]")
        value = value.get(field) if isinstance(value, dict) else None
        for _ in range(lists):
            value = value[0] if isinstance(value, list) and value else None
    return value


def _example(example: Any, field: str, mapping: bool = False) -> str:
    """The example's value of `field`, in one short line; a nested object shows only for a
    free-form mapping (`extra`), whose fields no section of its own lists."""
    value = example.get(field) if isinstance(example, dict) else None
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or (isinstance(value, dict) and not mapping) or value == "":
        return ""
    if isinstance(value, dt.date):
        value = value.isoformat()
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = _one_line(text)
    if len(text) > EXAMPLE_LIMIT:
        text = text[: EXAMPLE_LIMIT - 1].rstrip() + "…"
    return f"`{text}`"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _main(argv: list[str]) -> int:
    """Write docs/reference.md of a checkout (or with --check, say whether it is current)."""
    import yaml

    root = Path(__file__).resolve().parent.parent
    sample = root / "samples" / "mail-migration" / "project.yaml"
    text = reference_markdown(yaml.safe_load(sample.read_text(encoding="utf-8")))
    target = root / REFERENCE_FILE
    if "--check" in argv:
        current = target.is_file() and target.read_text(encoding="utf-8") == text
        print(f"{'ok' if current else 'stale'}: {target}")
        return 0 if current else 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(_main(sys.argv[1:]))
