"""What the import writes: a symlinked project.yaml stays a link, the backup is as private as the file."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from docgen.importing import import_workbook

from .conftest import edit, row_of

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks and permission bits as on POSIX")


def _set_status(sheet, col) -> None:
    sheet.cell(row_of(sheet, "REQ-030"), col["Status"]).value = "Done"


def test_import_through_a_symlinked_project_file_changes_the_real_file(project_dir: Path) -> None:
    real = project_dir / "repo" / "project.yaml"
    real.parent.mkdir()
    shutil.move(project_dir / "project.yaml", real)
    link = project_dir / "link.yaml"
    link.symlink_to(Path("repo") / "project.yaml")
    before = real.read_text(encoding="utf-8")
    report = import_workbook(edit(project_dir / "checklist.xlsx", _set_status), link)
    assert report.written
    assert link.is_symlink() and os.readlink(link) == str(Path("repo") / "project.yaml")
    after = real.read_text(encoding="utf-8")
    assert after != before and "REQ-030" in after
    assert report.backup == project_dir / "link.yaml.bak"
    assert report.backup.read_text(encoding="utf-8") == before and not report.backup.is_symlink()
    assert sorted(p.name for p in real.parent.iterdir()) == ["project.yaml"]  # no temporary file left


@pytest.mark.parametrize("mode", [0o600, 0o640])
def test_the_backup_keeps_the_project_files_permission_bits(project_dir: Path, mode: int) -> None:
    project = project_dir / "project.yaml"
    project.chmod(mode)
    backup = project_dir / "project.yaml.bak"
    backup.write_text("an older backup, readable by all\n", encoding="utf-8")
    backup.chmod(0o644)
    report = import_workbook(edit(project_dir / "checklist.xlsx", _set_status))
    assert report.written and report.backup == backup
    assert stat.S_IMODE(backup.stat().st_mode) == mode
    assert stat.S_IMODE(project.stat().st_mode) == mode
