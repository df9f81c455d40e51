"""Batch builds: many projects, in parallel, reproducibly, with reports for CI.

The CLI's `docgen build` is a thin layer over `run_build`:

    report = run_build(BuildRequest(sources=[Path("projects")], out=Path("out")), choose_reporter())
    print(report.summary_table()); sys.exit(report.exit_code)
"""

from .discovery import discover_projects, shard
from .merge import merge_shards
from .reports import build_manifest, junit_xml, merge_manifests, read_manifest, write_junit, write_manifest
from .request import BuildRequest, parse_shard
from .results import BuildReport, DocumentResult, DocumentStatus, ProjectResult, ProjectStatus
from .runner import run_build

__all__ = [
    "BuildReport", "BuildRequest", "DocumentResult", "DocumentStatus", "ProjectResult", "ProjectStatus",
    "build_manifest", "discover_projects", "junit_xml", "merge_manifests", "merge_shards", "parse_shard", "read_manifest",
    "run_build", "shard", "write_junit", "write_manifest",
]
