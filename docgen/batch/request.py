"""What a batch build is asked to do, as the CLI (or any caller) describes it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

# A customer document converts in a few seconds; a minute covers a slow CI runner and
# LibreOffice's first start in a fresh profile, and still ends a hung conversion.
DEFAULT_PDF_TIMEOUT = 120.0
_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class BuildRequest:
    sources: list[Path]  # project files, or directories holding */project.yaml
    out: Path
    only: list[str] | None = None  # renderer names; None or [] = all
    language: str | None = None  # overrides each project's language
    templates_dir: Path | None = None
    jobs: int | None = None  # None = the CPUs this process may use
    fail_fast: bool = False
    check: bool = False  # render in memory and compare with OUT instead of writing
    pdf: bool = False
    shard: tuple[int, int] | None = None  # (K, N): this is shard K of N, 1-based
    junit: Path | None = None
    pdf_timeout: float = DEFAULT_PDF_TIMEOUT  # seconds per document
    final: bool = False  # refuse to build documents that are still drafts (`drafts.refuse_drafts`)
    credentials: str = "reference"  # test accounts: "reference", "resolve" (--resolve-secrets), "redact"


def parse_shard(text: str) -> tuple[int, int]:
    """'2/3' -> (2, 3); anything else is a usage error that shows the expected form."""
    match = _SHARD.match(text)
    if not match:
        raise UsageError(f"--shard '{text}': expected K/N, for example 2/3")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or not 1 <= index <= count:
        raise UsageError(f"--shard '{text}': K must be between 1 and N, and N at least 1")
    return index, count


def effective_jobs(jobs: int | None, projects: int) -> int:
    """Worker processes to use: never more than there are projects, at least one."""
    if jobs is not None and jobs < 1:
        raise UsageError(f"-j {jobs}: the number of jobs must be at least 1")
    wanted = jobs if jobs is not None else available_cpus()
    return max(1, min(wanted, projects))


def available_cpus() -> int:
    # In a container or under taskset, the affinity mask is the real limit, not the host's count.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
