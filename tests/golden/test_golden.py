"""Golden tests: every document of every case matches its reviewed text.

One test per case checks that `docgen build` produces exactly the documents that have
golden files (a new deliverable needs one, a vanished one fails); one test per
(case, document) compares the content and shows a unified diff on a mismatch.
Refresh after an intended change with `make golden`, then review `git diff tests/golden`.
"""

from __future__ import annotations

import functools

import pytest

from tests.golden.cases import REFRESH_COMMAND, Case, difference, find_cases, render

CASES = find_cases()
DOCUMENTS = [(case, name) for case in CASES for name in case.expected_names()]


@functools.cache
def rendered(case: Case) -> dict[str, str]:
    """Each case is built once per session, however many of its documents are compared."""
    return render(case)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case_produces_exactly_its_golden_documents(case: Case):
    produced, expected = set(rendered(case)), set(case.expected_names())
    if not produced:
        pytest.fail(f"{case.name}: `docgen build` produced no document", pytrace=False)
    if produced != expected:
        pytest.fail(f"{case.name}: produced without a golden file: {sorted(produced - expected) or 'none'}; "
                    f"golden file but not produced: {sorted(expected - produced) or 'none'}.\n"
                    f"If intended, refresh with: {REFRESH_COMMAND}", pytrace=False)


@pytest.mark.parametrize(("case", "document"), DOCUMENTS, ids=lambda value: getattr(value, "name", value))
def test_document_matches_its_golden_text(case: Case, document: str):
    texts = rendered(case)
    if document not in texts:
        pytest.fail(f"{case.name}: `docgen build` no longer produces {document}; if intended, "
                    f"refresh with: {REFRESH_COMMAND}", pytrace=False)
    if message := difference(case, document, texts[document]):
        pytest.fail(message, pytrace=False)
