"""Progress of a batch build: a bar on a terminal, one plain line per project in CI logs.

On a terminal the bar moves per document: workers report each step of a project
(a document rendered, a PDF converted) as the share of that project done, and the
bar shows the projects finished plus the shares of those in flight, naming the
project and document last worked on.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from .results import ProjectResult


class Reporter(Protocol):
    def start(self, total: int) -> None: ...

    def step(self, project: str, document: str, share: float) -> None:
        """`document` of `project` is done, and with it `share` (0 to 1) of the project."""

    def project_done(self, result: ProjectResult) -> None: ...

    def finish(self) -> None: ...


class NullReporter:
    """Reports nothing: for library callers and tests."""

    def start(self, total: int) -> None:
        pass

    def step(self, project: str, document: str, share: float) -> None:
        pass

    def project_done(self, result: ProjectResult) -> None:
        pass

    def finish(self) -> None:
        pass


class PlainReporter:
    """One line per finished project; what a CI log needs, nothing that redraws."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = self.done = 0

    def start(self, total: int) -> None:
        self.total, self.done = total, 0

    def step(self, project: str, document: str, share: float) -> None:
        pass  # a CI log gets one line per project, not one per document

    def project_done(self, result: ProjectResult) -> None:
        self.done += 1
        width = len(str(self.total))
        self.stream.write(f"[{self.done:>{width}}/{self.total}] {describe(result)}\n")
        for line in result.more_lines():
            self.stream.write(f"    {line}\n")
        self.stream.flush()

    def finish(self) -> None:
        pass


class TerminalReporter:
    """A one-line progress bar on a terminal; failures are printed above it as they happen."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = self.done = 0
        self.in_flight: dict[str, float] = {}  # project -> share done, for projects being built

    def start(self, total: int) -> None:
        self.total, self.done = total, 0
        self._draw("")

    def step(self, project: str, document: str, share: float) -> None:
        self.in_flight[project] = min(max(share, 0.0), 1.0)
        self._draw(f"{project}: {document}")

    def project_done(self, result: ProjectResult) -> None:
        self.done += 1
        self.in_flight.pop(result.name, None)
        self.in_flight.pop(result.source, None)
        if result.status.value != "ok":
            self._clear()
            self.stream.write(describe(result) + "\n")
        self._draw(result.name)

    def finish(self) -> None:
        self._clear()
        self.stream.flush()

    def _draw(self, last: str) -> None:
        columns = shutil.get_terminal_size((80, 24)).columns
        share = min(1.0, (self.done + sum(self.in_flight.values())) / self.total) if self.total else 1.0
        counter = f" {self.done}/{self.total} {share:4.0%} "
        bar_width = max(10, min(40, columns - len(counter) - 20))
        filled = round(bar_width * share)
        line = f"[{'#' * filled}{'.' * (bar_width - filled)}]{counter}{last}"
        self.stream.write("\r\x1b[K" + line[: columns - 1])
        self.stream.flush()

    def _clear(self) -> None:
        self.stream.write("\r\x1b[K")


def describe(result: ProjectResult) -> str:
    """'ok       nordhafen-mail: 8 documents, 0.41s' or 'failed   path: the error (one line)'."""
    status = result.status.value
    if result.error:
        return f"{status:<8} {_located(result.source, result.error)}"  # the file to open: the error may be in it
    if status == "differs":
        detail = ", ".join(f"{d.path} ({d.status.value})" for d in result.documents if d.failed)
    else:
        count = sum(1 for d in result.outputs if not d.is_pdf)
        detail = f"{count} document(s), {result.seconds:.2f}s"
    return f"{status:<8} {result.name}: {detail}"


def _located(source: str, message: str) -> str:
    """'source: message', unless the message already starts with the file ('source:12:5: ...')."""
    if message == source or message.startswith(source + ":"):
        return message
    return f"{source}: {message}"


def choose_reporter(stream: TextIO | None = None) -> Reporter:
    """A progress bar on an interactive terminal, plain lines in CI (env CI set) or a pipe."""
    stream = stream or sys.stderr
    interactive = hasattr(stream, "isatty") and stream.isatty()
    if interactive and not os.environ.get("CI"):
        return TerminalReporter(stream)
    return PlainReporter(stream)
