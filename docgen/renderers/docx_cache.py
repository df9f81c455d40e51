"""Compiled Jinja templates of DOCX parts, kept for the life of the process.

Compiling a part's Jinja source costs more than rendering a small document. The compiled
template depends only on the environment and the source, so the same template rendered
again (five meeting minutes, a batch of projects) reuses it; docx_engine.py asks here for
every part it renders. Output stays byte for byte what a fresh compile gives.

One catch: while compiling, Jinja evaluates filters whose input is a constant
(`{{ 1234.5|number }}`). docgen's own filters depend on the render, on its language or
on the document a Markdown text writes hyperlinks into, so a template in which one of
them ran at compile time holds one render's result and is never cached.

A store made `on_disk` also keeps the compiled code for the next process (code_cache.py):
a part this process has not compiled yet is loaded from there when an earlier process
compiled the same source.
"""

from __future__ import annotations

import contextvars
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import jinja2

from ..cache_dir import cache_root
from .code_cache import CodeCache

# The owner of a cache entry: the template file's path and the sha256 of its bytes.
Owner = tuple[str, str]
# The owner, the part name ("/word/header1.xml") and the sha256 of the XML Jinja sees.
CacheKey = tuple[str, str, str, str]
CORE_PROPERTIES = "/docProps/core.xml"

# While a template compiles: the render-dependent filters Jinja evaluated on constants.
_folded: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("docgen_folded", default=None)


def render_dependent(func: Callable[..., Any]) -> Callable[..., Any]:
    """`func` as a filter whose result depends on the render: noted if run while compiling."""
    def filter_(*args: Any, **kwargs: Any) -> Any:
        folded = _folded.get()
        if folded is not None:
            folded.append(func.__name__)
        return func(*args, **kwargs)

    filter_.__name__ = filter_.__qualname__ = func.__name__
    filter_.__doc__ = func.__doc__
    return filter_


class CompiledTemplates:
    """A bounded, least-recently-used store of templates compiled by one environment."""

    def __init__(self, environment: jinja2.Environment, maxsize: int = 64, *, on_disk: bool = False) -> None:
        self.environment = environment
        self.maxsize = maxsize
        self.on_disk = on_disk
        self._disk: CodeCache | None = None
        self._disk_resolved = False
        self.hits = self.misses = 0
        self._entries: OrderedDict[CacheKey, jinja2.Template] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, owner: Owner, part: str, source: str) -> jinja2.Template:
        """The compiled `source` of `part`, compiled now unless it already was."""
        key = (*owner, part, hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest())
        with self._lock:
            template = self._entries.get(key)
            if template is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return template
        template, folded = self._compile(source)
        with self._lock:
            self.misses += 1
            if not folded:
                self._store(key, template)
        return template

    def _compile(self, source: str) -> tuple[jinja2.Template, list[str]]:
        disk = self.disk()
        code = disk.load(source) if disk is not None else None
        folded: list[str] = []
        if code is None:
            token = _folded.set(folded)
            try:
                code = self.environment.compile(source)
            finally:
                _folded.reset(token)
            if disk is not None and not folded:
                disk.save(source, code)
        # What `environment.from_string` does with the code it compiles.
        template = self.environment.template_class.from_code(
            self.environment, code, self.environment.make_globals(None), None)
        return template, folded

    def disk(self) -> CodeCache | None:
        """The on-disk store, found on first use (the environment decides where), or None."""
        if self.on_disk and not self._disk_resolved:
            directory = cache_root()
            self._disk = CodeCache(self.environment, directory) if directory is not None else None
            self._disk_resolved = True
        return self._disk

    def _store(self, key: CacheKey, template: jinja2.Template) -> None:
        self._entries[key] = template
        self._entries.move_to_end(key)
        while len(self._entries) > self.maxsize:
            self._entries.popitem(last=False)

    def keys(self) -> list[CacheKey]:
        with self._lock:
            return list(self._entries)

    def templates(self) -> list[jinja2.Template]:
        with self._lock:
            return list(self._entries.values())

    def clear(self) -> None:
        """Forget every compiled template, and where the disk store is (found again on use)."""
        with self._lock:
            self._entries.clear()
            self.hits = self.misses = 0
            self._disk, self._disk_resolved = None, False

    def __len__(self) -> int:
        return len(self._entries)
