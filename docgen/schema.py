"""The JSON Schema of project.yaml, generated from the models and committed in schemas/."""

from __future__ import annotations

import ast
import inspect
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from .atomic import write_text_atomic
from .models import Project

SCHEMA_FILE = "project.schema.json"


def project_schema() -> dict[str, Any]:
    schema = Project.model_json_schema(by_alias=True, schema_generator=DescribedSchema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://docgen.dev/schemas/project.schema.json",
        **schema,
        "title": "docgen project file",
    }


def schema_text() -> str:
    return json.dumps(project_schema(), indent=2, ensure_ascii=False) + "\n"


def default_schema_dir() -> Path:
    """Where `docgen schema` writes without --out: the committed schemas/ of a docgen
    checkout, else the current directory (never into the installation)."""
    from .resources import in_checkout, schemas_dir

    return schemas_dir() if in_checkout() else Path(".")


def write_schema(directory: Path) -> Path:
    """Write the schema into `directory`; return the file written."""
    target = directory / SCHEMA_FILE
    write_text_atomic(target, schema_text())
    return target


def stale_schema(directory: Path) -> bool:
    target = directory / SCHEMA_FILE
    return not target.is_file() or target.read_text(encoding="utf-8") != schema_text()


class DescribedSchema(GenerateJsonSchema):
    """pydantic's JSON Schema, with each field's attribute docstring as its description
    (as `use_attribute_docstrings` would give, read here instead of at import)."""

    def model_schema(self, schema: Any) -> dict[str, Any]:
        json_schema = super().model_schema(schema)
        model = schema["cls"]
        properties = json_schema.get("properties", {})
        for name, info in model.model_fields.items():
            key = (info.alias or name) if self.by_alias else name
            if key in properties and (doc := field_docstring(model, name)) is not None:
                properties[key].setdefault("description", doc)  # Field(description=...) wins
        return json_schema


def field_docstring(model: type, field: str) -> str | None:
    """The docstring under `field` in the class body that declares it (the first in the MRO)."""
    for owner in model.__mro__:
        if field in owner.__dict__.get("__annotations__", {}):
            return attribute_docstrings(owner.__module__, owner.__qualname__).get(field)
    return None


@lru_cache(maxsize=None)
def attribute_docstrings(module: str, qualname: str) -> dict[str, str]:
    """Field -> the string literal on the statement after its annotation, in the class
    `qualname` of `module` (the last one of that name, as Python binds it)."""
    body = _module_tree(module).body
    for name in qualname.split("."):
        body = next((node.body for node in reversed(body) if isinstance(node, ast.ClassDef) and node.name == name), [])
    return {field.target.id: inspect.cleandoc(doc.value.value) for field, doc in zip(body, body[1:])
            if isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
            and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant) and isinstance(doc.value.value, str)}


@lru_cache(maxsize=None)
def _module_tree(module: str) -> ast.Module:
    try:
        return ast.parse(inspect.getsource(sys.modules[module]))
    except (OSError, TypeError):  # no source (a bytecode-only install): no descriptions, as pydantic does
        return ast.Module(body=[], type_ignores=[])
