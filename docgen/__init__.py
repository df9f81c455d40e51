"""docgen: the deliverables of a professional-services project, from one project.yaml.

Every use case is a function of `docgen.api`, re-exported here:

    import docgen
    project = docgen.load_project("project.yaml")

The facade is imported lazily so that `docgen --version` stays fast.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, for `docgen --version`
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"

_ERRORS = ("DocgenError", "ProjectFileError", "UsageError", "WorkbookError", "MergeConflictError", "Problem")


def __getattr__(name: str) -> Any:
    import importlib

    if name in _ERRORS:
        return getattr(importlib.import_module("docgen.errors"), name)
    if name == "Project":
        return importlib.import_module("docgen.models").Project
    api = importlib.import_module("docgen.api")
    if name in api.__all__:
        return getattr(api, name)
    raise AttributeError(f"module 'docgen' has no attribute {name!r}")


def __dir__() -> list[str]:
    import importlib

    return ["__version__", *_ERRORS, "Project", *importlib.import_module("docgen.api").__all__]
