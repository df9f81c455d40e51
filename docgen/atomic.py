"""Write files so that a reader sees the old file or the new one, never a part of one."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_UMASK_LINE = re.compile(rb"^Umask:\s*([0-7]+)$", re.MULTILINE)


def write_bytes_atomic(target: Path, data: bytes, *, durable: bool = True, mode: int | None = None) -> None:
    """Write through a temporary file in the same directory, then rename it over `target`.

    A symlink is followed: the file it points to is replaced and the link stays a
    link. The new file keeps the permission bits of the file it replaces; `mode`
    sets them instead, and a new file without `mode` gets 0o666 less the umask.

    `durable` also fsyncs, which guards against power loss, not only against an
    interrupted run; batch builds of thousands of documents skip it, since syncing
    would dominate their time and a rebuild restores any file.
    """
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    permissions = _permissions(target) if mode is None else mode & 0o777
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temp, permissions)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_text_atomic(target: Path, text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))


def _permissions(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~_UMASK


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
