"""The package's layering, checked on the import graph of the source.

CLI -> facade -> use cases -> formats -> models, with `errors` beside everything.
Every import counts, also one inside a function: a lazy import still couples modules.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "docgen"
OFFICE = {"docx", "docxtpl", "xlsxwriter", "python_calamine", "openpyxl", "lxml"}

# The layer of each module, by the longest matching prefix; a module may import only
# modules of its own layer or below.
LAYERS = {
    "docgen.errors": 0,
    "docgen.models": 1,
    "docgen.yaml": 2, "docgen.loader": 2, "docgen.markdown": 2, "docgen.i18n": 2, "docgen.resources": 2,
    "docgen.atomic": 2, "docgen.renderers": 2, "docgen.excel": 2, "docgen.pdf": 2, "docgen.synthetic": 2,
    "docgen.pdf_office": 2, "docgen.cache_dir": 2, "docgen.pdf_uno_helper": 2, "docgen.validator_cache": 2,
    "docgen.timesheet": 2, "docgen.signing": 2, "docgen.display_cuts": 2, "docgen.project_write": 2,
    "docgen.importing": 3, "docgen.project_file": 3, "docgen.effort_import": 3, "docgen.checklist_actions": 3,
    "docgen.early_steps": 3, "docgen.status": 3, "docgen.status_text": 3, "docgen.portfolio": 3,
    "docgen.batch": 3, "docgen.gate_rules": 3, "docgen.gates_explain": 3, "docgen.drafts": 3, "docgen.validation": 3, "docgen.gates": 3, "docgen.schema": 3, "docgen.reference": 3, "docgen.starter": 3,
    "docgen.api": 4, "docgen": 4,
    "docgen.cli": 5, "docgen.__main__": 5,
}
CLI_MAY_IMPORT = ("docgen.api", "docgen.errors", "docgen.__version__")
NAMES = {0: "errors", 1: "models", 2: "formats", 3: "use cases", 4: "facade", 5: "CLI"}


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path = PACKAGE) -> set[str]:
    """Absolute names of everything `path` imports, at any depth of its code."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    modules = {module_name(p, root): p for p in root.rglob("*.py")}
    return {name: imports_of(path, root) for name, path in modules.items()}


def internal(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """Only the edges between docgen's own modules (`from . import api` names the module)."""
    return {name: {t for t in targets if t in edges and t != name} for name, targets in edges.items()}


def layer(module: str) -> int:
    """The layer of `module`; every module of the package must have one (a new one is placed here)."""
    matches = [prefix for prefix in LAYERS if module == prefix or module.startswith(prefix + ".") and prefix != "docgen"]
    assert matches, f"{module} has no layer: add it to LAYERS in tests/test_layering.py"
    return LAYERS[max(matches, key=len)]


def layering_violations(edges: dict[str, set[str]]) -> list[str]:
    found = []
    for source, targets in sorted(internal(edges).items()):
        for target in sorted(targets):
            if layer(target) > layer(source) and target != "docgen":
                found.append(f"{source} ({NAMES[layer(source)]}) imports {target} ({NAMES[layer(target)]})")
    return found


def rule_violations(edges: dict[str, set[str]]) -> list[str]:
    found = []
    for source, targets in sorted(edges.items()):
        tops = {t.split(".")[0] for t in targets}
        own = {t for t in targets if t.startswith("docgen.")}
        if source.startswith("docgen.models") and (tops & OFFICE or any(not _below_models(t) for t in own)):
            found.append(f"{source}: models import only models, errors and no Office library")
        if tops & OFFICE and not source.startswith(("docgen.renderers", "docgen.excel")):
            found.append(f"{source}: only renderers/ and excel/ import Office libraries ({', '.join(sorted(tops & OFFICE))})")
        if source.startswith("docgen.yaml") and any(t.startswith(("docgen.models", "docgen.loader")) for t in own):
            found.append(f"{source}: the YAML package imports neither models nor the loader")
        if source.startswith("docgen.excel") and any(t.startswith("docgen.renderers") for t in own):
            found.append(f"{source}: excel/ (reading, layout, merge) never imports renderers/")
        if source == "docgen.cli" and (beyond := [t for t in own if not t.startswith(CLI_MAY_IMPORT)]):
            found.append(f"docgen.cli imports {sorted(beyond)}; the CLI imports only the facade and errors")
    return found


def _below_models(target: str) -> bool:
    return target.startswith(("docgen.models", "docgen.errors"))


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    edges = internal(edges)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def package_edges(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """Imports between docgen's sub-packages (renderers, excel, batch, yaml, models)."""
    packages = {"renderers", "excel", "batch", "yaml", "models"}

    def package_of(module: str) -> str | None:
        part = module.split(".")[1] if module.count(".") >= 1 else None
        return part if part in packages else None

    result: dict[str, set[str]] = {p: set() for p in packages}
    for source, targets in internal(edges).items():
        if (source_package := package_of(source)) is not None:
            result[source_package] |= {p for t in targets if (p := package_of(t)) not in (None, source_package)}
    return result


def copy_package(tmp_path: Path) -> Path:
    copy = tmp_path / "docgen"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_every_import_points_down():
    assert layering_violations(graph()) == []


def test_the_rules_of_each_layer_hold():
    assert rule_violations(graph()) == []


def test_no_module_cycles():
    assert cycles(graph()) == []


def test_no_package_cycles():
    assert cycles({f"docgen.{p}": {f"docgen.{t}" for t in ts} for p, ts in package_edges(graph()).items()}) == []


@pytest.mark.parametrize(("module", "planted", "check"), [
    ("models/people.py", "from ..renderers import registry\n", layering_violations),
    ("models/people.py", "import docx\n", rule_violations),
    ("yaml/emit.py", "from ..loader import load_project\n", rule_violations),
    ("excel/merge.py", "from ..renderers.xlsx import export_workbook\n", rule_violations),
    ("cli.py", "from .loader import load_project\n", rule_violations),
    ("gates.py", "import docxtpl\n", rule_violations),
    ("loader.py", "from .batch import run_build\n", layering_violations),
])
def test_a_planted_upward_import_is_caught(tmp_path, module, planted, check):
    copy = copy_package(tmp_path)
    target = copy / module
    target.write_text(planted + target.read_text(encoding="utf-8"), encoding="utf-8")
    assert check(graph(copy)), f"planting {planted.strip()!r} in {module} went unnoticed"


def test_a_planted_cycle_is_caught(tmp_path):
    copy = copy_package(tmp_path)
    layout = copy / "excel" / "layout.py"
    layout.write_text("from . import values\n" + layout.read_text(encoding="utf-8"), encoding="utf-8")
    assert cycles(graph(copy))
