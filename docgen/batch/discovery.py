"""Which project files a build covers, and which of them belong to one CI shard."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError

PROJECT_FILE_NAMES = ("project.yaml", "project.yml")


def discover_projects(sources: Sequence[Path]) -> list[Path]:
    """Project files named by `sources`, each once, in a stable order.

    A file is taken as given. A directory contributes its own project.yaml and
    every */project.yaml directly below it, in name order, so that every machine
    of a CI matrix sees the same list.
    """
    if not sources:
        raise UsageError("no projects given: name project files or directories that hold */project.yaml")
    found: dict[Path, Path] = {}  # resolved -> as named by the user, first naming wins
    for source in sources:
        for path in _projects_in(Path(source)):
            found.setdefault(path.resolve(), path)
    return list(found.values())


def shard(projects: Sequence[Path], index: int, count: int) -> list[Path]:
    """The projects of shard `index` (1-based) of `count`: every count-th, starting at index.

    Round robin over the discovery order keeps the shards within one project of each
    other in size, and together the shards hold every project exactly once.
    """
    return list(projects[index - 1 :: count])


def _projects_in(source: Path) -> list[Path]:
    if source.is_file() or (source.exists() and not source.is_dir()):
        return [source]  # a FIFO or a device: loading it names it as such
    if source.is_dir():
        found = _project_files(source) + [
            path for child in sorted(source.iterdir()) if child.is_dir() for path in _project_files(child)
        ]
        if not found:
            raise UsageError(f"{source}: no project.yaml in it or in its subdirectories (*/project.yaml)")
        return found
    raise UsageError(f"{source}: no such file or directory")


def _project_files(directory: Path) -> list[Path]:
    # One project per directory: project.yaml wins over project.yml when both exist.
    for name in PROJECT_FILE_NAMES:
        if (directory / name).is_file():
            return [directory / name]
    return []
