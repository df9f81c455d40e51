"""Projects beyond mail: the environment is a list of components, `docgen init` names the
seed's four in the project's language, the default agenda follows them, and a file in the
environment's former shape still loads and renders the same."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from docgen.cli import main
from docgen.i18n import labels
from docgen.loader import load_project
from docgen.models import Component, Environment
from docgen.models.concept import LEGACY_PARTS
from docgen.renderers import get_renderer
from docgen.starter import init_project
from tests.conftest import SAMPLE
from tests.renderers.conftest import document_text, options

SEED = ("agenda_transfer_1", "agenda_transfer_2", "agenda_transfer_3", "agenda_transfer_4")


def former_shape(data: dict) -> dict:
    """`data` with its environment written as it was before components: the first four
    components as mail_system, load_balancer, storage, provisioning; the rest as `other`."""
    components = data["concept"]["environment"]["components"]
    parts = {key: c["details"] for key, c in zip(LEGACY_PARTS, components[:4])}
    other = [{"name": c["name"], "description": c["details"]} for c in components[4:]]
    return {**data, "concept": {**data["concept"], "environment": {**parts, "other": other}}}


def write_yaml(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_file_in_the_former_shape_loads_and_renders_the_same(tmp_path: Path) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    assert [c["name"] for c in data["concept"]["environment"]["components"][:4]] == [
        "Mail system", "Load balancer", "Storage", "Provisioning"]
    old = load_project(write_yaml(tmp_path / "old.yaml", former_shape(data)))
    new = load_project(write_yaml(tmp_path / "new.yaml", data))
    assert old == new
    for name in ("implementation-concept", "workshop-agenda"):
        before = get_renderer(name).render(old, options(SAMPLE.parent))[0]
        after = get_renderer(name).render(new, options(SAMPLE.parent))[0]
        assert document_text(before.data) == document_text(after.data)


def test_validate_warns_about_the_former_shape_and_passes(tmp_path: Path) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    path = write_yaml(tmp_path / "project.yaml", former_shape(data))
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0
    warning = next(line for line in result.output.splitlines() if "former shape" in line)
    assert warning.startswith(f"warning: {path}:") and "concept.environment: written in the former shape " \
        "(mail_system, load_balancer, storage, provisioning, other) (list them as components" in warning
    current = CliRunner().invoke(main, ["validate", str(write_yaml(tmp_path / "new.yaml", data))])
    assert "former shape" not in current.output


def test_the_former_shape_names_its_parts_in_the_projects_language_and_leaves_out_empty_ones(tmp_path) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["project"]["language"] = "de"
    data["concept"]["environment"] = {"mail_system": "Dovecot", "load_balancer": "  ", "storage": "NetApp",
                                      "other": [{"name": "Monitoring", "description": "Zabbix"}, {"name": "Backup"}]}
    environment = load_project(write_yaml(tmp_path / "project.yaml", data)).concept.environment
    assert environment.components == [Component(name="Mailsystem", details="Dovecot"),
                                       Component(name="Speicher", details="NetApp"),
                                       Component(name="Monitoring", details="Zabbix"), Component(name="Backup")]


def test_the_former_shape_knows_the_locales_names() -> None:
    for language in ("en", "de"):
        assert [names[language] for names in LEGACY_PARTS.values()] == [labels(language)[k] for k in SEED]


def test_a_mistake_in_the_former_shape_is_still_reported(tmp_path: Path) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["concept"]["environment"] = {"storage": "NetApp", "other": [{"description": "no name"}]}
    # located at the environment, the nearest place the file has
    with pytest.raises(Exception, match=r"project\.yaml:\d+:\d+: concept\.environment\.components\[1\]: missing "
                                        r"required key 'name'"):
        load_project(write_yaml(tmp_path / "project.yaml", data))


@pytest.mark.parametrize("language", ["en", "de"])
def test_init_lists_the_seeds_four_components_in_the_projects_language(tmp_path: Path, language: str) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "p"), "--lang", language])
    assert result.exit_code == 0, result.output
    project = load_project(tmp_path / "p" / "project.yaml")
    assert project.project.language.value == language
    names = [c.name for c in project.concept.environment.components]
    assert names == [labels(language)[key] for key in SEED]
    assert all(c.details == "" for c in project.concept.environment.components)
    assert project.branding.confidentiality == labels(language)["confidential"]
    agenda = get_renderer("workshop-agenda").render(project, options(tmp_path))[0]
    assert all(name in document_text(agenda.data) for name in names)


def test_init_refuses_a_language_it_does_not_know(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "p"), "--lang", "fr"])
    assert result.exit_code == 2 and "fr" in result.output
    with pytest.raises(Exception, match="no language 'fr'"):
        init_project(tmp_path / "q", language="fr")


def agenda_transfer(project, language: str = "en") -> list[str]:
    """The points of the default agenda's technology transfer, as rendered."""
    project = project.model_copy(update={"workshop": project.workshop.model_copy(update={"topics": []})})
    agenda = get_renderer("workshop-agenda").render(project, options(SAMPLE.parent))[0]
    cells = [cell.text for row in Document(io.BytesIO(agenda.data)).tables[-2].rows for cell in row.cells]
    transfer = next(text for text in cells if text.startswith(labels(language)["agenda_transfer"]))
    return [line.removeprefix("• ") for line in transfer.splitlines()[1:]]


def test_the_default_agenda_follows_the_projects_components() -> None:
    project = load_project(SAMPLE)
    groupware = Environment(components=[Component(name="Groupware-Weboberfläche"),
                                        Component(name="Kalender (CalDAV)", details="SOGo")])
    concept = project.concept.model_copy(update={"environment": groupware})
    assert agenda_transfer(project.model_copy(update={"concept": concept})) == [
        "Groupware-Weboberfläche", "Kalender (CalDAV)"]
    nothing = project.concept.model_copy(update={"environment": Environment()})
    assert agenda_transfer(project.model_copy(update={"concept": nothing})) == [
        labels("en")[key] for key in SEED]
