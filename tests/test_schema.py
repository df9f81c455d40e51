"""The committed JSON Schema matches the models, and the samples point editors at it."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from docgen.models.base import Model
from docgen.resources import schemas_dir
from docgen.schema import SCHEMA_FILE, DescribedSchema, schema_text

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


def undescribed_properties(node: object, path: str = "#") -> list[str]:
    """JSON pointers of every property, at any depth, that has no description."""
    found: list[str] = []
    if isinstance(node, dict):
        for name, value in (node.get("properties") or {}).items():
            if isinstance(value, dict) and not value.get("description", "").strip():
                found.append(f"{path}/properties/{name}")
        for key, value in node.items():
            found += undescribed_properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += undescribed_properties(value, f"{path}/{index}")
    return found


def test_every_property_of_the_schema_has_a_description():
    import json

    missing = undescribed_properties(json.loads(schema_text()))
    assert not missing, ("write an attribute docstring (a string on the line after the field) for: "
                         + ", ".join(missing))


def test_the_check_finds_a_property_without_description():
    schema = {"$defs": {"A": {"properties": {"x": {"type": "string"}, "y": {"description": "Y."}}}}}
    assert undescribed_properties(schema) == ["#/$defs/A/properties/x"]


class Base(Model):
    shared: str = ""
    """Declared once, described once."""


class Child(Base):
    kept: str = Field("", alias="in", description="Field(description=...) wins.")
    """Not this one."""
    plain: int = 0
    """Two lines,
    cleaned like a docstring."""
    undocumented: int = 0
    after_code: int = 0
    pass  # a statement, then a string that no field owns
    """Not a description."""


def test_attribute_docstrings_become_descriptions_as_pydantic_would_take_them():
    properties = Child.model_json_schema(by_alias=True, schema_generator=DescribedSchema)["properties"]
    assert properties["shared"]["description"] == "Declared once, described once."
    assert properties["in"]["description"] == "Field(description=...) wins."
    assert properties["plain"]["description"] == "Two lines,\ncleaned like a docstring."
    assert "description" not in properties["undocumented"] and "description" not in properties["after_code"]


def test_list_default_factories_still_give_a_new_empty_list_each_time():
    from docgen.models import Scope  # Model swaps the builtin `list` factory for new_list

    first, second = Scope(), Scope()
    assert first.included == [] and first.included is not second.included
    assert Scope.model_fields["included"].default_factory() == []


def all_models() -> list[type[Model]]:
    import docgen.models  # noqa: F401  (every model class defined)

    found, todo = [], [Model]
    while todo:
        found.extend(subclasses := todo.pop().__subclasses__())
        todo.extend(subclasses)
    return found


def test_a_section_left_out_is_the_sections_validated_defaults():
    """Model makes a section's class as default factory (`Field(default_factory=Decision)`)
    a `model_construct()`, which skips building the section's own validator: it must give
    what `Decision()` gives, for every such field of every model."""
    sections = [(model, name, info) for model in all_models() for name, info in model.model_fields.items()
                if info.default_factory is not None and isinstance(info.default_factory(), Model)]
    assert len(sections) > 20  # the project's sections and the sections' own parts
    for model, name, info in sections:
        made = info.default_factory()
        validated = type(made)()
        assert made == validated and made.model_fields_set == validated.model_fields_set == set(), (model, name)
        assert made.model_dump() == validated.model_dump(), (model, name)
        assert info.default_factory() is not made  # a new instance each time
