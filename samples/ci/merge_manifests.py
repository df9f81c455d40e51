#!/usr/bin/env python3
"""Merge the outputs of `docgen build --shard K/N` jobs into one directory with one manifest.

    python merge_manifests.py shards/deliverables-1 shards/deliverables-2 ... --out out

Each argument is the OUT directory of one shard (its files and its manifest.json).
Every file a manifest lists is checked against its sha256 and copied to --out; the
merged manifest is written to OUT/manifest.json. Exits 1 when a file is missing or
does not match its hash, or when two shards list the same path.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

from docgen.build import merge_manifests, read_manifest
from docgen.build.outputs import atomic_write
from docgen.build.reports import MANIFEST_NAME, dump_json
from docgen.errors import DocgenError


def copy_verified(shard: Path, manifest: dict, out: Path) -> None:
    for entry in manifest["documents"]:
        source = shard / entry["path"]
        if not source.is_file():
            raise DocgenError(f"{source}: listed in {shard / MANIFEST_NAME} but missing")
        if hashlib.sha256(source.read_bytes()).hexdigest() != entry["sha256"]:
            raise DocgenError(f"{source}: does not match the sha256 in {shard / MANIFEST_NAME}")
        target = out / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shards", nargs="+", type=Path, help="the OUT directory of each shard")
    parser.add_argument("--out", type=Path, required=True, help="where the merged deliverables go")
    args = parser.parse_args(argv)
    try:
        manifests = [read_manifest(shard / MANIFEST_NAME) for shard in args.shards]
        merged = merge_manifests(manifests)  # refuses a path that two shards list
        for shard, manifest in zip(args.shards, manifests):
            copy_verified(shard, manifest, args.out)
        atomic_write(args.out / MANIFEST_NAME, dump_json(merged))
    except DocgenError as error:
        print(f"error: {error.format_message()}", file=sys.stderr)
        return error.exit_code
    failed = len(merged["failed"])
    print(f"merged {len(args.shards)} shard(s): {len(merged['documents'])} file(s), {failed} failed project(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
