"""Which files in OUT docgen made: those the previous manifest lists with bytes unchanged.

A build removes what it made earlier for a project and no longer produces (the
minutes of a dropped meeting), and never a file it did not make or that someone
changed since: only a file whose sha256 still matches its manifest entry is docgen's.
The next manifest carries the entries of docgen's files that this build did not
touch (other projects, other documents with --only, failed projects), so ownership
survives partial builds into one OUT.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any



@dataclass
class PreviousOutputs:
    out: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)  # OUT-relative path -> manifest entry

    @classmethod
    def from_manifest(cls, out: Path, manifest: dict[str, Any] | None) -> PreviousOutputs:
        """The outputs the previous OUT/manifest.json lists; none without a readable one
        (then no file counts as docgen's, and nothing is removed)."""
        documents = (manifest or {}).get("documents", [])
        return cls(out, {entry["path"]: entry for entry in documents
                         if isinstance(entry, dict) and "path" in entry and "sha256" in entry})

    def made_by_docgen(self, path: str) -> bool:
        """Whether OUT/`path` is a file an earlier build wrote and nobody changed since."""
        entry = self.entries.get(path)
        return entry is not None and _sha256(self.out / path) == entry["sha256"]

    def carried(self, produced: set[str]) -> list[dict[str, Any]]:
        """Entries of files docgen made earlier that this build neither produced nor removed."""
        return [entry for path, entry in self.entries.items() if path not in produced and self.made_by_docgen(path)]


def remove_output(out: Path, path: str) -> None:
    """Delete OUT/`path` and the folders it leaves empty, up to OUT/<project-id>/."""
    target = out / path
    target.unlink(missing_ok=True)
    project_dir = out / Path(path).parts[0]
    for folder in target.parents:
        if folder == project_dir or not folder.is_relative_to(project_dir):
            break
        try:
            folder.rmdir()
        except OSError:  # not empty: someone else's files are in it
            break


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
