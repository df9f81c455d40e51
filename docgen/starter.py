"""`docgen init`: a commented starter project.yaml that validates as written."""

from __future__ import annotations

import os
from pathlib import Path

from .atomic import write_text_atomic
from .errors import UsageError
from .resources import schemas_dir
from .schema import SCHEMA_FILE

STARTER = Path(__file__).with_name("starter.yaml")
_SCHEMA_URL = "https://docgen.dev/schemas/project.schema.json"


def starter_text(target: Path | None = None) -> str:
    """The starter file; its schema line points at the shipped schema, relative to `target`."""
    text = STARTER.read_text(encoding="utf-8")
    if target is None:
        return text
    schema = schemas_dir() / SCHEMA_FILE
    location = Path(os.path.relpath(schema, target.resolve().parent)).as_posix()
    return text.replace(_SCHEMA_URL, location, 1)


def write_starter(directory: Path, force: bool = False) -> Path:
    """Write DIR/project.yaml; refuse to replace an existing file unless `force`."""
    target = Path(directory) / "project.yaml"
    if target.exists() and not force:
        raise UsageError(f"{target}: already exists (use --force to replace it)")
    write_text_atomic(target, starter_text(target))
    return target
