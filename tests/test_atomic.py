"""`write_bytes_atomic`: whole files only, never through a planted symlink, with the right permission bits."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from docgen import atomic
from docgen.atomic import write_bytes_atomic

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks and permission bits as on POSIX")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_followed_a_symlink_stays_a_link_and_its_target_gets_the_bytes(tmp_path: Path) -> None:
    real = tmp_path / "real" / "project.yaml"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "link.yaml"
    link.symlink_to(Path("real") / "project.yaml")  # relative, as people make them
    write_bytes_atomic(link, b"new", follow_symlinks=True)
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "project.yaml")
    assert real.read_bytes() == b"new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["project.yaml"]  # no temporary file left


def test_a_chain_of_links_is_followed_to_the_file(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(b"old")
    (tmp_path / "one.yaml").symlink_to(real)
    (tmp_path / "two.yaml").symlink_to(tmp_path / "one.yaml")
    write_bytes_atomic(tmp_path / "two.yaml", b"new", follow_symlinks=True)
    assert (tmp_path / "two.yaml").is_symlink() and (tmp_path / "one.yaml").is_symlink()
    assert real.read_bytes() == b"new"


def test_a_dangling_link_creates_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "later" / "project.yaml")
    write_bytes_atomic(link, b"data", follow_symlinks=True)
    assert link.is_symlink() and (tmp_path / "later" / "project.yaml").read_bytes() == b"data"


def test_the_replaced_file_keeps_its_permission_bits(tmp_path: Path) -> None:
    target = tmp_path / "project.yaml"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_bytes_atomic(target, b"new")
    assert mode_of(target) == 0o600 and target.read_bytes() == b"new"


def test_the_permission_bits_of_a_linked_file_are_its_own(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(b"old")
    real.chmod(0o640)
    (tmp_path / "link.yaml").symlink_to(real)
    write_bytes_atomic(tmp_path / "link.yaml", b"new", follow_symlinks=True)
    assert mode_of(real) == 0o640


def test_mode_sets_the_permission_bits(tmp_path: Path) -> None:
    target = tmp_path / "project.yaml.bak"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_bytes_atomic(target, b"secret", mode=0o100600)  # st_mode as it comes: type bits are ignored
    assert mode_of(target) == 0o600
    write_bytes_atomic(tmp_path / "new.bak", b"secret", mode=0o600)
    assert mode_of(tmp_path / "new.bak") == 0o600


def test_a_new_file_gets_the_umask_read_once_at_import(tmp_path: Path) -> None:
    current = os.umask(0o027)
    os.umask(current)
    assert atomic._UMASK == current  # read at import; the test process has not changed it since
    write_bytes_atomic(tmp_path / "new.txt", b"x")
    assert mode_of(tmp_path / "new.txt") == 0o666 & ~current


def test_writing_never_touches_the_process_umask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(mask: int) -> int:
        raise AssertionError("os.umask() called while writing: it is process-wide and races other threads")

    monkeypatch.setattr(os, "umask", forbidden)
    errors: list[BaseException] = []

    def write(number: int) -> None:
        try:
            write_bytes_atomic(tmp_path / f"file{number}.txt", b"x" * number)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(list(tmp_path.iterdir())) == 8


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "project.yaml"
    target.write_bytes(b"old")

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["project.yaml"]


def test_a_planted_symlink_is_replaced_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "elsewhere" / "authorized_keys"
    victim.parent.mkdir()
    victim.write_bytes(b"precious")
    victim.chmod(0o600)
    planted = tmp_path / "out" / "manifest.json"
    planted.parent.mkdir()
    planted.symlink_to(victim)
    write_bytes_atomic(planted, b"{}")
    assert victim.read_bytes() == b"precious" and mode_of(victim) == 0o600
    assert not planted.is_symlink() and planted.read_bytes() == b"{}"
    assert mode_of(planted) == 0o666 & ~atomic._UMASK  # not the victim's bits


def test_temporary_files_of_a_killed_run_are_removed_by_the_next_write(tmp_path: Path) -> None:
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    leftover = tmp_path / f".project.yaml.{int(dead.stdout)}.abc123.tmp"
    leftover.write_bytes(b"half a file")
    mine = tmp_path / f".project.yaml.{os.getpid()}.zzz.tmp"  # a live process's: left alone
    mine.write_bytes(b"in progress")
    other = tmp_path / f".other.yaml.{int(dead.stdout)}.abc.tmp"  # another file's: not ours to judge now
    other.write_bytes(b"x")
    write_bytes_atomic(tmp_path / "project.yaml", b"new")
    assert not leftover.exists() and mine.exists() and other.exists()
