"""Write files so that a reader sees the old file or the new one, never a part of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(target: Path, data: bytes, *, durable: bool = True) -> None:
    """Write through a temporary file in the same directory, then rename it over `target`.

    `durable` also fsyncs, which guards against power loss, not only against an
    interrupted run; batch builds of thousands of documents skip it, since syncing
    would dominate their time and a rebuild restores any file.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temp, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_text_atomic(target: Path, text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
