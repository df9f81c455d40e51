"""The key that signs a workbook's export snapshot, kept beside the projects, never in a workbook.

`_meta`'s hash tells a damaged snapshot from an intact one, but anybody can recompute
it: a customer who edits the snapshot and its hash could make a vendor's change look
like the base and silently overwrite it. The export therefore also signs the hash with
an HMAC whose key lives in the repository (`KEY_NAME` at the root of the git work tree
holding the project, else beside project.yaml), created on the first export with mode
0600. The workbook carries the signature only. An import that cannot verify it (no
key, no signature, a wrong one) treats the snapshot as absent.

`DOCGEN_SIGNING_KEY_FILE` names another key file (CI jobs that share one, tests).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_NAME = ".docgen-signing.key"
KEY_ENV = "DOCGEN_SIGNING_KEY_FILE"
_KEY_BYTES = 32


def key_path(project_dir: Path) -> Path:
    """Where the key of the project in `project_dir` lives."""
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    start = Path(project_dir).resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder / KEY_NAME
    return start / KEY_NAME


def signing_key(project_dir: Path, *, create: bool) -> bytes | None:
    """The key, made on first use when `create`; None when there is none (or it is unreadable)."""
    path = key_path(project_dir)
    if create and not path.exists():
        return _create(path)
    return _read(path)


def _create(path: Path) -> bytes | None:
    key = secrets.token_bytes(_KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: of two exports racing to create it, one wins and the other reads its key.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    except OSError:
        return None  # a read-only checkout: the workbook goes out unsigned
    with os.fdopen(descriptor, "w", encoding="ascii") as stream:
        stream.write(key.hex() + "\n")
    return key


def _read(path: Path) -> bytes | None:
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def sign(key: bytes, digest: str) -> str:
    return hmac.new(key, digest.encode("ascii"), hashlib.sha256).hexdigest()


def verified(key: bytes | None, digest: str, signature: str | None) -> bool:
    """True when `signature` is `key`'s for `digest`."""
    return bool(key and signature) and hmac.compare_digest(sign(key, digest), signature or "")
