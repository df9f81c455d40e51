"""docgen: the deliverables of a professional-services project, from one project.yaml.

The library API is imported lazily so that `docgen --version` stays fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = {
    "load_project": "docgen.loader",
    "check_project": "docgen.loader",
    "Project": "docgen.models",
    "DocgenError": "docgen.errors",
    "ProjectFileError": "docgen.errors",
    "project_schema": "docgen.schema",
    "write_starter": "docgen.starter",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'docgen' has no attribute {name!r}")
