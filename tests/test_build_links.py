"""A symlink planted in OUT never redirects a build's write to its target."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main
from tests.conftest import SAMPLE


def test_links_planted_at_the_manifest_and_a_document_are_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "nordhafen-mail").mkdir(parents=True)
    victims = {name: tmp_path / f"victim-{name}" for name in ("manifest", "charter")}
    for victim in victims.values():
        victim.write_bytes(b"precious")
    (out / "manifest.json").symlink_to(victims["manifest"])
    (out / "nordhafen-mail" / "charter.docx").symlink_to(victims["charter"])
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--only", "charter", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert all(victim.read_bytes() == b"precious" for victim in victims.values())
    assert not (out / "manifest.json").is_symlink() and json.loads((out / "manifest.json").read_text())
    charter = out / "nordhafen-mail" / "charter.docx"
    assert not charter.is_symlink() and charter.read_bytes()[:2] == b"PK"


def test_a_link_to_a_file_with_the_same_bytes_is_replaced_too(tmp_path: Path) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--only", "charter", "-j", "1"])
    charter = out / "nordhafen-mail" / "charter.docx"
    elsewhere = tmp_path / "elsewhere.docx"
    charter.rename(elsewhere)
    charter.symlink_to(elsewhere)
    CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--only", "charter", "-j", "1"])
    assert not charter.is_symlink()
