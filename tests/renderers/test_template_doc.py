"""`docgen templates doc` lists what every template may print, from the code that renders it."""

from __future__ import annotations

import dataclasses
import typing

from click.testing import CliRunner

from docgen.cli import main
from docgen.renderers.template_doc import COMMON, templates_doc
from docgen.renderers.templates import template_contexts


def listed_names(text: str) -> set[str]:
    return {line.split()[0] for line in text.splitlines() if line.startswith("  ") and line.split()}


def test_every_name_of_every_context_is_listed_with_its_fields() -> None:
    text = templates_doc()
    names = listed_names(text)
    for template, context in template_contexts().items():
        assert f"{template} ({context.__name__}):" in text
        for field in typing.get_type_hints(context):
            assert field in names, (template, field)
    assert {"raci.rows[].activity", "raci.rows[].cells", "doc.title", "brand.confidentiality"} <= names
    assert set(COMMON) <= names


def test_one_template_alone_and_an_unknown_name() -> None:
    charter = templates_doc("charter")
    assert "charter.docx (CharterContext):" in charter and "sow.docx" not in charter
    result = CliRunner().invoke(main, ["templates", "doc", "chartre"])
    assert result.exit_code == 2 and "no template 'chartre' (known: charter, " in result.output


def test_documented_views_are_what_the_renderers_pass() -> None:
    """Every dataclass field the doc expands exists on the view (the doc reads the real types)."""
    from docgen.renderers.charter import CharterContext

    raci = typing.get_type_hints(CharterContext)["raci"]
    assert [f.name for f in dataclasses.fields(raci)] == ["people", "rows"]
    assert "  raci.people[].name" in templates_doc("charter")
