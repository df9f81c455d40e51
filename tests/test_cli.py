"""The CLI is thin: exit codes, one-line errors, JSON for machines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from docgen import __version__
from docgen.cli import main



def run(*args: str) -> "object":
    return CliRunner().invoke(main, list(args))


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"docgen, version {__version__}"


def test_python_dash_m_works():
    done = subprocess.run([sys.executable, "-m", "docgen", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and __version__ in done.stdout


def test_the_early_version_answer_is_clicks_word_for_word():
    early = subprocess.run([sys.executable, "-m", "docgen", "--version"], capture_output=True, text=True, check=True)
    assert early.stdout == run("--version").output


def test_validate_ok(tmp_path, minimal_yaml):
    path = tmp_path / "project.yaml"
    path.write_text(minimal_yaml)
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert result.output == f"ok: {path}\n"


def test_validate_invalid_exits_1_with_one_line_per_problem(tmp_path, minimal_yaml):
    path = tmp_path / "project.yaml"
    path.write_text(minimal_yaml.replace("title: Demo", "titel: Demo"))
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.output.strip() == f"{path}:4:3: project: unknown key 'titel' (did you mean 'title'?)"


def test_validate_json(tmp_path, minimal_yaml):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(minimal_yaml)
    bad.write_text(minimal_yaml.replace("side: customer", "side: nobody"))
    result = run("validate", "--json", str(good), str(bad))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["files"] == [{"file": str(good), "valid": True}, {"file": str(bad), "valid": False}]
    (problem,) = report["problems"]
    assert problem["path"] == "people[0].side" and problem["where"] == "9:38"


def test_usage_error_exits_2(tmp_path):
    assert run("validate").exit_code == 2
    assert run("validate", str(tmp_path / "missing.yaml")).exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(tmp_path):
    assert run("init", str(tmp_path)).exit_code == 0
    assert run("validate", str(tmp_path / "project.yaml")).exit_code == 0
    first = (tmp_path / "project.yaml").read_text().splitlines()[0]
    schema = first.removeprefix("# yaml-language-server: $schema=")
    assert (tmp_path / schema).resolve().is_file(), "the editor's schema link must resolve"
    again = run("init", str(tmp_path))
    assert again.exit_code == 2
    assert "already exists (use --force to replace it)" in again.output
    assert run("init", "--force", str(tmp_path)).exit_code == 0


def test_errors_have_no_traceback_unless_debug(tmp_path):
    (tmp_path / "project.yaml").write_text("x")
    result = run("init", str(tmp_path))
    assert "Traceback" not in result.output
    debug = run("--debug", "init", str(tmp_path))
    assert debug.exception is not None and debug.exit_code != 0


def test_schema_check_and_write(tmp_path):
    assert run("schema", "--check").exit_code == 0
    assert run("schema", "--check", "--out", str(tmp_path)).exit_code == 1
    assert run("schema", "--out", str(tmp_path)).exit_code == 0
    assert run("schema", "--check", "--out", str(tmp_path)).exit_code == 0
    assert json.loads((tmp_path / "project.schema.json").read_text())["title"] == "docgen project file"


def test_version_imports_no_heavy_libraries():
    code = (
        "import sys, runpy; sys.argv=['docgen','--version']\n"
        "try:\n    runpy.run_module('docgen', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'docx', 'docxtpl', 'openpyxl', 'xlsxwriter', 'yaml', 'babel') if m in sys.modules]\n"
        "print('heavy=' + ','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "heavy="


def test_every_json_command_reports_a_failure_as_json_on_stdout_too(tmp_path):
    import json

    bad = tmp_path / "project.yaml"
    bad.write_text("schema_version: 1\nproject: {id: x}\n", encoding="utf-8")
    for command in (["validate", "--json", str(tmp_path / "none")], ["effort", "--json", str(bad)],
                    ["status", "--json", str(tmp_path / "none")]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code in (1, 2), command
        report = json.loads(result.stdout)
        assert report["ok"] is False and report["message"], command
        assert result.stderr.startswith("error: "), command
