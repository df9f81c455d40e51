"""Rewrite the golden files after an intended change: `python -m tests.golden.refresh [CASE...]`.

Run it from the repository root (`make golden` does), then review `git diff tests/golden`:
that diff is the change the readers of every document will see.
"""

from __future__ import annotations

import sys

from tests.golden.cases import Case, GoldenError, find_cases, refresh


def main(names: list[str]) -> int:
    """Refresh the named cases (all when none); 0 done, 1 a case failed, 2 unknown name."""
    cases = find_cases()
    unknown = sorted(set(names) - {case.name for case in cases})
    if unknown:
        known = ", ".join(case.name for case in cases)
        print(f"unknown golden case(s): {', '.join(unknown)} (known: {known})", file=sys.stderr)
        return 2
    try:
        for case in cases:
            if not names or case.name in names:
                _report(case, refresh(case))
    except GoldenError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _report(case: Case, changes: list[str]) -> None:
    print(f"{case.name}: {len(changes) or 'no'} change(s)")
    for change in changes:
        print(f"  {change}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
