"""The Project's pydantic validator and serializer, cached between processes.

pydantic builds a model's validator from a core schema that it generates in Python
from the model classes: for the Project, with its 54 nested models, about 25 ms of
every process that reads a project file, and its first validator also imports
pydantic's plugin loader and with it `importlib.metadata` (another 20 ms) for a
plugin scan. The core schema is plain data plus references to docgen's own validator
functions and classes, so it is kept in a file: a later process rebuilds the
validator and serializer from it in pydantic-core (about 4 ms), as it would from the
freshly generated schema.

The file is named by a key of everything the schema is generated from: the sources
of `docgen.models`, the versions of Python and pydantic (which insists on the one
pydantic-core release it was made with). A missing, stale, unreadable or damaged file
is rebuilt the normal way and written again; a cache folder that cannot be written,
or models without sources to key by, only cost the time. The cached schema leaves out
what validation and serialization never read: each schema's `metadata` (its JSON
Schema hooks, closures that cannot be pickled). Everything else that asks pydantic
for the Project's schema (the JSON Schema, a TypeAdapter) still finds it not built
and builds it in full. Validators built from the file bypass pydantic plugins;
docgen uses none, a process in which a plugin wraps the validator never writes the
file, and `DOCGEN_NO_CACHE=1` lets an installed plugin see every validation.

The file is a pickle, kept in docgen's cache directory (cache_dir.py; `DOCGEN_NO_CACHE=1`
turns it off) and read only when no other user may write there: then it is as trusted
as the __pycache__ folders Python itself reads code from.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import Any

import pydantic

from .cache_dir import cache_root, private_directory, prune, source_digest
from .models import Project

PREFIX = "project-validator-"
KEPT = 8  # cache files kept, one per set of models
_installed = False  # from the cache, in this process


def install_project_validator() -> None:
    """Give `Project` its validator and serializer, from the cache when it has them;
    else build them as pydantic does and cache them. Once per process."""
    global _installed
    if _installed or getattr(Project, "__pydantic_complete__", False):
        return
    folder = cache_root()
    try:
        # Code is unpickled from it: only from a folder no other user may write to.
        path = cache_file(folder) if folder is not None and private_directory(folder) else None
    except (OSError, RuntimeError):  # no model sources to key the cache by
        path = None
    _installed = path is not None and _installed_from_cache(path)
    if not _installed:
        Project.model_rebuild()
        if path is not None:
            _write(path)


def _installed_from_cache(path: Path) -> bool:
    try:
        validator_type, serializer_type, schema, config = pickle.loads(path.read_bytes())
        validator, serializer = validator_type(schema, config), serializer_type(schema, config)
    except Exception:  # missing, from an older docgen, damaged: built anew and rewritten
        return False
    # What pydantic's own build sets; the core schema is left to a build in full (above).
    Project.__pydantic_validator__ = validator
    Project.__pydantic_serializer__ = serializer
    return True


def cache_file(folder: Path, models: Path | None = None) -> Path:
    """The cache file of the current models in `folder`, named by the key."""
    return folder / f"{PREFIX}{schema_key(models)}.pickle"


def schema_key(models: Path | None = None) -> str:
    """A digest of what the Project's core schema is generated from."""
    folder = models or Path(sys.modules[Project.__module__].__file__).parent
    sources = sorted(folder.glob("*.py"))
    # pydantic insists on the one pydantic-core release it was made with: its version names both.
    key = source_digest([sys.version, pydantic.VERSION], sources)
    if not sources or not key:  # installed without sources (a zip, bytecode only): nothing to key by
        raise OSError(f"no model sources in {folder}")
    return key[:24]


def _write(path: Path) -> None:
    """Cache the schema and config the Project's validator was built from (with the
    classes of pydantic-core that build validator and serializer from them), atomically.
    Nothing happens when the folder cannot be written."""
    from .atomic import write_bytes_atomic  # only a process that builds the validator writes

    validator, serializer = Project.__pydantic_validator__, Project.__pydantic_serializer__
    # With a pydantic plugin installed the validator is pydantic's wrapper around
    # pydantic-core's: such a process keeps building it, so that the plugin sees it.
    if type(validator).__module__ != "pydantic_core._pydantic_core" or \
            type(serializer).__module__ != "pydantic_core._pydantic_core":
        return
    try:
        schema, config = validator.__reduce__()[1][:2]
        data = pickle.dumps((type(validator), type(serializer), without_metadata(schema), config),
                            protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_bytes_atomic(path, data, durable=False, mode=0o600)
        # Several docgen installations (or checkouts) of one user each keep theirs.
        prune(path.parent, f"{PREFIX}*.pickle", KEPT)
    except Exception:  # noqa: BLE001 - a cache that cannot be written only costs the time
        return


def without_metadata(node: Any) -> Any:
    """A copy of a core schema without the `metadata` of each schema in it. A schema is a
    dict whose "type" is text; a mapping of field names is never one (its values are
    dicts), so a field named "metadata" stays."""
    if isinstance(node, dict):
        schema = isinstance(node.get("type"), str)
        return {key: without_metadata(value) for key, value in node.items() if not (schema and key == "metadata")}
    if isinstance(node, list):
        return [without_metadata(value) for value in node]
    return node
