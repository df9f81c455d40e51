"""`docgen init`: a commented starter project.yaml that validates, and a schema editors find.

The starter's `$schema` line must work for everyone who clones the repository, so it
never points into docgen's installation (a virtualenv, a user's home): it points at
a `project.schema.json` beside the projects, found in the project's folder or one
above it (also as `schemas/project.schema.json`, the layout of docgen's own
repository); when there is none, one is written beside the projects (in a git
repository, the folder above the new project's) for all of them to share.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

import yaml

from . import i18n
from .atomic import write_text_atomic
from .errors import UsageError
from .schema import SCHEMA_FILE, write_schema

STARTER = Path(__file__).with_name("starter.yaml")
_SCHEMA_URL = "https://docgen.dev/schemas/project.schema.json"
STARTER_START = dt.date(2026, 1, 12)  # the Monday starter.yaml's project starts on
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# The seed's four components of the environment (technology transfer), by label key.
SEED_COMPONENTS = tuple(f"agenda_transfer_{n}" for n in range(1, 5))


def starter_text(target: Path | None = None, schema: Path | None = None, start: dt.date | None = None,
                 language: str = "en") -> str:
    """The starter file; with `schema`, its schema line points there, relative to `target`;
    with `start`, every date moved by the same number of days so the project starts then
    (a new project is not overdue on its first day); in `language`, the project's language
    and the names of the seed's components."""
    text = STARTER.read_text(encoding="utf-8")
    if start is not None:
        shift = start - STARTER_START
        text = _DATE.sub(lambda m: (dt.date(*map(int, m.groups())) + shift).isoformat(), text)
    if language != "en":
        text = in_language(text, language)
    if target is None or schema is None:
        return text
    location = Path(os.path.relpath(schema.resolve(), target.resolve().parent)).as_posix()
    return text.replace(_SCHEMA_URL, location, 1)


def in_language(text: str, language: str) -> str:
    """The starter (written in English) for a project in `language`: its `language:`, the
    confidentiality notice and the seed's component names, as the locale names them."""
    if language not in i18n.LANGUAGES:
        raise UsageError(f"no language '{language}' (choose one of {', '.join(i18n.LANGUAGES)})")
    english, labels = i18n.labels("en"), i18n.labels(language)
    text = text.replace("  language: en ", f"  language: {language} ", 1)
    text = text.replace(f"  confidentiality: {english['confidential']}\n",
                        f"  confidentiality: {_plain(labels['confidential'])}\n", 1)
    for key in SEED_COMPONENTS:
        text = text.replace(f"      - name: {english[key]}\n", f"      - name: {_plain(labels[key])}\n", 1)
    return text


def _plain(text: str) -> str:
    """`text` as a YAML value: as it is where YAML reads it back unchanged, else quoted."""
    try:
        unchanged = yaml.safe_load(f"x: {text}") == {"x": text}
    except yaml.YAMLError:
        unchanged = False
    return text if unchanged else json.dumps(text, ensure_ascii=False)


def next_monday(day: dt.date) -> dt.date:
    """`day` when it is a Monday, else the Monday after it: projects start on a Monday."""
    return day + dt.timedelta(days=-day.weekday() % 7)


def init_project(directory: Path, force: bool = False, today: dt.date | None = None,
                 language: str = "en") -> list[Path]:
    """Write DIR/project.yaml (refused when it exists, unless `force`) and, when no schema
    is found beside the projects, a project.schema.json; return the files written. The
    project starts on the Monday on or after `today` (default: the real today); it is
    written in `language` (en, de)."""
    target = Path(directory) / "project.yaml"
    if target.exists() and not force:
        raise UsageError(f"{target}: already exists (use --force to replace it)")
    schema = find_project_schema(target.parent)
    written = []
    if schema is None:
        schema = write_schema(schema_folder(target.parent))
        written.append(schema)
    start = next_monday(today or dt.date.today())
    write_text_atomic(target, starter_text(target, schema, start, language))
    return [target, *written]


def write_starter(directory: Path, force: bool = False) -> Path:
    """Write DIR/project.yaml (see `init_project`); return it."""
    return init_project(directory, force)[0]


def find_project_schema(folder: Path) -> Path | None:
    """The project.schema.json nearest above `folder` (itself included), up to the root of
    its git repository; never one inside a Python environment."""
    for ancestor in (folder.resolve(), *folder.resolve().parents):
        for candidate in (ancestor / SCHEMA_FILE, ancestor / "schemas" / SCHEMA_FILE):
            if candidate.is_file() and not _in_environment(candidate):
                return candidate
        if (ancestor / ".git").exists():
            return None
    return None


def schema_folder(project_folder: Path) -> Path:
    """Where a new schema goes: beside the projects (the project folder's parent) when that
    is still inside the same git repository, so every project there shares it; else
    beside the project file."""
    folder = project_folder.resolve()
    if (folder / ".git").exists():
        return project_folder
    in_repository = any((ancestor / ".git").exists() for ancestor in folder.parents)
    return project_folder.parent if in_repository else project_folder


def _in_environment(path: Path) -> bool:
    prefixes = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    return any(path.is_relative_to(prefix) for prefix in prefixes)
