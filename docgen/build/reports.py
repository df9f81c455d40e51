"""Reports for machines: OUT/manifest.json, and JUnit XML for CI test views."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .outputs import atomic_write
from .results import BuildReport, DocumentResult, ProjectResult, ProjectStatus

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- manifest ------------------------------------------------------------------------


def build_manifest(report: BuildReport) -> dict[str, Any]:
    """One entry per file written (documents and PDFs), sorted by path; failed projects apart."""
    documents = [_manifest_entry(project, document, report.docgen_version)
                 for project in report.projects if project.status == ProjectStatus.ok
                 for document in project.documents]
    failed = [{"source": p.source, "error": p.error} for p in report.projects
              if p.status in (ProjectStatus.failed, ProjectStatus.skipped)]
    return {
        "format": MANIFEST_FORMAT,
        "docgen_version": report.docgen_version,
        "documents": sorted(documents, key=lambda entry: entry["path"]),
        "failed": sorted(failed, key=lambda entry: entry["source"]),
    }


def write_manifest(report: BuildReport) -> Path:
    path = report.out / MANIFEST_NAME
    atomic_write(path, dump_json(build_manifest(report)))
    return path


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


def dump_json(data: Any) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _manifest_entry(project: ProjectResult, document: DocumentResult, version: str) -> dict[str, Any]:
    return {
        "path": document.path,
        "project": project.project_id,
        "source": project.source,
        "document": document.document,
        "sha256": document.sha256,
        "size": document.size,
        "template_hash": document.template_hash or None,
        "data_hash": project.data_hash,
        "docgen_version": version,
        "render_seconds": round(document.seconds, 4),
    }


# --- JUnit ---------------------------------------------------------------------------


def write_junit(report: BuildReport, path: Path) -> None:
    """JUnit XML: a suite per project, a case for the project itself and one per output."""
    atomic_write(path, junit_xml(report))


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
    cases = [_project_case(project)] + [_document_case(project, d) for d in project.documents]
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
        first_line = project.error.splitlines()[0] if project.error else ""
        detail = ET.SubElement(case, kind, message=_xml_text(first_line),
                               type="internal" if project.internal else "data")
        detail.text = _xml_text(project.detail or project.error)
    return case


def _document_case(project: ProjectResult, document: DocumentResult) -> ET.Element:
    case = ET.Element("testcase", classname=project.name, name=document.path, time=_seconds(document.seconds))
    if document.failed:
        what = f"; {document.note}" if document.note else ""
        message = f"{document.path}: {document.status.value} (the file on disk is not what the data renders{what})"
        ET.SubElement(case, "failure", message=message, type=document.status.value).text = message
    return case


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
