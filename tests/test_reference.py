"""docs/reference.md is generated from the models and kept current, like the schema."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from docgen.reference import REFERENCE_FILE, reference_markdown
from docgen.schema import schema_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "mail-migration" / "project.yaml"


def current_text() -> str:
    return reference_markdown(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")))


def test_committed_reference_is_current() -> None:
    committed = (ROOT / REFERENCE_FILE).read_text(encoding="utf-8")
    assert committed == current_text(), "docs/reference.md is stale: run 'python -m docgen.reference'"


def test_every_object_and_field_of_the_schema_is_listed_with_its_description() -> None:
    page = current_text()
    schema = json.loads(schema_text())
    for name, definition in [("project.yaml", schema), *schema["$defs"].items()]:
        for field, prop in definition.get("properties", {}).items():
            description = " ".join(prop["description"].split()).replace("|", "\\|")
            assert f"| `{field}` |" in page and description in page, (name, field)
        if "properties" in definition and name != "project.yaml":
            assert f'<a id="{name.lower()}"></a>' in page, name


def test_examples_come_from_the_example_data_and_types_are_readable() -> None:
    page = current_text()
    assert "| `start` | date | *required* | Start date of the project (YYYY-MM-DD). | `2026-03-02` |" in page
    assert "| `status` | one of `open`, `in_progress`, `blocked`, `done` | `\"open\"` |" in page
    assert "| `people` | list of [Person](#person) | *required* |" in page
    without_examples = reference_markdown(None)
    assert "`2026-03-02`" not in without_examples and "| `start` | date | *required* |" in without_examples
