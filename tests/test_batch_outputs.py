"""Where a build writes: -o/--junit paths checked up front; missing, extra, removed and stale files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import build_fakes
from docgen.batch import BuildReport, BuildRequest, run_build, write_junit, write_manifest
from docgen.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError
from docgen.batch.progress import describe


def fakes():
    return build_fakes()


class CountingRenderer:
    """A renderer that only counts its calls: the checks must come before any rendering."""

    name, title, format = "counting", "Counting", "docx"

    def __init__(self) -> None:
        self.calls = 0

    def render(self, project, options):
        self.calls += 1
        return []


@pytest.fixture(autouse=True)
def _fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture
def alpha(tmp_path: Path) -> Path:
    return fakes().write_project(tmp_path / "projects", "alpha")


def build(sources: list[Path], out: Path, renderers: list | None = None, **options) -> BuildReport:
    request = BuildRequest(sources=sources, out=out, **{"jobs": 1, **options})
    return run_build(request, renderers=renderers if renderers is not None else fakes().fake_renderers())


# --- -o and --junit paths ------------------------------------------------------------


@pytest.mark.parametrize("option, out, junit, message", [
    ("-o", "base.yaml/out", None, "-o {tmp}/base.yaml/out: {tmp}/base.yaml is a file, not a directory; "
                                  "choose another output directory with -o"),
    ("-o", "base.yaml", None, "-o {tmp}/base.yaml: exists and is not a directory; "
                              "choose another output directory with -o"),
    ("--junit", "out", "base.yaml/j.xml", "--junit {tmp}/base.yaml/j.xml: {tmp}/base.yaml is a file, not a "
                                          "directory; choose another file with --junit"),
    ("--junit", "out", "reports", "--junit {tmp}/reports: is a directory; name a file, "
                                  "e.g. --junit {tmp}/reports/junit.xml"),
])
def test_a_bad_output_path_is_a_usage_error_before_anything_renders(
        alpha: Path, tmp_path: Path, option: str, out: str, junit: str | None, message: str) -> None:
    (tmp_path / "base.yaml").write_text("a file\n")
    (tmp_path / "reports").mkdir()
    renderer = CountingRenderer()
    with pytest.raises(UsageError) as caught:
        build([alpha], tmp_path / out, renderers=[renderer], junit=tmp_path / junit if junit else None)
    assert caught.value.format_message() == message.format(tmp=tmp_path)
    assert caught.value.exit_code == EXIT_USAGE
    assert renderer.calls == 0 and not (tmp_path / "out").exists()


def test_check_accepts_an_out_that_does_not_exist_and_writes_nothing(alpha: Path, tmp_path: Path) -> None:
    report = build([alpha], tmp_path / "none" / "out", check=True)
    assert report.exit_code == EXIT_FAILED and {d.status.value for d in report.documents} == {"missing"}
    assert not (tmp_path / "none").exists()


def test_an_unwritable_out_is_a_usage_error(alpha: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    # The tests may run as root, who may write anywhere: deny it the way a read-only directory would.
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != locked and real_access(path, mode))
    with pytest.raises(UsageError, match=f"^-o {locked}/out: no permission to write into {locked}; "):
        build([alpha], locked / "out")
    with pytest.raises(UsageError, match=f"^--junit {locked}/j.xml: no permission to write into {locked}; "):
        build([alpha], tmp_path / "out", junit=locked / "j.xml")


def test_a_report_that_cannot_be_written_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    report = BuildReport(out=tmp_path / "file" / "out", check=False, jobs=1)
    with pytest.raises(UsageError, match=r"^-o: cannot write .*/file/out/manifest.json \(Not a directory\); "):
        write_manifest(report)
    with pytest.raises(UsageError, match=r"^--junit: cannot write .*/file/j.xml \(.*\); choose another file"):
        write_junit(report, tmp_path / "file" / "j.xml")


@pytest.mark.parametrize("arguments, expected", [
    (["-o", "base.yaml/out"], "error: -o base.yaml/out: base.yaml is a file, not a directory; "
                              "choose another output directory with -o"),
    (["-o", "o", "--junit", "base.yaml/j.xml"], "error: --junit base.yaml/j.xml: base.yaml is a file, not a "
                                                "directory; choose another file with --junit"),
])
def test_the_cli_names_a_bad_output_path_in_one_line(tmp_path: Path, arguments: list[str], expected: str) -> None:
    fakes().write_project(tmp_path, "alpha")
    (tmp_path / "alpha" / "project.yaml").rename(tmp_path / "base.yaml")
    done = subprocess.run([sys.executable, "-m", "docgen", "build", "base.yaml", *arguments],
                          cwd=tmp_path, capture_output=True, text=True)
    assert (done.returncode, done.stderr.strip()) == (EXIT_USAGE, expected)
    assert not (tmp_path / "o").exists()


# --- missing, extra, removed and stale files --------------------------------------------


def test_check_reports_a_missing_file_as_missing(alpha: Path, tmp_path: Path) -> None:
    build([alpha], tmp_path / "out")
    (tmp_path / "out" / "alpha" / "fake-sheet.xlsx").unlink()
    report = build([alpha], tmp_path / "out", check=True, junit=tmp_path / "junit.xml")
    assert [(d.path, d.status.value) for d in report.documents] == [
        ("alpha/fake-doc.docx", "same"), ("alpha/fake-sheet.xlsx", "missing")]
    table = report.summary_table()
    assert "missing: alpha/fake-sheet.xlsx" in table.splitlines() and "differs:" not in table
    assert "1 missing" in table and "differ from" not in table
    (failure,) = ET.parse(tmp_path / "junit.xml").getroot().iter("failure")
    assert failure.get("type") == "missing"
    assert failure.get("message") == ("alpha/fake-sheet.xlsx: missing "
                                      "(the data renders this file, but it is not on disk)")


def add_leftovers(out: Path) -> None:
    (out / "alpha" / "minutes").mkdir(parents=True)
    (out / "alpha" / "minutes" / "2026-01-05.docx").write_bytes(b"minutes of a deleted meeting")
    (out / "alpha" / "old.pdf").write_bytes(b"%PDF")


def docx_only() -> list:
    """The renderers of a build after the data stopped rendering the workbook."""
    return [fakes().FakeDocx()]


def test_check_fails_on_files_docgen_made_and_would_remove(alpha: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([alpha], out)
    add_leftovers(out)  # someone else's files: a build leaves them alone, so --check does too
    report = build([alpha], out, renderers=docx_only(), check=True, junit=tmp_path / "junit.xml")
    assert report.exit_code == EXIT_FAILED and report.projects[0].status.value == "differs"
    assert report.differences() == ["alpha/fake-sheet.xlsx"]
    assert report.stale() == ["alpha/minutes/2026-01-05.docx", "alpha/old.pdf"]
    lines = report.summary_table().splitlines()
    assert "extra: alpha/fake-sheet.xlsx" in lines
    assert lines[1].split()[2] == "differs" and lines[1].endswith("  1 extra file(s) on disk")
    messages = [f.get("message") for f in ET.parse(tmp_path / "junit.xml").getroot().iter("failure")]
    assert messages == ["alpha/fake-sheet.xlsx: extra (docgen made it earlier, but the data no longer "
                        "renders it; a build removes it)"]
    assert describe(report.projects[0]) == "differs  alpha: alpha/fake-sheet.xlsx (extra)"
    assert (out / "alpha" / "fake-sheet.xlsx").is_file()  # --check writes and removes nothing


def test_check_passes_when_only_other_peoples_files_are_left(alpha: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([alpha], out)
    add_leftovers(out)
    report = build([alpha], out, check=True)
    assert report.exit_code == EXIT_OK and report.stale() == ["alpha/minutes/2026-01-05.docx", "alpha/old.pdf"]


def test_a_build_removes_what_it_made_and_leaves_other_files_alone(alpha: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([alpha], out)
    add_leftovers(out)
    report = build([alpha], out, renderers=docx_only())
    assert report.exit_code == EXIT_OK and report.removed() == ["alpha/fake-sheet.xlsx"]
    assert not (out / "alpha" / "fake-sheet.xlsx").exists()
    assert report.stale() == ["alpha/minutes/2026-01-05.docx", "alpha/old.pdf"]
    assert (out / "alpha" / "old.pdf").read_bytes() == b"%PDF"
    lines = report.summary_table().splitlines()
    assert lines[-4:] == ["removed: alpha/fake-sheet.xlsx",
                          "stale: alpha/minutes/2026-01-05.docx", "stale: alpha/old.pdf",
                          "2 stale file(s) in OUT that docgen did not make or that were changed since, "
                          "left alone: remove them or build into a clean directory"]
    assert lines[1].split()[:3] == ["alpha", "1", "ok"] and lines[1].endswith("  2 stale file(s), see below")
    manifest = json.loads((out / "manifest.json").read_text())
    assert [entry["path"] for entry in manifest["documents"]] == ["alpha/fake-doc.docx"]
    statuses = [d["status"] for d in report.to_json()["projects"][0]["documents"]]
    assert statuses == ["unchanged", "removed", "stale", "stale"]
    assert build([alpha], out, renderers=docx_only(), check=True).exit_code == EXIT_OK


def test_a_file_changed_since_docgen_wrote_it_is_not_removed(alpha: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([alpha], out)
    (out / "alpha" / "fake-sheet.xlsx").write_bytes(b"edited by hand")
    report = build([alpha], out, renderers=docx_only())
    assert report.removed() == [] and report.stale() == ["alpha/fake-sheet.xlsx"]
    assert (out / "alpha" / "fake-sheet.xlsx").read_bytes() == b"edited by hand"


def test_without_a_manifest_nothing_is_removed(alpha: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([alpha], out)
    (out / "manifest.json").write_text("not json")
    report = build([alpha], out, renderers=docx_only())
    assert report.removed() == [] and report.stale() == ["alpha/fake-sheet.xlsx"]


def test_ownership_survives_builds_of_other_projects_into_one_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    alpha = fakes().write_project(tmp_path / "projects", "alpha")
    beta = fakes().write_project(tmp_path / "projects", "beta")
    build([alpha], out)
    build([beta], out)
    build([alpha], out, renderers=docx_only(), only=["fake-doc"])  # --only: the sheet stays docgen's
    manifest = json.loads((out / "manifest.json").read_text())
    assert [entry["path"] for entry in manifest["documents"]] == [
        "alpha/fake-doc.docx", "alpha/fake-sheet.xlsx", "beta/fake-doc.docx", "beta/fake-sheet.xlsx"]
    assert build([alpha], out, renderers=docx_only()).removed() == ["alpha/fake-sheet.xlsx"]
    assert not (out / "alpha" / "fake-sheet.xlsx").exists() and (out / "beta" / "fake-sheet.xlsx").is_file()


def test_identical_builds_give_byte_identical_trees(alpha: Path, tmp_path: Path) -> None:
    trees = []
    for name in ("first", "second"):
        build([alpha], tmp_path / name, junit=tmp_path / f"{name}.xml")
        trees.append({p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*")
                      if p.is_file()})
    assert trees[0] == trees[1] and Path("manifest.json") in trees[0]
    assert b"seconds" not in trees[0][Path("manifest.json")]
    assert 'time="' in (tmp_path / "first.xml").read_text()  # timings go to the reports that are not committed


def test_with_only_the_other_documents_are_not_leftovers(alpha: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([alpha], out)
    report = build([alpha], out, renderers=[fakes().FakeDocx()], only=["fake-doc"])
    assert report.stale() == [] and "stale" not in report.summary_table()
    assert build([alpha], out, renderers=[fakes().FakeDocx()], only=["fake-doc"], check=True).exit_code == EXIT_OK


def test_a_different_lang_is_noted_once(tmp_path: Path) -> None:
    projects = [fakes().write_project(tmp_path / "projects", name) for name in ("alpha", "beta")]
    german = build(projects, tmp_path / "de", language="de").summary_table().splitlines()
    notes = [line for line in german if line.startswith("note:")]
    assert notes == ["note: --lang de translates labels and dates; the texts from the data stay in its own "
                     "language: alpha (en), beta (en)"]
    assert "note:" not in build(projects, tmp_path / "en", language="en").summary_table()
    assert "note:" not in build(projects, tmp_path / "plain").summary_table()


def test_a_build_without_pdf_keeps_the_pdfs_an_earlier_pdf_build_made(alpha: Path, tmp_path: Path) -> None:
    import hashlib

    out = tmp_path / "out"
    build([alpha], out)
    pdf = out / "alpha" / "fake-doc.pdf"  # as an earlier `build --pdf` left it, listed in the manifest
    pdf.write_bytes(b"%PDF-1.7 fake")
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["documents"].append({"path": "alpha/fake-doc.pdf", "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest()})
    (out / "manifest.json").write_text(json.dumps(manifest))
    report = build([alpha], out)
    assert report.exit_code == EXIT_OK and report.removed() == [] and pdf.is_file()
    assert "alpha/fake-doc.pdf" in [e["path"] for e in json.loads((out / "manifest.json").read_text())["documents"]]
    assert build([alpha], out, check=True).exit_code == EXIT_OK
    assert build([alpha], out, renderers=docx_only()).removed() == ["alpha/fake-sheet.xlsx"]  # still tidies the rest
