"""The committed JSON Schema matches the models, and the samples point editors at it."""

from __future__ import annotations

from pathlib import Path

from docgen.resources import schemas_dir
from docgen.schema import SCHEMA_FILE, schema_text

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_is_current():
    committed = (schemas_dir() / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), "schemas/ is stale: run 'docgen schema' and commit the result"


def test_samples_reference_the_schema():
    for sample in sorted((ROOT / "samples").glob("*/project.yaml")):
        first = sample.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schemas/project.schema.json", sample


def test_schema_describes_enums_and_forbids_extra_keys():
    import json

    schema = json.loads(schema_text())
    assert schema["additionalProperties"] is False
    status = schema["$defs"]["Status"]
    assert status["enum"] == ["open", "in_progress", "blocked", "done"]
