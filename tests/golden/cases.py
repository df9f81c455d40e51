"""Golden cases: find them, render them through the public CLI, compare, refresh.

A case is a folder under tests/golden/:

    <case>/project.yaml          the input project (or a `project:` path in case.yaml)
    <case>/case.yaml             optional: `project: PATH` relative to the folder,
                                 `lang: en|de` passed to `docgen build --lang`
    <case>/expected/<name>.txt   per produced document OUT/<id>/<name>.docx|.xlsx, its
                                 text as tests/golden/extract.py writes it

Rendering goes through `docgen build` (click's CliRunner on `docgen.cli:main`), never
through internal modules, so the cases keep working when the package is reorganised.
SOURCE_DATE_EPOCH is removed for the run and every case's project sets `as_of`: the
documents are then dated by the data alone and the text never depends on today.
"""

from __future__ import annotations

import difflib
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from docgen.cli import main
from tests.golden.extract import extract

GOLDEN_DIR = Path(__file__).resolve().parent
ROOT = GOLDEN_DIR.parent.parent
REFRESH_COMMAND = "make golden  (or: .venv/bin/python -m tests.golden.refresh [CASE...])"
DOCUMENT_SUFFIXES = (".docx", ".xlsx")
CASE_KEYS = {"project", "lang"}


class GoldenError(Exception):
    """A golden case that cannot be rendered or is set up wrongly."""


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    project: Path
    lang: str | None = None

    @property
    def expected_dir(self) -> Path:
        return self.folder / "expected"

    def expected_file(self, document: str) -> Path:
        return self.expected_dir / f"{document}.txt"

    def expected_names(self) -> list[str]:
        return sorted(path.stem for path in self.expected_dir.glob("*.txt"))


def find_cases() -> list[Case]:
    """Every case folder under tests/golden/, by name."""
    folders = [path.parent for path in GOLDEN_DIR.glob("*/project.yaml")]
    folders += [path.parent for path in GOLDEN_DIR.glob("*/case.yaml")]
    return [load_case(folder) for folder in sorted(set(folders))]


def load_case(folder: Path) -> Case:
    settings = _case_settings(folder)
    project = (folder / settings.get("project", "project.yaml")).resolve()
    if not project.is_file():
        raise GoldenError(f"{folder.name}: project file {project} does not exist")
    return Case(name=folder.name, folder=folder, project=project, lang=settings.get("lang"))


def _case_settings(folder: Path) -> dict[str, str]:
    path = folder / "case.yaml"
    if not path.is_file():
        return {}
    settings = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(settings, dict) or set(settings) - CASE_KEYS:
        raise GoldenError(f"{path}: expected a mapping with keys from {sorted(CASE_KEYS)}")
    return settings


# --- rendering ---------------------------------------------------------------------------

def render(case: Case) -> dict[str, str]:
    """Document name -> golden text of every document `docgen build` produces for `case`."""
    _require_as_of(case)
    with tempfile.TemporaryDirectory(prefix=f"golden-{case.name}-") as out:
        _build(case, Path(out))
        return {path.stem: extract(path) for path in _documents(Path(out))}


def _require_as_of(case: Case) -> None:
    data = yaml.safe_load(case.project.read_text(encoding="utf-8"))
    if not (data.get("project") or {}).get("as_of"):
        raise GoldenError(f"{case.name}: {case.project} sets no project.as_of; without it overdue "
                          "marks and dates would depend on the day the test runs")


def _build(case: Case, out: Path) -> None:
    args = ["build", str(case.project), "-o", str(out), "-j", "1"]
    if case.lang:
        args += ["--lang", case.lang]
    result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": None})
    if result.exit_code != 0:
        raise GoldenError(f"{case.name}: `docgen {' '.join(args)}` exited {result.exit_code}:\n"
                          f"{result.output}{_traceback(result)}")


def _traceback(result: Result) -> str:
    """The traceback of an exception the CLI let escape ('' for a normal exit)."""
    if result.exc_info is None or isinstance(result.exception, SystemExit):
        return ""
    return "".join(traceback.format_exception(*result.exc_info))


def _documents(out: Path) -> list[Path]:
    found = sorted(path for path in out.rglob("*") if path.suffix in DOCUMENT_SUFFIXES)
    names = [path.stem for path in found]
    if len(set(names)) != len(names):
        raise GoldenError(f"{out}: two produced documents share a name: {names}")
    return found


# --- comparing and refreshing -------------------------------------------------------------

def difference(case: Case, document: str, actual: str) -> str:
    """'' when `actual` is the expected text, else a unified diff and how to refresh."""
    path = case.expected_file(document)
    expected = path.read_text(encoding="utf-8") if path.is_file() else ""
    if actual == expected:
        return ""
    diff = difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                fromfile=f"{_relative(path)} (expected)", tofile=f"{document} (rendered)")
    return (f"{case.name}/{document}: rendered content differs from the golden file.\n"
            f"{''.join(diff)}\nIf the change is intended, refresh with: {REFRESH_COMMAND}")


def refresh(case: Case) -> list[str]:
    """Rewrite `case`'s expected files from a fresh render; one line per changed file."""
    rendered = render(case)
    case.expected_dir.mkdir(exist_ok=True)
    changes = [_write(case.expected_file(name), text) for name, text in rendered.items()]
    for stale in set(case.expected_names()) - set(rendered):
        case.expected_file(stale).unlink()
        changes.append(f"removed {_relative(case.expected_file(stale))}")
    return [change for change in changes if change]


def _write(path: Path, text: str) -> str:
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    if old == text:
        return ""
    path.write_text(text, encoding="utf-8", newline="\n")
    return f"{'updated' if old is not None else 'added'} {_relative(path)}"


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
