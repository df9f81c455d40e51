"""The inputs of a render that are not in project.yaml: dates, version, hashes.

Same input, same bytes. The time written into document properties therefore never
comes from the clock:

- with SOURCE_DATE_EPOCH set (https://reproducible-builds.org/specs/source-date-epoch/),
  that instant is used;
- otherwise the project's `as_of` date ("the data reflects the state of ..."), else its
  start date, at 00:00 UTC. Both are part of the data.

"Today", which decides what is overdue, is likewise the date of SOURCE_DATE_EPOCH, else
the project's `as_of`, else the real date. A project without `as_of` built without
SOURCE_DATE_EPOCH may therefore differ across days in its overdue marks; CI that
compares bytes across days sets one of the two (e.g. SOURCE_DATE_EPOCH to the commit
time: `git log -1 --format=%ct`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Mapping

from .. import __version__
from ..errors import UsageError
from ..models import Project
from ..renderers.package import TEMPLATE_HASH_PROPERTY

ENV_EPOCH = "SOURCE_DATE_EPOCH"
# Custom document properties every output carries (see renderers/package.py).
PROP_VERSION = "docgen.version"
PROP_DATA_HASH = "docgen.data_sha256"
PROP_TEMPLATE_HASH = TEMPLATE_HASH_PROPERTY  # DOCX renderers write it themselves


def source_date_epoch(environ: Mapping[str, str] | None = None) -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as an aware UTC datetime, None when unset or empty."""
    value = (os.environ if environ is None else environ).get(ENV_EPOCH, "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"{ENV_EPOCH}='{value}': expected whole seconds since 1970-01-01 UTC") from None


def document_timestamp(project: Project, epoch: dt.datetime | None) -> dt.datetime:
    """The created/modified time of every document of `project`."""
    if epoch is not None:
        return epoch
    day = project.project.as_of or project.project.start
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def render_today(epoch: dt.datetime | None) -> dt.date:
    """The build's date against which due dates count as overdue."""
    return epoch.date() if epoch is not None else dt.date.today()


def project_today(project: Project, epoch: dt.datetime | None, build_today: dt.date) -> dt.date:
    """`build_today`, unless the project pins its own date with `as_of`."""
    if epoch is None and project.project.as_of is not None:
        return project.project.as_of
    return build_today


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def docgen_version() -> str:
    return __version__
