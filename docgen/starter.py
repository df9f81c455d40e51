"""`docgen init`: a commented starter project.yaml that validates as written."""

from __future__ import annotations

from pathlib import Path

from .atomic import write_text_atomic
from .errors import UsageError

STARTER = Path(__file__).with_name("starter.yaml")


def starter_text() -> str:
    return STARTER.read_text(encoding="utf-8")


def write_starter(directory: Path, force: bool = False) -> Path:
    """Write DIR/project.yaml; refuse to replace an existing file unless `force`."""
    target = Path(directory) / "project.yaml"
    if target.exists() and not force:
        raise UsageError(f"{target}: already exists (use --force to replace it)")
    write_text_atomic(target, starter_text())
    return target
