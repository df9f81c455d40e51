"""Every error a user can cause. Each knows its one-line message and its exit code.

The CLI catches `DocgenError` only; anything else is a bug and shows a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def format_loc(loc: tuple) -> str:
    """('meetings', 2, 'actions', 0) -> 'meetings[2].actions[0]': a field path as users write it."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    file: str
    where: str  # "12:5" in a YAML file, "Checklist!D14" in a workbook, "" when unknown
    path: str  # field path such as "requirements[3].due", "" for the whole file
    message: str
    hint: str = ""

    @property
    def place(self) -> str:
        """'project.yaml:12:5' for a line:column, 'book.xlsx: Checklist!D14' otherwise."""
        if not self.where:
            return self.file
        separator = ":" if self.where[0].isdigit() else ": "
        return f"{self.file}{separator}{self.where}"

    def __str__(self) -> str:
        parts = [self.place, self.path, self.message]
        text = ": ".join(part for part in parts if part)
        return f"{text} ({self.hint})" if self.hint else text

    def as_dict(self) -> dict[str, str]:
        return {
            "file": self.file,
            "where": self.where,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
        }


class DocgenError(Exception):
    """Base of all errors a user can cause and fix."""

    exit_code = EXIT_FAILED

    def format_message(self) -> str:
        return str(self)


class UsageError(DocgenError):
    """The command was called wrongly (a missing file, an unknown document name)."""

    exit_code = EXIT_USAGE


@dataclass
class ProblemsError(DocgenError):
    """An input has one or more problems; all of them are reported together."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.format_message())

    def format_message(self) -> str:
        return "\n".join(shown_lines(self.problems))

    def __str__(self) -> str:
        return self.format_message()


MAX_SHOWN_PROBLEMS = 200
"""More lines than anybody reads: a status filled down a whole column would print millions."""


def shown_lines(problems: list[Problem], limit: int = MAX_SHOWN_PROBLEMS) -> list[str]:
    """One line per problem, the first `limit` of them, then one line counting the rest."""
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… and {len(problems) - limit:,} more")
    return lines


class YamlError(ProblemsError):
    """A YAML file cannot be read: syntax, duplicate keys, aliases, characters."""


class ProjectFileError(YamlError):
    """`project.yaml` cannot be read or is invalid."""


class TemplateError(DocgenError):
    """A template is broken or asks for data the model does not provide."""


class RenderError(DocgenError):
    """A deliverable could not be rendered from otherwise valid data."""


class WorkbookError(ProblemsError):
    """A returned workbook cannot be imported."""


class MergeConflictError(ProblemsError):
    """The sheet and project.yaml changed the same field differently."""


class CheckFailedError(DocgenError):
    """A check (build --check, a phase gate, a template check) found differences."""


class ConversionError(DocgenError):
    """LibreOffice could not convert a document to PDF."""


class TimesheetError(ProblemsError):
    """A time-tracking export has rows that cannot be booked."""
