"""Values shortened for display are reported, never shortened silently.

Some places cannot hold a whole value: a spreadsheet's page header and footer (255
characters for all three sections), Word's core properties (255). The document body
keeps the whole text; the renderer records each cut here, and the build attaches the
records to the documents as notes (`--json`, the manifest's JUnit, `--debug`).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

_CUTS: ContextVar[list[str] | None] = ContextVar("docgen_display_cuts", default=None)


def report_cut(what: str, length: int, shown: int) -> None:
    """`what` ("project.title in the page footer") of `length` characters shows `shown` of them."""
    cuts = _CUTS.get()
    if cuts is not None:
        kept = f"shortened to {shown:,} characters" if shown else "left out"
        note = f"{what}: {length:,} characters, {kept} for display"
        if note not in cuts:
            cuts.append(note)


@contextmanager
def collecting() -> Iterator[list[str]]:
    """The cuts reported while the block runs (one renderer's outputs)."""
    cuts: list[str] = []
    token = _CUTS.set(cuts)
    try:
        yield cuts
    finally:
        _CUTS.reset(token)
