"""What every renderer receives and returns. Renderers are pure: data in, bytes out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..models import Language, Project


@dataclass(frozen=True)
class RenderOptions:
    """Everything besides the project data that shapes an output."""

    language: Language | None = None  # overrides project.language when set
    templates_dir: Path | None = None  # user templates; None means the shipped ones
    project_dir: Path = Path(".")  # logos and other files are relative to the project file
    # Written into document properties; fixed so that the same input gives the same bytes.
    timestamp: dt.datetime = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    today: dt.date = field(default_factory=dt.date.today)  # for "overdue"
    properties: dict[str, str] = field(default_factory=dict)  # custom document properties
    credentials: str = "reference"  # test account credentials: "reference", "resolve" or "redact"
    # --only NAME:ITEM: renderer name -> the item ids to render (absent: every item)
    items: dict[str, frozenset[str]] = field(default_factory=dict)

    def language_of(self, project: Project) -> str:
        return (self.language or project.project.language).value


@dataclass(frozen=True)
class Output:
    document: str  # the renderer's name, e.g. "charter"
    filename: str  # relative to OUT/<project-id>/, e.g. "charter.docx"
    data: bytes
    template_hash: str = ""  # sha256 of the template used, "" when none
    # True when `data` is already the reproducible package with every provenance
    # property (RenderOptions.properties and the template hash): written as it is.
    final: bool = False


class Renderer(Protocol):
    name: str  # "charter": used by --only and in file names
    title: str  # "Project Charter"
    format: str  # "docx" or "xlsx"

    def render(self, project: Project, options: RenderOptions) -> list[Output]: ...
