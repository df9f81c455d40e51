"""Reports for machines: OUT/manifest.json, and JUnit XML for CI test views.

Two builds of the same data with the same docgen write byte-identical manifests, so a
repository can commit one: timings are in `--json` and `--junit` only. To that end `source` is the
project file relative to the current directory when it lies below it, else as given,
always with '/' separators, so naming the same file absolutely or relatively changes
nothing.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .outputs import atomic_write
from .results import BuildReport, DocumentResult, DocumentStatus, ProjectResult, ProjectStatus

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- manifest ------------------------------------------------------------------------


def build_manifest(report: BuildReport, carried: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    """One entry per file written (documents and PDFs), sorted by path; failed projects apart.
    `carried`: entries of files an earlier build made into OUT that this one left in place."""
    documents = [_manifest_entry(project, document, report.docgen_version)
                 for project in report.projects if project.status == ProjectStatus.ok
                 for document in project.outputs]
    written = {entry["path"] for entry in documents}
    documents += [entry for entry in carried if entry["path"] not in written]
    failed = [_failed_entry(p) for p in report.projects
              if p.status in (ProjectStatus.failed, ProjectStatus.skipped)]
    return {
        "format": MANIFEST_FORMAT,
        "docgen_version": report.docgen_version,
        "documents": sorted(documents, key=lambda entry: entry["path"]),
        "failed": sorted(failed, key=lambda entry: entry["source"]),
    }


def write_manifest(report: BuildReport, carried: Iterable[dict[str, Any]] = ()) -> Path:
    path = report.out / MANIFEST_NAME
    _write_report(path, dump_json(build_manifest(report, carried)), "-o", "choose another output directory with -o")
    return path


def portable_source(source: str) -> str:
    """`source` relative to the current directory when it lies below it, else as given; '/' separators."""
    for candidate, cwd in ((Path(os.path.abspath(source)), Path.cwd()),
                           (Path(source).resolve(), Path.cwd().resolve())):
        try:
            return candidate.relative_to(cwd).as_posix()
        except ValueError:
            continue
    return Path(source).as_posix()


def merge_manifests(manifests: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The manifests of several shards as one; a path listed twice is an error."""
    documents: dict[str, dict[str, Any]] = {}
    failed: list[dict[str, Any]] = []
    versions: set[str] = set()
    for manifest in manifests:
        versions.add(manifest.get("docgen_version", ""))
        failed.extend(manifest.get("failed", []))
        for entry in manifest.get("documents", []):
            if entry["path"] in documents:
                raise UsageError(f"{entry['path']} is in more than one manifest; "
                                 "did two shards build the same project, or two projects share an id?")
            documents[entry["path"]] = entry
    return {
        "format": MANIFEST_FORMAT,
        "docgen_version": ", ".join(sorted(v for v in versions if v)),
        "documents": [documents[path] for path in sorted(documents)],
        "failed": sorted(failed, key=lambda entry: entry["source"]),
    }


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(f"{path}: not a readable docgen manifest ({error})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise UsageError(f"{path}: not a docgen manifest of format {MANIFEST_FORMAT}")
    return manifest


def previous_manifest(out: Path) -> dict[str, Any] | None:
    """OUT/manifest.json of the previous build, or None when there is none or it is unreadable."""
    path = out / MANIFEST_NAME
    if not path.is_file():
        return None
    try:
        return read_manifest(path)
    except UsageError:
        return None


def dump_json(data: Any) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _failed_entry(project: ProjectResult) -> dict[str, str]:
    source = portable_source(project.source)
    error = project.error
    if error.startswith(project.source + ":"):  # the message names the file as the user typed it
        error = source + error[len(project.source):]
    return {"source": source, "error": error}


def _manifest_entry(project: ProjectResult, document: DocumentResult, version: str) -> dict[str, Any]:
    return {
        "path": document.path,
        "project": project.project_id,
        "source": portable_source(project.source),
        "document": document.document,
        "sha256": document.sha256,
        "size": document.size,
        "template_hash": document.template_hash or None,
        "data_hash": project.data_hash,
        "docgen_version": version,
    }


# --- JUnit ---------------------------------------------------------------------------


def write_junit(report: BuildReport, path: Path) -> None:
    """JUnit XML: a suite per project, a case for the project itself and one per output
    (and, with --check, one per extra file)."""
    _write_report(path, junit_xml(report), "--junit", "choose another file with --junit")


def _write_report(path: Path, data: bytes, option: str, fix: str) -> None:
    # run_build checked the path before rendering; this catches a full disk or a path
    # that changed meanwhile, and any caller that did not check.
    try:
        atomic_write(path, data)
    except OSError as error:
        raise UsageError(f"{option}: cannot write {path} ({error.strerror or error}); {fix}, "
                         "or check permissions and free space") from None


def junit_xml(report: BuildReport) -> bytes:
    root = ET.Element("testsuites", name="docgen build")
    suites = [_suite(project) for project in report.projects]
    root.extend(suites)
    totals = {key: sum(int(suite.get(key, "0")) for suite in suites) for key in _COUNTS}
    _set_counts(root, totals, report.seconds)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _suite(project: ProjectResult) -> ET.Element:
    suite = ET.Element("testsuite", name=project.source)
    documents = [d for d in project.documents if d.produced or d.failed]  # stale, removed: no test
    cases = [_project_case(project)] + [_document_case(project, d) for d in documents]
    suite.extend(cases)
    counts = {"tests": len(cases)}
    counts.update({key: sum(1 for c in cases if c.find(tag) is not None) for key, tag in _OUTCOMES.items()})
    _set_counts(suite, counts, project.seconds)
    return suite


def _project_case(project: ProjectResult) -> ET.Element:
    case = ET.Element("testcase", classname=project.name, name=Path(project.source).name,
                      time=_seconds(project.seconds))
    if project.status == ProjectStatus.skipped:
        ET.SubElement(case, "skipped", message=_xml_text(project.error))
    elif project.status == ProjectStatus.failed:
        kind = "error" if project.internal else "failure"
        detail = ET.SubElement(case, kind, message=_xml_text(project.error),
                               type="internal" if project.internal else "data")
        detail.text = _xml_text(project.detail or project.error)
    return case


def _document_case(project: ProjectResult, document: DocumentResult) -> ET.Element:
    case = ET.Element("testcase", classname=project.name, name=document.path, time=_seconds(document.seconds))
    if document.failed:
        message = f"{document.path}: {document.status.value} ({_check_reason(document)})"
        ET.SubElement(case, "failure", message=message, type=document.status.value).text = (
            f"{message}\n{document.detail}" if document.detail else message)
    return case


def _check_reason(document: DocumentResult) -> str:
    if document.status == DocumentStatus.missing:
        return "the data renders this file, but it is not on disk"
    if document.status == DocumentStatus.extra:
        return "docgen made it earlier, but the data no longer renders it; a build removes it"
    what = f"; {document.note}" if document.note else ""
    return f"the file on disk is not what the data renders{what}"


# attribute of a suite -> element in a test case that counts towards it
_OUTCOMES = {"failures": "failure", "errors": "error", "skipped": "skipped"}
_COUNTS = ("tests", *_OUTCOMES)


def _set_counts(element: ET.Element, counts: dict[str, int], seconds: float) -> None:
    for key in _COUNTS:
        element.set(key, str(counts.get(key, 0)))
    element.set("time", _seconds(seconds))


def _xml_text(text: str) -> str:
    # Messages may quote the user's data; XML 1.0 cannot hold most control characters.
    return _XML_INVALID.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _seconds(value: float) -> str:
    return f"{value:.3f}"
