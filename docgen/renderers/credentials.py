"""What a test account's credential cell shows: the reference, the secret, or a placeholder.

By default a document names where each secret is kept (`vault:mail/test-user-1`) and
says so. Where the customer must receive the test accounts' passwords, `build
--resolve-secrets` reads `env:` and `file:` references at render time into the
document only (a `vault:` reference stays a reference: docgen cannot read the store); the values are never returned to the caller, logged or put into an
error message. `--redact` shows a placeholder instead of the reference.
"""

from __future__ import annotations

import enum
import os
import re
from pathlib import Path

from ..errors import RenderError
from ..i18n import Labels
from ..models import TestAccount
from ..models.base import XML_SAFE_PATTERN

MAX_SECRET_BYTES = 4096
PLACEHOLDER = "••••••••"
_XML_SAFE = re.compile(XML_SAFE_PATTERN)


class CredentialMode(str, enum.Enum):
    reference = "reference"  # where the secret is kept (the default)
    resolve = "resolve"  # the secret itself, read from env: and file: references
    redact = "redact"  # a placeholder


def shown_accounts(accounts: list[TestAccount], mode: CredentialMode, project_dir: Path) -> list[TestAccount]:
    """The accounts as the document shows them; the project's own objects are not changed."""
    if mode is CredentialMode.reference:
        return list(accounts)
    return [account.model_copy(update={"credential": _shown(account, index, mode, project_dir)})
            for index, account in enumerate(accounts)]


def shown_labels(labels: Labels, mode: CredentialMode) -> Labels:
    """The column header and the note under the table must say what the column holds."""
    if mode is CredentialMode.reference:
        return labels
    return Labels(labels.language, {**labels, "credential_ref": labels[f"credential_{mode.value}"],
                                    "credentials_note": labels[f"credentials_note_{mode.value}"]})


def _shown(account: TestAccount, index: int, mode: CredentialMode, project_dir: Path) -> str:
    if mode is CredentialMode.redact:
        return PLACEHOLDER
    return resolve(account.credential, f"technical_documentation.test_accounts[{index}].credential", project_dir)


def resolve(reference: str, path: str, project_dir: Path) -> str:
    """The secret an env: or file: reference names. Errors name the reference, never a value."""
    kind, _, name = reference.partition(":")
    if kind == "env":
        value = os.environ.get(name)
        if value is None:
            raise RenderError(f"{path}: {reference} is not set (export {name} before building with --resolve-secrets)")
    elif kind == "file":
        value = _read_secret(project_dir / name, reference, path)
    else:
        return reference  # a secret store docgen cannot read: the document names it, as by default
    if not value or not _XML_SAFE.match(value):
        raise RenderError(f"{path}: the secret of {reference} is empty or holds control characters")
    return value


def _read_secret(file: Path, reference: str, path: str) -> str:
    try:
        if file.stat().st_size > MAX_SECRET_BYTES:
            raise RenderError(f"{path}: {reference} is larger than {MAX_SECRET_BYTES:,} bytes; not a secret file")
        return file.read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as error:
        raise RenderError(f"{path}: cannot read {reference}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise RenderError(f"{path}: {reference} is not UTF-8 text") from None
