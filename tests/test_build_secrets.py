"""`build --resolve-secrets` and `--redact`: a secret reaches the one document that needs it, nothing else."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from docgen.cli import main
from tests.conftest import SAMPLE

SECRET_ENV, SECRET_FILE = "Hunter2-from-env", "S3cr3t-from-file"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("credential: vault:mail/test-user-1", "credential: env:DOCGEN_TEST_PASSWORD")
    text = text.replace("credential: vault:mail/test-user-2", "credential: file:secrets/test-user-2.txt")
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "test-user-2.txt").write_text(SECRET_FILE + "\n", encoding="utf-8")
    path = tmp_path / "project.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("DOCGEN_TEST_PASSWORD", SECRET_ENV)
    return path


def build(project: Path, *options: str) -> tuple[int, str, dict[str, bytes]]:
    out = project.parent / "out"
    result = CliRunner().invoke(main, ["--debug", "build", str(project), "-o", str(out), "--only",
                                       "technical-documentation", "-j", "1", "--json",
                                       "--junit", str(project.parent / "junit.xml"), *options])
    files = {str(p.relative_to(project.parent)): p.read_bytes()
             for p in project.parent.rglob("*") if p.is_file() and p.suffix in (".json", ".xml", ".docx")}
    return result.exit_code, result.output, files


def accounts(data: bytes) -> list[list[str]]:
    document = Document(io.BytesIO(data))
    [table] = [t for t in document.tables if t.rows[0].cells[0].text == "Login"]
    return [[cell.text for cell in row.cells] for row in table.rows]


def docx_of(files: dict[str, bytes]) -> bytes:
    [data] = [data for name, data in files.items() if name.endswith(".docx")]
    return data


def test_by_default_the_document_names_the_references(project: Path) -> None:
    code, output, files = build(project)
    rows = accounts(docx_of(files))
    assert code == 0 and rows[1][2] == "env:DOCGEN_TEST_PASSWORD" and rows[2][2] == "file:secrets/test-user-2.txt"


def test_resolved_secrets_reach_the_document_and_nothing_else(project: Path) -> None:
    code, output, files = build(project, "--resolve-secrets")
    assert code == 0, output
    rows = accounts(docx_of(files))
    assert rows[0][2] == "Credential" and rows[1][2] == SECRET_ENV and rows[2][2] == SECRET_FILE
    assert rows[3][2] == "vault:mail/test-user-3" or rows[3][2].startswith("vault:")
    for name, data in files.items():
        if not name.endswith(".docx"):
            assert SECRET_ENV.encode() not in data and SECRET_FILE.encode() not in data, name
    assert SECRET_ENV not in output and SECRET_FILE not in output


def test_redact_shows_placeholders(project: Path) -> None:
    code, output, files = build(project, "--redact")
    rows = accounts(docx_of(files))
    assert code == 0 and {row[2] for row in rows[1:]} == {"••••••••"}
    assert "placeholders" in "\n".join(p.text for p in Document(io.BytesIO(docx_of(files))).paragraphs)


def test_an_unset_variable_names_the_reference_only(project: Path, monkeypatch) -> None:
    monkeypatch.delenv("DOCGEN_TEST_PASSWORD")
    code, output, files = build(project, "--resolve-secrets")
    assert code == 1 and not any(name.endswith(".docx") for name in files)
    assert ("technical_documentation.test_accounts[0].credential: env:DOCGEN_TEST_PASSWORD is not set "
            "(export DOCGEN_TEST_PASSWORD before building with --resolve-secrets)") in output
    assert SECRET_FILE not in output


def test_the_two_options_exclude_each_other(project: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(project), "--resolve-secrets", "--redact"])
    code, output = result.exit_code, result.output
    assert code == 2 and "--resolve-secrets and --redact exclude each other" in output
