"""Merge the outputs of `docgen build --shard K/N` jobs into one directory and manifest."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from ..errors import CheckFailedError, UsageError
from .outputs import atomic_write
from .reports import MANIFEST_NAME, dump_json, merge_manifests, read_manifest


def merge_shards(shards: list[Path], out: Path) -> dict[str, Any]:
    """Copy every file the shards' manifests list into `out`, checked against its sha256,
    and write the merged manifest; return it. Nothing is copied when a check fails."""
    manifests = [read_manifest(shard / MANIFEST_NAME) for shard in shards]
    merged = merge_manifests(manifests)  # refuses a path that two shards list
    for shard, manifest in zip(shards, manifests):
        for entry in manifest["documents"]:
            _verify(shard, entry)
    try:
        for shard, manifest in zip(shards, manifests):
            for entry in manifest["documents"]:
                target = out / entry["path"]
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(shard / entry["path"], target)
        atomic_write(out / MANIFEST_NAME, dump_json(merged))
    except OSError as error:
        raise UsageError(f"--out {out}: cannot write {error.filename or out} ({error.strerror}); "
                         "choose a writable directory") from None
    return merged


def _verify(shard: Path, entry: dict[str, Any]) -> None:
    source = shard / entry["path"]
    if not source.is_file():
        raise CheckFailedError(f"{source}: listed in {shard / MANIFEST_NAME} but missing; "
                               "did the shard's upload fail?")
    if hashlib.sha256(source.read_bytes()).hexdigest() != entry["sha256"]:
        raise CheckFailedError(f"{source}: does not match the sha256 in {shard / MANIFEST_NAME}; "
                               "rebuild that shard")
