"""Credential fields hold references, never secrets; a secret never reaches an error message either."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import ProjectFileError
from docgen.loader import load_project
from tests.conftest import SAMPLE

SECRETS = ["password:Hunter2", "https://admin:S3cr3t@host/", "token:ghp_" + "a1B2" * 9, "plain:Hunter2",
           "Hunter2", "vault:ghp_" + "Zz09" * 9, "env:" + "x" * 3 + " y"]


def with_credential(tmp_path: Path, value: str, field: str = "credential: vault:mail/test-user-1") -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert field in text
    path = tmp_path / "project.yaml"
    path.write_text(text.replace(field, field.split(":")[0] + ": " + _quoted(value), 1), encoding="utf-8")
    return path


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@pytest.mark.parametrize("secret", SECRETS)
def test_a_secret_in_a_credential_field_is_refused_without_repeating_it(tmp_path: Path, secret: str) -> None:
    with pytest.raises(ProjectFileError) as caught:
        load_project(with_credential(tmp_path, secret))
    [problem] = caught.value.problems
    assert problem.path == "technical_documentation.test_accounts[0].credential"
    assert "vault:PATH, env:NAME or file:PATH" in str(problem)
    hidden = secret.split(":", 1)[-1]
    assert hidden not in str(problem) and "Hunter2" not in str(problem) and "S3cr3t" not in str(problem)


@pytest.mark.parametrize("reference", ["vault:mail/test-user-1", "env:OX_TEST_PASSWORD", "file:secrets/test-user.txt",
                                       "vault:kv/ox@prod/user.1"])
def test_references_of_known_kinds_are_accepted(tmp_path: Path, reference: str) -> None:
    project = load_project(with_credential(tmp_path, reference))
    assert project.technical_documentation.test_accounts[0].credential == reference


@pytest.mark.parametrize(("field", "value", "shape"), [
    ("host: ", "https://admin:S3cr3t@mx1.example/", "a URL with a password in it"),
    ("purpose: ", "Acceptance tests, password: Hunter2", "a password or token written out"),
])
def test_a_secret_pasted_into_the_documentation_text_is_refused(tmp_path: Path, field: str, value: str,
                                                                shape: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index("technical_documentation:")
    place = text.index(field, start)
    end = text.index("\n", place)
    path = tmp_path / "project.yaml"
    path.write_text(text[:place] + field + _quoted(value) + text[end:], encoding="utf-8")
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    [problem] = caught.value.problems
    assert f"looks like {shape}; documents must never hold secrets" in str(problem)
    assert "S3cr3t" not in str(problem) and "Hunter2" not in str(problem)
