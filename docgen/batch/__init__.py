"""Batch builds: many projects, in parallel, reproducibly, with reports for CI.

The CLI's `docgen build` is a thin layer over `run_build`:

    report = run_build(BuildRequest(sources=[Path("projects")], out=Path("out")), choose_reporter())
    print(report.summary_table()); sys.exit(report.exit_code)

The names below are imported from their modules when first used: `docgen validate`
needs only `discovery`, and importing this package must not pull in the runner, the
renderers and their Office libraries (tests/test_startup.py holds it to that).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, for type checkers and the layering test's import graph
    from .discovery import discover_projects, shard
    from .merge import merge_shards
    from .reports import build_manifest, junit_xml, merge_manifests, read_manifest, write_junit, write_manifest
    from .request import BuildRequest, parse_shard
    from .results import BuildReport, DocumentResult, DocumentStatus, ProjectResult, ProjectStatus
    from .runner import run_build

# name -> the module of this package that defines it
_MODULES = {
    "discover_projects": "discovery", "shard": "discovery", "merge_shards": "merge",
    "build_manifest": "reports", "junit_xml": "reports", "merge_manifests": "reports", "read_manifest": "reports",
    "write_junit": "reports", "write_manifest": "reports", "BuildRequest": "request", "parse_shard": "request",
    "BuildReport": "results", "DocumentResult": "results", "DocumentStatus": "results", "ProjectResult": "results",
    "ProjectStatus": "results", "run_build": "runner",
}

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULES})
