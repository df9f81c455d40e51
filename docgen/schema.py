"""The JSON Schema of project.yaml, generated from the models and committed in schemas/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .atomic import write_text_atomic
from .models import Project

SCHEMA_FILE = "project.schema.json"


def project_schema() -> dict[str, Any]:
    schema = Project.model_json_schema(by_alias=True)
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
