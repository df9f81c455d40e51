"""The cleaned-up parts of a template, kept on disk from one process to the next.

Cleaning up a template's tags (docx_engine.py: docxtpl's `patch_xml`) needs docxtpl,
and importing docxtpl imports python-docx: some 50 ms of CPU in every `docgen build`,
more than the clean-up itself. The result depends only on the template's bytes and on
the code that cleans it up, so it is kept in the user's cache directory and later
processes read it instead, importing neither library unless a render needs them.

The key is the sha256 of the template's bytes together with a fingerprint of that code: this
engine's and docx_branding's source (which decide what a part becomes) and docxtpl's
template module, so an upgrade or an edit of any of them reads as a miss, never as a
stale hit. What is kept is text that Jinja compiles in the sandbox as it would compile
the template itself, never code.

Where: docgen's cache directory (cache_dir.py; `DOCGEN_NO_CACHE=1` turns it off), and
only when no other user may write there. A cache that cannot be read or written is no
error: the template is cleaned up again, as without it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..atomic import write_bytes_atomic
from ..cache_dir import cache_root, private_directory, prune, source_digest

_FORMAT = 1  # of the cache file; part of the key
KEEP = 64  # entries kept; storing one more removes the least recently written


def load(template: bytes) -> list[dict[str, Any]] | None:
    """The parts stored for the template file with these bytes; None if none are (or unreadable)."""
    path = _path(template)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        return None
    return data


def store(template: bytes, parts: list[dict[str, Any]]) -> None:
    """Keep `parts` for the template file with these bytes; silently not when it cannot."""
    path = _path(template)
    if path is None:
        return
    try:
        # Written beside and renamed: a concurrent reader sees the whole file or none.
        data = json.dumps(parts, ensure_ascii=False).encode("utf-8")
        write_bytes_atomic(path, data, durable=False, mode=0o600)
        prune(path.parent, "docx-parts-*.json", KEEP)
    except OSError:
        return


def _path(template: bytes) -> Path | None:
    directory = cache_root()
    fingerprint = _fingerprint()
    if directory is None or not fingerprint or not private_directory(directory):
        return None
    # Hashed here rather than taken from the caller: the key must be the bytes' own.
    key = hashlib.sha256(fingerprint.encode() + b":" + template).hexdigest()
    return directory / f"docx-parts-{key}.json"


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    """The sha256 over the code that turns a template into its parts (read, not imported);
    "" when some of it cannot be read, which turns the cache off rather than risk a stale hit."""
    here = Path(__file__).resolve().parent
    sources = [here / "docx_engine.py", here / "docx_branding.py", here / "docx_parts.py"]
    # docxtpl's clean-up, and lxml's serialisation of the parts (its version is in its
    # __init__.py): found, not imported.
    for package, module in (("docxtpl", "template.py"), ("lxml", "__init__.py")):
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            return ""
        sources.append(Path(next(iter(spec.submodule_search_locations))) / module)
    return source_digest([str(_FORMAT)], sources)
