"""The direct construction gives exactly what PyYAML's constructor gives."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from docgen.yaml.read import _Loader
from docgen.synthetic import write_synthetic_project
from docgen.yaml.construct import construct

CASES = [
    "a: 1\nb: -0x1F\nc: 0o17\nd: 0777\ne: 1_000\nf: 0b101\ng: +12\n",
    "a: 1.5\nb: .inf\nc: -.INF\nd: 1e3\ne: 1.0e+3\nf: 6.8523015e+5\ng: .5\n",
    "a: true\nb: False\nc: yes\nd: no\ne: on\nf: ~\ng: null\nh:\ni: ''\n",
    "a: 2026-03-02\nb: 2026-02-30\nc: 2026-03-02T10:00:00Z\nd: '2026-03-02'\ne: 10:00\n",
    "x: &anchor {k: [1, 2]}\ny: *anchor\nz: [*anchor, *anchor]\n",
    "base: &b {a: 1}\nderived:\n  <<: *b\n  c: 2\n",
    "? [1, 2]\n: list key\n",
    "a: !!str 12\nb: !!binary aGVsbG8=\nc: !!set {x, y}\n",
    "1: one\n'1': one again\n",
    "a: 1\na: 2\n",
    "- plain\n- 'single'\n- \"double\\tescape\"\n- |\n  literal\n  block\n- >\n  folded\n  text\n",
    "{a: [b, {c: d}], e: {}}\n",
]


def outcome(loader: _Loader, build) -> object:
    """The data, or the error PyYAML reports, as text (an error must be the same too)."""
    try:
        return build(loader, loader.get_single_node())
    except yaml.YAMLError as error:
        return f"{type(error).__name__}: {error}"
    finally:
        loader.dispose()


def both(text: str):
    fast, slow = _Loader(text), _Loader(text)
    result = outcome(fast, construct)
    expected = outcome(slow, _Loader.construct_document)
    return result, expected, fast.duplicate_keys, slow.duplicate_keys


@pytest.mark.parametrize("text", CASES)
def test_same_data_as_pyyaml(text: str) -> None:
    result, expected, fast_dupes, slow_dupes = both(text)
    assert result == expected and type(result) is type(expected)
    assert [n.value for n in fast_dupes] == [n.value for n in slow_dupes]


def test_aliases_share_one_object_as_in_pyyaml() -> None:
    result, expected, _, _ = both(CASES[4])
    assert result["x"] is result["y"] and expected["x"] is expected["y"]


def test_a_synthetic_project_loads_identically(tmp_path) -> None:
    text = write_synthetic_project(tmp_path / "project.yaml", requirements=300).read_text(encoding="utf-8")
    result, expected, _, _ = both(text)
    assert result == expected
    assert any(isinstance(r.get("due"), dt.date) for r in result["requirements"])
