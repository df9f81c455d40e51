"""The compiled parser's path gives exactly the located reader's data, or declines.

`docgen.yaml.fast.fast_data` may only answer for text it reads as the located reader
(`docgen.yaml.read._parse_located`) does; everywhere the two could differ it must step
aside, so that the located reader gives the data or its exact, located error.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.errors import YamlError
from docgen.synthetic import write_synthetic_project
from docgen.yaml import fast
from docgen.yaml.read import _Loader, _parse_located, parse_yaml

ROOT = Path(__file__).resolve().parent.parent


def located(text: str) -> object:
    """The located reader's data, or its first problem as text."""
    try:
        return _parse_located(text, "t.yaml").data
    except YamlError as error:
        return f"error: {error.problems[0]}"


def check(text: str) -> bool:
    """Assert the fast path agrees with the located reader when it answers; say whether it did."""
    done, data = fast.fast_data(text, _Loader)
    if done:
        expected = located(text)
        assert not (isinstance(expected, str) and expected.startswith("error: ")), (text, expected)
        assert repr(data) == repr(expected) and _types(data) == _types(expected), text
    return done


def _types(value: object) -> object:
    """The structure with every scalar's type, so 1 == 1.0 == True cannot hide a difference."""
    if isinstance(value, dict):
        return {(type(k).__name__, k): _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__


# Text the fast path must leave to the located reader: each differs in typing, or is a
# feature only the located reader handles or reports.
DECLINED = [
    "a: 0777\n", "a: 09\n", "a: -0777\n", "a: 0o17\n", "a: 0O17\n", "a: 0X1F\n", "a: 0B101\n", "a: 0_7\n",
    "a: 1e5\n", "a: 1.0e5\n", "a: 1E5\n", "a: 1.0e+1_0\n", "a: -.5\n", "a: +.5\n", "a: .iNf\n", "a: _1\n",
    "a: [1, 0777]\n", "{a: 0777}\n", "- 0777\n", "0777: a\n", "a: 0777 # octal\n",
    "a: '2026-01-05'\n", 'a: "2026-01-05"\n', "a: \"\\x32026-01-05\"\n", "a: |-\n  2026-01-05\n",
    "a: >-\n  2026-01-05\n", "a: '\n  2026-01-05'\n", "'2026-01-05': x\n",
    "x: &a 1\ny: *a\n", "a: !!str 5\n", "a: !foo x\n", "base: {a: 1}\nd:\n  <<: {b: 2}\n",
    "? a\n: b\n", "a: =\n", "%YAML 1.2\n---\na: 1\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n",
    "a: 1\r\nb: 2\r\n", "a:\tb\n", "a: x\x07y\n", "a: x\x7fy\n", "a: x\x85y\n", "a: x\u2028y\n",
    "a: 'x\ufeffy'\n", "a: x\ufffey\n", "- a\n", "k: [http://x]\n", "k:\n  [a:b]\n", "k:\n# x: |\n  [a:b]\n", "just text\n",
    "k: [a, [b]]\n", "k: {a: {b: c}}\n", "k: [a\n  , b]\n", "k: ['it''s']\n", 'k: ["a\\tb"]\n',
]

# Ordinary project text the fast path must take (else it would never pay off).
TAKEN = [
    "a: 1\nb: -12\nc: 0\nd: 0x1F\ne: 1_000\nf: 0b101\ng: +12\nh: 12345678901234567890123\n",
    "a: 1.5\nb: .inf\nc: -.INF\nd: 1.0e+3\ne: 6.8523015e+5\nf: 5.\ng: 1_000.5\nh: .5e+3\ni: .NaN\n",
    "a: true\nb: False\nc: yes\nd: no\ne: on\nf: ~\ng: null\nh:\ni: ''\nj: TRUE\nk: Null\n",
    "a: 2026-03-02\nb: 2026-02-30\nc: 2026-03-02T10:00:00Z\nd: 2026-03-02 10:00:00\ne: 10:00\nf: 09:30\n",
    "2026-03-02: date key\nplain: value\n",
    "k:\n- plain\n- 'single'\n- \"double\\tescape\"\n- |\n  literal\n  block\n- >\n  folded\n  text\n",
    "a: [b, 'c d', \"e\"]\nf: {g: 1, 'h': 2026-01-05}\ni: []  # none\nj:\n  - {k: l}\n",
    "a: |\n  See\n  [the design](https://example.com/a:b) and\n    [this]: too\nb: 1\n", "a: Q&A with R&D, 5 % off!\nb: why? because\nc: a = b\n",
    "text: 'It''s **bold** and *em*'\nmore: \"a \\\"quote\\\"\"\nprice: 12,000 EUR\n",
    "---\na: 1\n", "a: 'multi\n  line'\nb: plain\n  continued\n", "a: |+\n  kept\n\nb: >2\n   indented\n",
    "a: Göttingen\nb: ärger ✓\n",
]

# Invalid text: the fast path must decline, so the located reader reports it.
INVALID = [
    "a: 1\na: 2\n", "a:\n  b: 1\n  b: 2\n", "1: one\n'1': again\n", "true: x\n'true': y\n",
    "a: b: c\n", "a: @x\n", "a: *x\n", "k: [|]\n", "k: [:0]\n", "k: {?*}\n", "a:\n  - x\n  y: 1\n", "a: [1, 2\n", "k" * 1100 + ": 1\n",
]


@pytest.mark.parametrize("text", DECLINED)
def test_declines_what_the_typings_or_features_read_otherwise(text: str) -> None:
    assert not check(text)


@pytest.mark.parametrize("text", TAKEN)
def test_takes_ordinary_text_with_the_same_data(text: str) -> None:
    assert check(text)


@pytest.mark.parametrize("text", INVALID)
def test_leaves_every_error_to_the_located_reader(text: str) -> None:
    assert not check(text)
    with pytest.raises(YamlError):
        parse_yaml(text, "t.yaml")


def test_the_shipped_and_the_synthetic_projects_take_the_fast_path(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*/project.yaml"))]
    texts.append(write_synthetic_project(tmp_path / "p.yaml", requirements=300).read_text(encoding="utf-8"))
    assert texts
    for text in texts:
        assert check(text)


def test_the_node_tree_is_composed_only_when_asked_for() -> None:
    text = "a: 1\nb:\n  c: 2026-01-05\n"
    parsed = parse_yaml(text, "t.yaml")
    assert parsed.data == {"a": 1, "b": {"c": dt.date(2026, 1, 5)}}
    assert parsed._node is None  # nothing composed yet
    node = parsed.node
    assert node is not None and node.value[1][1].value[0][1].start_mark.line == 2
    assert parsed.node is node


_PLAIN = st.text(alphabet="0123456789+-._eExXoObBaf:TZ ", min_size=1, max_size=12)


@settings(max_examples=400, deadline=None)
@given(token=_PLAIN, quote=st.sampled_from(["", "'", '"']), as_key=st.booleans())
def test_any_number_or_date_like_scalar_is_read_alike_or_declined(token: str, quote: str, as_key: bool) -> None:
    scalar = f"{quote}{token}{quote}"
    check(f"{scalar}: v\n" if as_key else f"k: {scalar}\nl: [{scalar}]\n")


# Indicators, quotes, digits and structure: what found every difference so far.
_PIECES = st.sampled_from([*"ab01:,-?#'\" []{}.&*!|>@`%=~\\", "\n", "\n  ", "\n- ", "- ", ": ", ", "])
_FORMS = ["k: {}\n", "k:\n  {}\n", "{}: v\nz: 1\n", "k:\n  - {}\n  - x\n", "k: [{}]\n", "k: {{a: {}, b: c}}\n"]


@settings(max_examples=400, deadline=None)
@given(body=st.lists(_PIECES, min_size=1, max_size=10).map("".join), form=st.sampled_from(_FORMS))
def test_any_structure_is_read_alike_or_declined(body: str, form: str) -> None:
    check(form.format(body))


@pytest.mark.parametrize("text", [
    "a: 1\n# in a comment: {{ extra.order_no }} and [x, {y}]\nb: two\n",
    "a: |\n  # {{ text }} in a block scalar\nb: 2\n",
    "a: 'quoted\n  # [x, {y}] inside'\n",
])
def test_brackets_on_a_comment_line_leave_the_fast_path_open(text: str) -> None:
    assert check(text)


@pytest.mark.parametrize("token", ["0.E0", "1.e5", "-2.E3", "+0.e1"])
def test_an_exponent_right_after_the_point_is_declined(token: str) -> None:
    """Found by the property test on CI: yaml_rs reads 0.E0 as a float, the located reader as text."""
    assert not check(f"k: {token}\nl: [{token}]\n")
