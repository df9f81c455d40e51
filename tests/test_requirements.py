"""The install requirements are exactly what the package imports at run time.

A module imported by docgen but missing from install_requires breaks a plain
`pip install` (as python-calamine once did for `docgen import`); a requirement that
nothing imports makes every user download it for nothing.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
from pathlib import Path

DISTRIBUTION = "docgen-deliverables"
PACKAGE = Path(__file__).resolve().parent.parent / "docgen"


def imported_modules() -> set[str]:
    """Top-level names of the absolute imports in docgen's source, stdlib excluded."""
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name == "pdf_uno_helper.py":  # runs under the system Python that has LibreOffice's uno
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"__future__", "docgen"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def distributions_of(modules: set[str]) -> dict[str, set[str]]:
    """Import name -> the installed distributions that provide it."""
    provided = metadata.packages_distributions()
    return {module: {canonical(d) for d in provided.get(module, [])} for module in modules}


def install_requires() -> set[str]:
    requirements = metadata.requires(DISTRIBUTION) or []
    return {canonical(re.split(r"[<>=!~ ;\[]", r, maxsplit=1)[0]) for r in requirements if "extra ==" not in r}


def test_every_runtime_import_is_an_install_requirement() -> None:
    required = install_requires()
    missing = {m: d for m, d in distributions_of(imported_modules()).items() if not d & required}
    assert not missing, f"imported at run time but not in install_requires: {missing}"


def test_every_install_requirement_is_imported() -> None:
    provided = set().union(*distributions_of(imported_modules()).values())
    unused = install_requires() - provided
    assert not unused, f"in install_requires but imported nowhere in docgen/: {sorted(unused)}"
