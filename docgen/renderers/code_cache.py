"""Compiled template code kept on disk, so a new process does not compile it again.

Compiling the Jinja of the shipped templates costs a one-project build about a fifth of
its time, every run. Jinja's own bytecode cache does the storing (marshalled code, a
checksum of the source, written to a temporary file and renamed into place); this
module decides where, whether the place is safe, and what a cached entry depends on.

The directory is docgen's cache (cache_dir.py), in a subdirectory per Jinja version.
An entry's key covers everything the generated code depends on besides the source:
Python's bytecode format, the Jinja version, the environment's class and settings and
the names of its filters and tests, and the source of the modules that define the
environment (a docgen checkout whose version number did not change still gets fresh
entries after an edit there). Code is only ever loaded from a directory this user owns
and nobody else may write to; otherwise, and on any error, templates are compiled as
without a cache. The output never depends on the cache, only the time it takes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import sys
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from ..cache_dir import private_directory, prune, source_digest

MAX_ENTRIES = 512  # about 30 KB each; the oldest go when a write would pass this
_PATTERN = "%s.jinja"


class CodeCache:
    """Compiled template code of one environment, in one directory of the disk."""

    def __init__(self, environment: jinja2.Environment, directory: Path) -> None:
        self.directory = directory / f"templates-{jinja2.__version__}"
        self.fingerprint = environment_fingerprint(environment)
        self.environment = environment
        self.hits = self.writes = 0
        self._store: FileSystemBytecodeCache | None = None
        self._checked = False

    def load(self, source: str) -> CodeType | None:
        """The code compiled earlier from `source`, or None."""
        store = self._usable()
        if store is None:
            return None
        try:
            bucket = self._bucket(store, source)
            store.load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry is compiled again and overwritten
            return None
        if bucket.code is not None:
            self.hits += 1
        return bucket.code

    def save(self, source: str, code: CodeType) -> None:
        """Keep `code`, compiled from `source`, for later processes; never fails."""
        store = self._usable()
        if store is None:
            return
        try:
            bucket = self._bucket(store, source)
            bucket.code = code
            store.dump_bytecode(bucket)
            self.writes += 1
            prune(self.directory, _PATTERN % "*", MAX_ENTRIES)
        except Exception:  # noqa: BLE001 - a full or read-only disk only costs the time saved
            pass

    def _bucket(self, store: FileSystemBytecodeCache, source: str) -> Bucket:
        checksum = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        key = hashlib.sha256(f"{self.fingerprint}\0{checksum}".encode()).hexdigest()
        return Bucket(self.environment, key, checksum)

    def _usable(self) -> FileSystemBytecodeCache | None:
        if not self._checked:
            self._checked = True
            # Without the source of the code generator to key by, an edited docgen of the
            # same version could load code an older generator made: no cache then.
            if self.fingerprint and private_directory(self.directory):
                self._store = FileSystemBytecodeCache(str(self.directory), _PATTERN)
        return self._store

def environment_fingerprint(environment: jinja2.Environment) -> str:
    """What the code Jinja generates depends on, besides the template's source; "" when
    the source of the modules that define the environment cannot be read."""
    finalize = environment.finalize
    parts = [
        importlib.util.MAGIC_NUMBER.hex(), sys.version, jinja2.__version__,
        f"{type(environment).__module__}.{type(environment).__qualname__}",
        repr(environment.autoescape), repr(environment.undefined), repr(environment.optimized),
        f"{getattr(finalize, '__module__', '')}.{getattr(finalize, '__qualname__', '')}",
        repr(getattr(finalize, "jinja_pass_arg", None)),
        ",".join(sorted(environment.filters)), ",".join(sorted(environment.tests)),
        ",".join(sorted(environment.extensions)),
        repr((environment.block_start_string, environment.variable_start_string,
              environment.comment_start_string, environment.trim_blocks, environment.lstrip_blocks)),
    ]
    try:
        sources = [Path(inspect.getfile(obj)) for obj in
                   (type(environment), environment.finalize, environment.code_generator_class) if obj is not None]
    except TypeError:  # a builtin: no source to key by
        return ""
    return source_digest(parts, sources)
