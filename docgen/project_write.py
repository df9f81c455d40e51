"""Replace project.yaml with an import's result: keep a backup, lose no concurrent edit.

Between reading project.yaml and replacing it, an editor, a script or a second import
may change it. `replace_project` makes that change survive:

* every step that can fail (a full disk, a read-only folder or file, a backup path
  that is a directory) is tried before the project file is touched, so that a failure
  leaves every file as it was;
* an exclusive lock (flock) on the project file serialises docgen processes;
* a write lease (Linux `F_SETLEASE`) makes the kernel tell the import when any other
  process opens the file; an open while the file is replaced puts the old file back
  under its name (the other process writes into it) and refuses. A file some other
  process holds open is not replaced at all;
* the backup is a second name (a hard link) of the very file being replaced, so a
  process that still appends to the old file appends to `project.yaml.bak`, never
  into nothing;
* the old file is compared with what the import read right before the rename and once
  more after it: a change in between puts the changed file back and refuses.

Where leases are not available (other systems, network file systems, a thread other
than the main one), the lock, the checks and the backup remain.

A project.yaml that is a symlink is followed (the file it points to is replaced, the
link stays); the backup lies beside the link. A symlink planted at the backup's path
is replaced, never written through.
"""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import stat
import struct
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .atomic import final_path, remove_stale_temporaries, temporary_name, write_bytes_atomic, write_temporary
from .errors import Problem, ProjectFileError

BACKUP_SUFFIX = ".bak"
_FS_IOC_GETFLAGS = 0x80086601  # Linux: read the inode flags (chattr)
_FS_IMMUTABLE_FL = 0x10
_FS_APPEND_FL = 0x20


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def replace_project(path: Path, expected: bytes, data: bytes) -> Path:
    """Replace `path` (holding `expected` when it was read) with `data`; return the backup.

    Raises `ProjectFileError` with one line, and changes nothing, when the file changed
    meanwhile or cannot be replaced.
    """
    path = Path(path)
    real, backup = final_path(path, True), backup_path(path)
    try:
        _check_writable(path, real, backup)
        with _locked(real) as old:
            _check_unchanged(path, old, expected)
            with _leased(old, path) as opened:
                backup = _replace(path, real, backup, old, expected, data)
            if opened():
                os.replace(backup, real)  # the other process writes into the old file: give it its name back
                raise _changed(path)
            return backup
    except OSError as error:
        raise _cannot_write(error, path) from None


def _replace(path: Path, real: Path, backup: Path, old: int, expected: bytes, data: bytes) -> Path:
    new = write_temporary(real, data, mode=os.fstat(old).st_mode & 0o777)
    try:
        saved = _second_name(real, backup, old, expected)
    except BaseException:
        new.unlink(missing_ok=True)
        raise
    try:
        _check_unchanged(path, old, expected)
        os.replace(new, real)
    except BaseException:
        new.unlink(missing_ok=True)
        saved.unlink(missing_ok=True)
        raise
    os.replace(saved, backup)
    _undo_if_changed(path, real, old, expected)
    return backup


def _second_name(real: Path, backup: Path, old: int, expected: bytes) -> Path:
    """A temporary name beside the backup for the old file itself (same inode), so that late
    appends to the old file are kept; a copy where hard links are impossible."""
    remove_stale_temporaries(backup)
    temp = temporary_name(backup)
    try:
        os.link(real, temp, follow_symlinks=False)
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        return write_temporary(backup, expected, mode=os.fstat(old).st_mode & 0o777)
    if os.stat(temp).st_ino != os.fstat(old).st_ino:  # replaced between open and link
        temp.unlink()
        raise _changed(real)
    return temp


def _undo_if_changed(path: Path, real: Path, old: int, expected: bytes) -> None:
    """A write to the old file in the instant before the rename: put that file back."""
    now = _read_all(old)
    if now != expected:
        write_bytes_atomic(real, now, mode=os.fstat(old).st_mode)
        raise _changed(path)


@contextmanager
def _locked(real: Path) -> Iterator[int]:
    """The open project file, exclusively locked against other docgen processes."""
    descriptor = os.open(real, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield descriptor
    finally:
        os.close(descriptor)  # releases the lock


@contextmanager
def _leased(descriptor: int, path: Path) -> Iterator[Callable[[], bool]]:
    """A write lease on the open project file for the block; yields a function that tells,
    once the block has ended and the lease is released, whether another process opened
    the file meanwhile (such an open waits for the release, then gets the old file)."""
    opened: list[bool] = []
    if threading.current_thread() is not threading.main_thread() or not hasattr(fcntl, "F_SETLEASE"):
        yield lambda: False
        return
    previous = signal.signal(signal.SIGIO, lambda *_: opened.append(True))
    try:
        fcntl.fcntl(descriptor, fcntl.F_SETLEASE, fcntl.F_WRLCK)
    except OSError as error:
        signal.signal(signal.SIGIO, previous)
        if error.errno in (errno.EAGAIN, errno.EBUSY):
            raise _refused(path, "another program has the file open", "close it, then run the import again") from None
        yield lambda: False  # a file system without leases
        return
    try:
        yield lambda: bool(opened)
    finally:
        fcntl.fcntl(descriptor, fcntl.F_SETLEASE, fcntl.F_UNLCK)
        time.sleep(0)  # lets a SIGIO sent before the release reach its handler
        signal.signal(signal.SIGIO, previous)


def _check_unchanged(path: Path, old: int, expected: bytes) -> None:
    """The name still points to the file that was read, and the file still holds its bytes."""
    try:
        same_file = os.stat(path).st_ino == os.fstat(old).st_ino
    except FileNotFoundError:
        same_file = False
    if not same_file or _read_all(old) != expected:
        raise _changed(path)


def _read_all(descriptor: int) -> bytes:
    size = os.fstat(descriptor).st_size
    return os.pread(descriptor, size + 1, 0) if size else b""


def _check_writable(path: Path, real: Path, backup: Path) -> None:
    """Refuse before anything is written: renaming would fail, or override the user's say."""
    mode = real.stat().st_mode
    if not mode & 0o222:
        raise _refused(path, "the file is read-only", "make it writable (chmod u+w) to import into it")
    flags = _inode_flags(real)
    if flags & (_FS_IMMUTABLE_FL | _FS_APPEND_FL):
        kind = "immutable" if flags & _FS_IMMUTABLE_FL else "append-only"
        raise _refused(path, f"the file is {kind} (chattr)", "remove the attribute with chattr to import into it")
    try:
        found = backup.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISDIR(found.st_mode):
        raise _refused(path, f"{backup.name} is a directory", "move it away; the import keeps its backup there")


def _inode_flags(real: Path) -> int:
    try:
        descriptor = os.open(real, os.O_RDONLY)
    except OSError:
        return 0
    try:
        return struct.unpack("i", fcntl.ioctl(descriptor, _FS_IOC_GETFLAGS, b"\0" * 4))[0]
    except OSError:
        return 0  # a file system without inode flags
    finally:
        os.close(descriptor)


def _changed(path: Path) -> ProjectFileError:
    return ProjectFileError([Problem(str(path), "", "", "the file changed while importing; nothing was written",
                                     "run the import again")])


def _refused(path: Path, message: str, hint: str) -> ProjectFileError:
    return ProjectFileError([Problem(str(path), "", "", f"{message}; nothing was written", hint)])


def _cannot_write(error: OSError, path: Path) -> ProjectFileError:
    place = error.filename or path
    hints = {errno.ENOSPC: "free some disk space", errno.EDQUOT: "free some disk space (quota)",
             errno.EROFS: "the file system is read-only", errno.EACCES: "check the folder's permissions",
             errno.EPERM: "check the folder's permissions and attributes (chattr)"}
    return ProjectFileError([Problem(str(path), "", "", f"cannot write {place}: {error.strerror or error}; "
                                     "nothing was changed", hints.get(error.errno, "check the folder"))])
