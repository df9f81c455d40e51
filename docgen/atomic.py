"""Write files so that a reader sees the old file or the new one, never a part of one."""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from pathlib import Path

_UMASK_LINE = re.compile(rb"^Umask:\s*([0-7]+)$", re.MULTILINE)
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")


def write_bytes_atomic(target: Path, data: bytes, *, durable: bool = True, mode: int | None = None,
                       follow_symlinks: bool = False) -> None:
    """Write through a temporary file in the same directory, then rename it over `target`.

    A symlink at `target` is replaced by the file, never written through: a link planted
    at project.yaml.bak, OUT/manifest.json or an output document must not redirect the
    write to its target. With `follow_symlinks` (a project.yaml the user linked on
    purpose) the file it points to is replaced and the link stays a link. The new file
    keeps the permission bits of the file it replaces; `mode` sets them instead, and a
    new file without `mode` gets 0o666 less the umask.

    `durable` also fsyncs, which guards against power loss, not only against an
    interrupted run; batch builds of thousands of documents skip it, since syncing
    would dominate their time and a rebuild restores any file.
    """
    target = final_path(Path(target), follow_symlinks)
    target.parent.mkdir(parents=True, exist_ok=True)
    permissions = _permissions(target) if mode is None else mode & 0o777
    temp = write_temporary(target, data, durable=durable, mode=permissions)
    try:
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_text_atomic(target: Path, text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))


def final_path(target: Path, follow_symlinks: bool) -> Path:
    """The absolute path a write replaces: the link's target, or the link itself."""
    return target.resolve() if follow_symlinks else target.parent.resolve() / target.name


def write_temporary(target: Path, data: bytes, *, durable: bool = True, mode: int = 0o600) -> Path:
    """`data` in a new temporary file beside `target`, named so that a later run can tell
    a leftover of a killed process (`remove_stale_temporaries`)."""
    remove_stale_temporaries(target)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temp, mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def temporary_name(target: Path) -> Path:
    """A fresh name for a temporary file beside `target`, as `write_temporary` names them."""
    return target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete the temporary files of `target` left by processes that no longer run
    (killed with -9, or by a power cut); return them."""
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match and match["name"] == target.name and not _running(int(match["pid"])):
            Path(entry.path).unlink(missing_ok=True)
            removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _permissions(target: Path) -> int:
    try:
        status = target.lstat()
    except FileNotFoundError:
        return 0o666 & ~_UMASK
    if os.path.islink(target):
        return 0o666 & ~_UMASK  # a planted link's target says nothing about the file we write
    return status.st_mode & 0o777


def _read_umask() -> int:
    """The process umask. Linux shows it in /proc; elsewhere os.umask must set it to read
    it, which is done once here, at import, rather than racing other threads per write."""
    try:
        with open("/proc/self/status", "rb") as status:
            found = _UMASK_LINE.search(status.read())
        if found:
            return int(found.group(1), 8)
    except OSError:
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


_UMASK = _read_umask()
