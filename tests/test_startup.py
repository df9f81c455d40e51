"""What a command imports before it answers: start-up time is mostly imports.

Each command runs in a fresh interpreter (an import made by an earlier test would hide
one), which then lists the modules it holds. Structural, not timed: the times are in
benchmarks/bench_startup.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "mail-migration" / "project.yaml"

# Runs the console script's function as `docgen ARGS...` would, then writes the names
# in sys.modules to FILE.
DRIVER = """
import json, sys
from docgen.__main__ import main
listing, sys.argv = sys.argv[1], ["docgen", *sys.argv[2:]]
try:
    main()
except SystemExit:
    pass
with open(listing, "w", encoding="utf-8") as file:
    json.dump(sorted(sys.modules), file)
"""

# Rendering: the Office and template libraries, locale data for formatting, workers.
RENDERING = ("docx", "docxtpl", "lxml", "jinja2", "markupsafe", "xlsxwriter", "python_calamine", "openpyxl",
             "babel", "multiprocessing", "concurrent.futures")
# The renderers package may lend validate its registry of template names and its logo check.
VALIDATE_MAY_USE = {"docgen.renderers", "docgen.renderers.base", "docgen.renderers.registry",
                    "docgen.renderers.selection", "docgen.renderers.templates", "docgen.renderers.assets"}


def modules_after(tmp_path: Path, *args: object, prelude: str = "", env: dict[str, str] | None = None) -> set[str]:
    listing = tmp_path / "modules.json"
    listing.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-c", prelude + DRIVER, str(listing), *map(str, args)], check=True, cwd=ROOT,
                   capture_output=True, env={**os.environ, **(env or {})})
    return set(json.loads(listing.read_text(encoding="utf-8")))


def loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


def test_version_is_answered_before_click_and_the_facade_are_imported(tmp_path: Path) -> None:
    modules = modules_after(tmp_path, "--version")
    assert "docgen.__main__" in modules  # the listing is real
    assert loaded(modules, ("click", "docgen.cli", "docgen.api", "pydantic", "yaml", *RENDERING)) == []
    assert "click" in modules_after(tmp_path, "--help")  # any other command goes through click


def test_validate_imports_no_rendering_machinery(tmp_path: Path) -> None:
    modules = modules_after(tmp_path, "validate", SAMPLE)
    assert "docgen.models.project" in modules and "docgen.validation" in modules
    assert loaded(modules, RENDERING) == []
    assert sorted(m for m in modules if m.startswith("docgen.renderers") and m not in VALIDATE_MAY_USE) == []
    assert loaded(modules, ("docgen.batch.runner", "docgen.batch.worker", "docgen.excel", "docgen.pdf")) == []


def test_validate_with_its_validator_cache_builds_nothing_it_does_not_need(tmp_path: Path) -> None:
    """The second run finds the Project's validator in the cache: no schema generation, so
    no pydantic plugin scan (importlib.metadata); no gate rules, no hint helpers (difflib)."""
    cache = {"DOCGEN_CACHE_DIR": str(tmp_path / "cache")}
    first = modules_after(tmp_path, "validate", SAMPLE, env=cache)
    second = modules_after(tmp_path, "validate", SAMPLE, env=cache)
    assert "pydantic.plugin._loader" in first and "docgen.validator_cache" in second
    assert loaded(second, ("pydantic.plugin._loader", "importlib.metadata", "docgen.gates", "docgen.gate_rules",
                           "difflib")) == []


@pytest.mark.parametrize("planted", ["import docx", "from docgen.renderers import charter"])
def test_the_guard_notices_a_planted_import(tmp_path: Path, planted: str) -> None:
    """The same listing, after an import of the kind the test above forbids."""
    modules = modules_after(tmp_path, "validate", SAMPLE, prelude=planted + "\n")
    assert loaded(modules, RENDERING) or [m for m in modules if m.startswith("docgen.renderers.charter")]


def test_a_docx_only_build_imports_no_workbook_library_and_no_web_client(tmp_path: Path) -> None:
    """A build imports what its documents need: no xlsxwriter or calamine for a DOCX, and
    none of urllib.request, http.client or ssl (xml.sax.saxutils imported them)."""
    modules = modules_after(tmp_path, "build", SAMPLE, "--only", "implementation-concept", "-j", "1",
                            "-o", tmp_path / "out")
    assert (tmp_path / "out" / "nordhafen-mail" / "implementation-concept.docx").is_file()
    assert "docgen.renderers.docx_engine" in modules  # docxtpl only when the template's parts are not cached
    assert loaded(modules, ("xlsxwriter", "python_calamine", "openpyxl", "urllib.request", "http.client", "ssl")) == []
