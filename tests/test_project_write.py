"""`replace_project`: a failed or raced write of project.yaml leaves every file as it was."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from docgen import atomic, project_write
from docgen.errors import ProjectFileError
from docgen.project_write import replace_project

pytestmark = pytest.mark.skipif(os.name != "posix", reason="locks, links and inode flags as on POSIX")

OLD, NEW = b"schema_version: 1\n# old\n", b"schema_version: 1\n# new\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "project.yaml"
    path.write_bytes(OLD)
    return path


def files(folder: Path) -> dict[str, bytes | str]:
    return {p.name: ("<dir>" if p.is_dir() else p.read_bytes()) for p in sorted(folder.iterdir())}


def refused(project: Path, expected: bytes = OLD) -> str:
    before = files(project.parent)
    with pytest.raises(ProjectFileError) as caught:
        replace_project(project, expected, NEW)
    assert files(project.parent) == before
    [line] = str(caught.value).splitlines()
    return line


def test_the_old_file_becomes_the_backup(project: Path) -> None:
    inode = project.stat().st_ino
    backup = replace_project(project, OLD, NEW)
    assert project.read_bytes() == NEW and backup.read_bytes() == OLD
    assert backup.stat().st_ino == inode  # the same file: a late append to it is kept
    assert sorted(files(project.parent)) == ["project.yaml", "project.yaml.bak"]


def test_a_symlink_planted_at_the_backup_is_replaced_not_written_through(project: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    (tmp_path / "project.yaml.bak").symlink_to(victim)
    replace_project(project, OLD, NEW)
    assert victim.read_bytes() == b"precious"
    assert not (tmp_path / "project.yaml.bak").is_symlink() and (tmp_path / "project.yaml.bak").read_bytes() == OLD


def test_a_linked_project_file_is_followed_and_the_backup_lies_beside_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "project.yaml"
    real.parent.mkdir()
    real.write_bytes(OLD)
    link = tmp_path / "project.yaml"
    link.symlink_to(real)
    replace_project(link, OLD, NEW)
    assert link.is_symlink() and real.read_bytes() == NEW and (tmp_path / "project.yaml.bak").read_bytes() == OLD


def test_a_file_changed_since_it_was_read_is_not_replaced(project: Path) -> None:
    assert refused(project, expected=b"what the import read\n").endswith(
        "project.yaml: the file changed while importing; nothing was written (run the import again)")


def test_an_append_by_another_process_while_the_file_is_replaced_is_kept(project: Path, monkeypatch) -> None:
    original, appenders = project_write.write_temporary, []

    def append_meanwhile(*args, **kwargs):
        # Its open of project.yaml waits for the import's lease, then writes to the old file.
        appenders.append(subprocess.Popen(["sh", "-c", f"printf 'appended: by someone else\\n' >> '{project}'"]))
        __import__("time").sleep(0.3)
        return original(*args, **kwargs)

    monkeypatch.setattr(project_write, "write_temporary", append_meanwhile)
    with pytest.raises(ProjectFileError, match="the file changed while importing"):
        replace_project(project, OLD, NEW)
    assert appenders[0].wait(timeout=30) == 0
    assert project.read_bytes() == OLD + b"appended: by someone else\n"
    assert sorted(files(project.parent)) == ["project.yaml"]


def test_a_file_another_program_holds_open_is_not_replaced(project: Path) -> None:
    holder = subprocess.Popen(["sh", "-c", f"exec 3>>'{project}'; sleep 5"])
    try:
        __import__("time").sleep(0.3)
        assert "project.yaml: another program has the file open; nothing was written" in refused(project)
    finally:
        holder.kill()
        holder.wait()


def test_a_backup_path_that_is_a_directory_is_refused_first(project: Path) -> None:
    (project.parent / "project.yaml.bak").mkdir()
    assert refused(project).endswith("project.yaml: project.yaml.bak is a directory; nothing was written "
                                     "(move it away; the import keeps its backup there)")


def test_a_read_only_project_file_is_refused_first(project: Path) -> None:
    project.chmod(0o444)
    assert "project.yaml: the file is read-only; nothing was written" in refused(project)


def _chattr(path: Path, flag: str) -> bool:
    if not shutil.which("chattr"):
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


def test_an_immutable_project_file_is_refused_first(project: Path) -> None:
    if not _chattr(project, "+i"):
        pytest.skip("chattr +i needs root and a file system with inode flags")
    try:
        assert "project.yaml: the file is immutable (chattr); nothing was written" in refused(project)
    finally:
        _chattr(project, "-i")


def test_a_read_only_folder_is_one_line_and_changes_nothing(project: Path) -> None:
    folder = project.parent
    if os.geteuid() != 0:
        folder.chmod(0o555)
    elif not _chattr(folder, "+i"):
        pytest.skip("root ignores permission bits, and chattr +i is unavailable")
    try:
        line = refused(project)
    finally:
        if os.geteuid() == 0:
            _chattr(folder, "-i")
        folder.chmod(0o755)
    assert f"project.yaml: cannot write {folder}" in line and "nothing was changed" in line


def test_a_full_disk_is_one_line_and_changes_nothing(project: Path, monkeypatch) -> None:
    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    (project.parent / "project.yaml.bak").write_bytes(b"the previous backup\n")
    line = refused(project)
    assert "No space left on device; nothing was changed (free some disk space)" in line


def test_a_full_disk_on_a_real_small_file_system(tmp_path: Path) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        project = mount / "project.yaml"
        project.write_bytes(OLD)
        (mount / "filler").write_bytes(b"x" * (64 * 1024 - len(OLD) - 4096))
        big = NEW + b"#" * 64 * 1024
        before = files(mount)
        with pytest.raises(ProjectFileError) as caught:
            replace_project(project, OLD, big)
        assert files(mount) == before and "No space left on device" in str(caught.value)
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)
