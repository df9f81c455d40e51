"""What a credential field may hold: a reference to where a secret is kept, never the secret.

A reference has a kind docgen knows (`CREDENTIAL_KINDS`): `vault:PATH` (a secret store
the team reads by hand or with its own tools), `env:NAME` (an environment variable) or
`file:PATH` (a file relative to the project, kept out of version control). `build
--resolve-secrets` reads the last two at render time. Anything else, and anything that
looks like a secret even behind a known kind (a password in a URL, a token with a
well-known prefix, a private key), is refused; the messages never repeat the value,
since it may be the very secret that must not reach a CI log.
"""

from __future__ import annotations

import re

CREDENTIAL_KINDS = ("vault", "env", "file")
CREDENTIAL_PATTERN = r"^(?:vault:\S+|env:[A-Za-z_][A-Za-z0-9_]*|file:[^\s:]\S*)$"

# Shapes of secrets that are recognisable without knowing them; what each one is.
_SECRET_SHAPES = (
    (re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@", re.IGNORECASE), "a URL with a password in it"),
    (re.compile(r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}"), "a GitHub token"),
    (re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}"), "a GitLab token"),
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), "an AWS access key"),
    (re.compile(r"\bsk-[A-Za-z0-9_-]{20,}"), "an API secret key"),
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), "a private key"),
    (re.compile(r"\b(?:password|passwort|passwd|pwd|secret|token|api[_-]?key)\s*[:=]\s*\S", re.IGNORECASE),
     "a password or token written out"),
)


def secret_shape(text: str) -> str:
    """What kind of secret `text` appears to contain, "" when none."""
    return next((what for pattern, what in _SECRET_SHAPES if pattern.search(text)), "")


def check_credential(value: str) -> str:
    """A credential reference of a known kind that holds no recognisable secret."""
    if not re.match(CREDENTIAL_PATTERN, value):
        raise ValueError("not a reference to a stored secret (write where it is kept: vault:PATH, env:NAME or "
                         "file:PATH; never the secret itself)")
    shape = secret_shape(value.partition(":")[2])
    if shape:
        raise ValueError(f"looks like {shape}, not a reference to where it is kept (store the secret, "
                         "and write vault:PATH, env:NAME or file:PATH)")
    return value


def check_no_secret(text: str) -> str:
    """Text for a customer document that must not carry a secret (a host, a note)."""
    shape = secret_shape(text)
    if shape:
        raise ValueError(f"looks like {shape}; documents must never hold secrets")
    return text
