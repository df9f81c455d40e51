"""Batch builds with fake renderers: reproducibility, --check, sharding, reports, failures."""

from __future__ import annotations

import filecmp
import hashlib
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from tests.conftest import build_fakes
from docgen.batch import (BuildRequest, ProjectStatus, discover_projects, merge_manifests, parse_shard,
                          read_manifest, run_build, shard)
from docgen.errors import EXIT_FAILED, EXIT_OK, UsageError
from docgen.renderers.package import read_custom_properties


fakes = build_fakes()
FakeDocx, fake_renderers, write_project = fakes.FakeDocx, fakes.fake_renderers, fakes.write_project
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@pytest.fixture(autouse=True)
def _fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture
def projects(tmp_path: Path) -> Path:
    root = tmp_path / "projects"
    for name in ("alpha", "beta", "gamma", "delta", "epsilon"):
        write_project(root, name, title=f"Project {name}")
    return root


def build(sources: list[Path], out: Path, renderers: list | None = None, **options):
    request = BuildRequest(sources=sources, out=out, **{"jobs": 1, **options})
    return run_build(request, renderers=renderers if renderers is not None else fake_renderers())


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


# --- request parsing -----------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [("1/3", (1, 3)), (" 3 / 3 ", (3, 3)), ("1/1", (1, 1))])
def test_parse_shard_accepts_k_of_n(text: str, expected: tuple[int, int]) -> None:
    assert parse_shard(text) == expected


@pytest.mark.parametrize("text", ["0/3", "4/3", "1/0", "a/b", "2", "", "-1/3"])
def test_parse_shard_refuses_anything_else(text: str) -> None:
    with pytest.raises(UsageError, match="--shard"):
        parse_shard(text)


def test_bad_jobs_and_language_are_usage_errors(projects: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="-j 0"):
        build([projects], tmp_path / "out", jobs=0)
    with pytest.raises(UsageError, match="--language 'fr'"):
        build([projects], tmp_path / "out", language="fr")


# --- discovery and sharding ----------------------------------------------------------


def test_discovery_takes_files_and_directories_once_each(projects: Path, tmp_path: Path) -> None:
    single = write_project(tmp_path / "elsewhere", "single")
    found = discover_projects([single, projects, projects / "beta" / "project.yaml"])
    names = [p.parent.name for p in found]
    assert names == ["single", "alpha", "beta", "delta", "epsilon", "gamma"]


def test_discovery_reports_missing_and_empty_sources(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        discover_projects([tmp_path / "nope"])
    with pytest.raises(UsageError, match="no project.yaml"):
        discover_projects([tmp_path])
    with pytest.raises(UsageError, match="no projects given"):
        discover_projects([])


@pytest.mark.parametrize("count", range(1, 8))
def test_shards_partition_the_projects(count: int) -> None:
    for size in range(0, 23):
        projects = [Path(f"p{i}/project.yaml") for i in range(size)]
        shards = [shard(projects, k, count) for k in range(1, count + 1)]
        together = [p for s in shards for p in s]
        assert sorted(together) == sorted(projects)  # every project exactly once
        assert max(map(len, shards)) - min(map(len, shards)) <= 1  # balanced


def test_three_shards_build_every_project_exactly_once(projects: Path, tmp_path: Path) -> None:
    manifests = []
    for k in (1, 2, 3):
        report = build([projects], tmp_path / f"shard{k}", shard=(k, 3))
        assert report.exit_code == EXIT_OK
        manifests.append(read_manifest(tmp_path / f"shard{k}" / "manifest.json"))
    merged = merge_manifests(manifests)
    built = sorted({entry["project"] for entry in merged["documents"]})
    assert built == ["alpha", "beta", "delta", "epsilon", "gamma"]
    assert len(merged["documents"]) == 5 * 2
    with pytest.raises(UsageError, match="more than one manifest"):
        merge_manifests([manifests[0], manifests[0]])


# --- reproducibility -----------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_two_builds_are_byte_identical(projects: Path, tmp_path: Path, jobs: int) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert build([projects], first, jobs=jobs).exit_code == EXIT_OK
    assert build([projects], second, jobs=jobs).exit_code == EXIT_OK
    files = [f for f in tree(first) if f != "manifest.json"]  # the manifest holds render times
    assert files == [f for f in tree(second) if f != "manifest.json"]
    assert len(files) == 10
    match, mismatch, errors = filecmp.cmpfiles(first, second, files, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_serial_and_parallel_builds_give_the_same_bytes(projects: Path, tmp_path: Path) -> None:
    build([projects], tmp_path / "serial", jobs=1)
    build([projects], tmp_path / "parallel", jobs=2)
    for name in tree(tmp_path / "serial"):
        if name != "manifest.json":
            assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "parallel" / name).read_bytes()


def test_without_source_date_epoch_the_project_start_dates_the_documents(
        projects: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    build([projects / "alpha"], tmp_path / "a")
    build([projects / "alpha"], tmp_path / "b")
    data = (tmp_path / "a" / "alpha" / "fake-doc.docx").read_bytes()
    assert data == (tmp_path / "b" / "alpha" / "fake-doc.docx").read_bytes()
    core = zipfile.ZipFile(tmp_path / "a" / "alpha" / "fake-doc.docx").read("docProps/core.xml").decode()
    assert "2026-03-02T00:00:00Z" in core
    assert zipfile.ZipFile(tmp_path / "a" / "alpha" / "fake-doc.docx").infolist()[0].date_time == (
        2026, 3, 2, 0, 0, 0)


def test_source_date_epoch_sets_today_and_the_document_dates(projects: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28: R1 (due 2026-04-01) is overdue
    build([projects / "alpha"], tmp_path / "out")
    path = tmp_path / "out" / "alpha" / "fake-doc.docx"
    assert "Overdue: R1" in [p.text for p in docx.Document(str(path)).paragraphs]
    assert docx.Document(str(path)).core_properties.modified.isoformat().startswith("2026-05-28")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        build([projects / "alpha"], tmp_path / "out")


def test_as_of_pins_today_and_the_document_dates_without_source_date_epoch(
        projects: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    source = projects / "alpha" / "project.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("  start: ", "  as_of: 2026-05-28\n  start: ", 1), encoding="utf-8")
    build([projects / "alpha"], tmp_path / "out")
    path = tmp_path / "out" / "alpha" / "fake-doc.docx"
    assert "Overdue: R1" in [p.text for p in docx.Document(str(path)).paragraphs]
    assert docx.Document(str(path)).core_properties.modified.isoformat().startswith("2026-05-28")


def test_every_document_carries_its_provenance(projects: Path, tmp_path: Path) -> None:
    build([projects / "alpha"], tmp_path / "out")
    source_hash = hashlib.sha256((projects / "alpha" / "project.yaml").read_bytes()).hexdigest()
    doc = read_custom_properties((tmp_path / "out" / "alpha" / "fake-doc.docx").read_bytes())
    sheet = read_custom_properties((tmp_path / "out" / "alpha" / "fake-sheet.xlsx").read_bytes())
    assert doc["docgen.data_sha256"] == sheet["docgen.data_sha256"] == source_hash
    assert doc["docgen.template_sha256"] == "f" * 64
    assert sheet["docgen.template_sha256"] == "none"
    assert doc["docgen.version"] == sheet["docgen.version"] != ""


def test_unchanged_outputs_are_not_rewritten(projects: Path, tmp_path: Path) -> None:
    build([projects / "alpha"], tmp_path / "out")
    target = tmp_path / "out" / "alpha" / "fake-doc.docx"
    before = target.stat().st_mtime_ns
    report = build([projects / "alpha"], tmp_path / "out")
    assert {d.status.value for d in report.documents} == {"unchanged"}
    assert target.stat().st_mtime_ns == before


# --- --check -------------------------------------------------------------------------


def test_check_passes_after_a_build_and_names_what_changed(projects: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([projects], out)
    before = tree(out)
    passed = build([projects], out, check=True)
    assert passed.exit_code == EXIT_OK and passed.differences() == []
    assert tree(out) == before  # --check writes nothing, not even a manifest
    data = projects / "beta" / "project.yaml"
    data.write_text(data.read_text().replace("First requirement", "First requirement (revised)"))
    failed = build([projects], out, check=True, jobs=2)
    assert failed.exit_code == EXIT_FAILED
    assert failed.differences() == ["beta/fake-doc.docx", "beta/fake-sheet.xlsx"]
    # The data hash changed in both; only the workbook shows the requirement titles.
    table = failed.summary_table()
    assert "differs: beta/fake-doc.docx (document properties only)" in table
    assert "differs: beta/fake-sheet.xlsx\n" in table + "\n"
    assert [p.status for p in failed.projects].count(ProjectStatus.differs) == 1


def test_check_reports_missing_files(projects: Path, tmp_path: Path) -> None:
    build([projects / "alpha"], tmp_path / "out")
    (tmp_path / "out" / "alpha" / "fake-sheet.xlsx").unlink()
    report = build([projects / "alpha"], tmp_path / "out", check=True)
    assert report.differences() == ["alpha/fake-sheet.xlsx"]
    assert report.to_json()["projects"][0]["documents"][1]["status"] == "missing"


# --- failures ------------------------------------------------------------------------


def add_broken_projects(root: Path) -> None:
    write_project(root, "broken-render", dirname="b-render")
    (root / "c-invalid").mkdir()
    (root / "c-invalid" / "project.yaml").write_text("schema_version: 1\nproject: {}\n")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_project_does_not_stop_the_others(projects: Path, tmp_path: Path, jobs: int) -> None:
    add_broken_projects(projects)
    report = build([projects], tmp_path / "out", jobs=jobs)
    assert report.exit_code == EXIT_FAILED
    statuses = {p.source.split("/")[-2]: p.status.value for p in report.projects}
    assert statuses == {"alpha": "ok", "b-render": "failed", "beta": "ok", "c-invalid": "failed",
                        "delta": "ok", "epsilon": "ok", "gamma": "ok"}
    assert not (tmp_path / "out" / "broken-render").exists()  # a failed project writes nothing
    table = report.summary_table()
    assert "fake-doc: cannot render broken-render" in table
    assert "7 project(s): 5 ok, 2 failed" in table


def test_fail_fast_stops_at_the_first_failure(projects: Path, tmp_path: Path) -> None:
    add_broken_projects(projects)
    report = build([projects], tmp_path / "out", fail_fast=True)
    assert [p.status.value for p in report.projects] == ["ok", "failed"] + ["skipped"] * 5
    assert report.exit_code == EXIT_FAILED


def test_a_bug_in_a_renderer_is_an_internal_error_with_a_traceback(tmp_path: Path) -> None:
    path = write_project(tmp_path, "crash")
    report = build([path], tmp_path / "out", renderers=[FakeDocx()])
    project = report.projects[0]
    assert project.internal and "ZeroDivisionError" in project.error and "Traceback" in project.detail


def test_two_projects_with_one_id_keep_the_first_ones_files(tmp_path: Path) -> None:
    write_project(tmp_path / "p", "same", title="First", dirname="a")
    write_project(tmp_path / "p", "same", title="Second", dirname="b")
    report = build([tmp_path / "p"], tmp_path / "out", jobs=2)
    assert [p.status.value for p in report.projects] == ["ok", "failed"]
    assert "also the id of" in report.projects[1].error
    import docx

    assert docx.Document(str(tmp_path / "out" / "same" / "fake-doc.docx")).paragraphs[0].text == "First"


# --- reports -------------------------------------------------------------------------


def test_manifest_hashes_match_the_files(projects: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    add_broken_projects(projects)
    report = build([projects], out, jobs=2)
    manifest = json.loads((out / "manifest.json").read_text())
    paths = [entry["path"] for entry in manifest["documents"]]
    assert paths == sorted(paths) and len(paths) == 10
    assert paths == [f for f in tree(out) if f != "manifest.json"]
    for entry in manifest["documents"]:
        data = (out / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["size"] == len(data)
        source = Path(entry["source"]).read_bytes()
        assert entry["data_hash"] == hashlib.sha256(source).hexdigest()
        assert {"template_hash", "docgen_version", "document"} <= set(entry) and "render_seconds" not in entry
    assert [f["source"].split("/")[-2] for f in manifest["failed"]] == ["b-render", "c-invalid"]
    assert report.manifest == out / "manifest.json"


def test_junit_has_a_suite_per_project_and_a_case_per_document(projects: Path, tmp_path: Path) -> None:
    add_broken_projects(projects)
    junit = tmp_path / "reports" / "junit.xml"
    build([projects], tmp_path / "out", junit=junit)
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 7
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("17", "2", "0")
    alpha = next(s for s in suites if "/alpha/" in s.get("name"))
    names = [case.get("name") for case in alpha.findall("testcase")]
    assert names == ["project.yaml", "alpha/fake-doc.docx", "alpha/fake-sheet.xlsx"]
    assert all(float(case.get("time")) >= 0 for case in root.iter("testcase"))
    broken = next(s for s in suites if "/b-render/" in s.get("name"))
    failure = broken.find("testcase/failure")
    assert failure is not None and "cannot render" in failure.get("message")


def test_junit_of_a_failed_check_names_the_file(projects: Path, tmp_path: Path) -> None:
    build([projects / "alpha"], tmp_path / "out")
    (tmp_path / "out" / "alpha" / "fake-doc.docx").write_bytes(b"edited by hand")
    build([projects / "alpha"], tmp_path / "out", check=True, junit=tmp_path / "junit.xml")
    failures = ET.parse(tmp_path / "junit.xml").getroot().findall(".//failure")
    assert [f.get("message").split(":")[0] for f in failures] == ["alpha/fake-doc.docx"]


def test_json_report_is_serialisable_and_complete(projects: Path, tmp_path: Path) -> None:
    add_broken_projects(projects)
    data = json.loads(json.dumps(build([projects], tmp_path / "out").to_json()))
    assert data["exit_code"] == 1 and data["counts"] == {"ok": 5, "failed": 2, "differs": 0, "skipped": 0}
    alpha = data["projects"][0]
    assert alpha["id"] == "alpha" and [d["path"] for d in alpha["documents"]] == [
        "alpha/fake-doc.docx", "alpha/fake-sheet.xlsx"]
    assert all(len(d["sha256"]) == 64 for d in alpha["documents"])


def test_junit_stays_valid_xml_when_a_message_holds_control_characters(tmp_path: Path) -> None:
    from docgen.batch import BuildReport, ProjectResult, junit_xml

    project = ProjectResult(0, "p/project.yaml")
    project.fail("p/project.yaml:1:1: not valid YAML: found character '\x1b' that cannot start any token")
    root = ET.fromstring(junit_xml(BuildReport(out=tmp_path, check=False, jobs=1, projects=[project])))
    assert "'\\x1b'" in root.find(".//failure").get("message")


@pytest.mark.parametrize(("jobs", "count", "workers", "offices"),
                         [(2, 1, 1, 2), (2, 2, 2, 1), (4, 2, 2, 2), (3, 2, 2, 1), (1, 1, 1, 1)])
def test_jobs_left_over_by_too_few_projects_convert_pdfs(tmp_path: Path, jobs: int, count: int, workers: int,
                                                         offices: int) -> None:
    from docgen.batch.runner import _plan

    for n in range(count):
        write_project(tmp_path / "p", f"p{n}")
    plan = _plan(BuildRequest(sources=[tmp_path / "p"], out=tmp_path / "out", jobs=jobs), tmp_path, fake_renderers())
    assert (plan.jobs, plan.settings.pdf_offices) == (workers, offices)
