"""In-place edits of YAML text: only the changed values change, the result reads back exactly."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.yaml import emit as yaml_emit, verify as yaml_verify
from docgen.loader import parse_yaml
from docgen.yaml.edit import AppendItem, DeleteItem, DeleteKey, SetValue, YamlEditError, apply_edits

DOC = """\
# Project file: comments, quoting and blank lines must survive.
schema_version: 1

project:
  id: demo   # the id
  title: "Demo project"
  start: 2026-03-02

requirements:
  # --- Initialization ---
  - id: REQ-001
    title: Provide RFQ documents   # from the customer
    side: customer
    responsible: mjanssen
    due: 2026-03-13
    status: done
    verified: true
    notes: |
      First line.
      Second line.

  # --- Implementation ---
  - id: REQ-002
    title: 'Grant VPN access'
    side: customer
    responsible: ooltmanns
    description: >-
      Folded text
      over two lines.
    status: open
tags: [a, b]
flow: {x: 1, y: two}
tests:
  internal:
  - id: IT-01
    area: Load balancing
    title: Spread
    steps:
      - Start sessions.
      - Read statistics.
"""


def data(text: str):
    return parse_yaml(text, "t.yaml").data


def changed_lines(old: str, new: str) -> list[str]:
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), n=0, lineterm="")
    return [line for line in diff if line[:1] in "-+" and line[:3] not in ("---", "+++")]


def edit(text: str, *edits) -> str:
    return apply_edits(text, list(edits))


# --- replacing scalars ---------------------------------------------------------------


def test_no_edits_return_the_text_unchanged() -> None:
    assert apply_edits(DOC, []) is DOC


@pytest.mark.parametrize(
    ("path", "value", "line"),
    [
        (("project", "id"), "other", "  id: other   # the id"),
        (("project", "title"), "New title", '  title: "New title"'),
        (("requirements", 1, "title"), "It's done", "    title: 'It''s done'"),
        (("requirements", 0, "title"), "Plain text", "    title: Plain text   # from the customer"),
        (("requirements", 0, "due"), dt.date(2026, 4, 15), "    due: 2026-04-15"),
        (("requirements", 0, "verified"), False, "    verified: false"),
        (("project", "start"), None, "  start: null"),
        (("flow", "y"), "a, b", 'flow: {x: 1, y: \'a, b\'}'),
        (("tags", 1), "c", "tags: [a, c]"),
    ],
)
def test_a_scalar_is_replaced_in_its_style(path, value, line) -> None:
    new = edit(DOC, SetValue(path, value))
    assert line in new.splitlines()
    assert len(changed_lines(DOC, new)) == 2


@pytest.mark.parametrize(
    "value",
    ["yes", "No", "on", "true", "FALSE", "null", "~", "", "007", "1e3", "0x1F", "12:30", "2026-04-15",
     ".inf", "- item", "key: value", "text # not a comment", "@user", "`cmd`", "%x", "*star", "&amp",
     "!tag", "|pipe", ">gt", "[x]", "{y}", "=SUM(A1)", "+49 4921", "ends with colon:", " leading",
     "trailing ", "tab\there", "bell\x07", "nel\x85", "line\u2028sep", "bom\ufeff", "quote \" and ' both",
     "back\\slash", "Grüße ☃ 😀", "עברית العربية", "{{ jinja }}", "<b>&amp;</b>", "\u00a0nbsp"],
)
def test_strings_read_back_exactly(value: str) -> None:
    new = edit(DOC, SetValue(("requirements", 0, "title"), value))
    assert data(new)["requirements"][0]["title"] == value
    assert "# from the customer" in new


@pytest.mark.parametrize("value", ["a\nb", "a\nb\n", "a\n\nb", "x\n  indented\ny", "a\nb\n\n", " lead\nx", "a\r\nb"])
def test_multi_line_text(value: str) -> None:
    new = edit(DOC, SetValue(("requirements", 1, "title"), value), SetValue(("flow", "y"), value))
    assert data(new)["requirements"][1]["title"] == value
    assert data(new)["flow"]["y"] == value


def test_multi_line_text_becomes_a_literal_block_and_keeps_the_comment() -> None:
    new = edit(DOC, SetValue(("requirements", 0, "title"), "one\ntwo"))
    assert "    title: |-   # from the customer\n      one\n      two\n    side: customer" in new


def test_block_scalars_keep_their_style_and_blank_lines() -> None:
    new = edit(DOC, SetValue(("requirements", 0, "notes"), "Only one line."),
               SetValue(("requirements", 1, "description"), "Short."))
    assert "    notes: |-\n      Only one line.\n\n  # --- Implementation ---" in new
    assert "    description: >-\n      Short.\n    status: open" in new


def test_a_block_scalar_becomes_inline_when_it_must() -> None:
    new = edit(DOC, SetValue(("requirements", 0, "notes"), " leading space"))
    assert data(new)["requirements"][0]["notes"] == " leading space"


def test_an_empty_value_is_filled_in_after_the_colon() -> None:
    text = "a:\nb:   # comment\nc: 1\n"
    new = edit(text, SetValue(("a",), "x"), SetValue(("b",), dt.date(2026, 1, 2)))
    assert new == "a: x\nb: 2026-01-02   # comment\nc: 1\n"


def test_a_multi_line_value_replacing_an_empty_one_moves_the_comment_to_the_header() -> None:
    new = edit("a:   # note\nb: 1\n", SetValue(("a",), "x\ny"))
    assert new == "a: |-   # note\n  x\n  y\nb: 1\n"


def test_enums_and_tuples_are_written_as_plain_values() -> None:
    import enum

    class Colour(str, enum.Enum):
        red = "red"

    new = edit(DOC, SetValue(("requirements", 0, "status"), Colour.red), SetValue(("tags",), ("x", "y")))
    assert data(new)["requirements"][0]["status"] == "red"
    assert "tags: [x, y]" in new


# --- adding and removing keys ----------------------------------------------------------


def test_a_new_key_goes_after_its_predecessor_in_the_preferred_order() -> None:
    order = ("id", "title", "side", "responsible", "due", "status", "verified", "notes")
    new = edit(DOC, SetValue(("requirements", 1, "due"), dt.date(2026, 5, 1), order=order))
    assert "    responsible: ooltmanns\n    due: 2026-05-01\n    description: >-" in new


def test_a_new_key_without_an_order_goes_last_with_the_siblings_indentation() -> None:
    new = edit(DOC, SetValue(("project", "end"), dt.date(2027, 3, 31)))
    assert "  start: 2026-03-02\n  end: 2027-03-31\n\nrequirements:" in new


def test_keys_are_added_to_flow_mappings_and_missing_parents_are_created() -> None:
    new = edit(DOC, SetValue(("flow", "z"), "new"), SetValue(("launch", "soft_launch", "percent"), 5))
    assert "flow: {x: 1, y: two, z: new}" in new
    assert new.endswith("      - Read statistics.\nlaunch:\n  soft_launch:\n    percent: 5\n")
    assert edit("a: {}\n", SetValue(("a", "k"), 1)) == "a: {k: 1}\n"


def test_a_null_parent_becomes_a_mapping() -> None:
    assert edit("a: null  # later\nb: 1\n", SetValue(("a", "k"), "v")) == "a:  # later\n  k: v\nb: 1\n"


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        ("a: 1\nb: 2  # c\nc: 3\n", ("b",), "a: 1\nc: 3\n"),
        ("a: 1\nb: 2", ("b",), "a: 1"),
        ("a: 1\nb: |\n  x\n  y\n\nc: 3\n", ("b",), "a: 1\n\nc: 3\n"),
        ("l:\n  - k: 1\n    m: 2\n", ("l", 0, "k"), "l:\n  - m: 2\n"),
        ("l:\n  - k: 1\n", ("l", 0, "k"), "l:\n  - {}\n"),
        ("f: {a: 1, b: 2, c: 3}\n", ("f", "b"), "f: {a: 1, c: 3}\n"),
        ("f: {a: 1, b: 2}\n", ("f", "b"), "f: {a: 1}\n"),
        ("a: 1\n", ("missing",), "a: 1\n"),
    ],
)
def test_removing_a_key(text: str, path, expected: str) -> None:
    assert edit(text, DeleteKey(path)) == expected


# --- lists ------------------------------------------------------------------------------


def test_appending_an_item_matches_the_siblings() -> None:
    item = {"id": "REQ-003", "title": "New: thing", "side": "vendor", "responsible": "kyilmaz",
            "due": dt.date(2026, 6, 1), "verified": False}
    new = edit(DOC, AppendItem(("requirements",), item))
    assert ("    status: open\n  - id: REQ-003\n    title: 'New: thing'\n    side: vendor\n"
            "    responsible: kyilmaz\n    due: 2026-06-01\n    verified: false\ntags:") in new
    assert data(new)["requirements"][2] == item


def test_appending_to_an_indentless_list_and_to_nested_lists() -> None:
    new = edit(DOC, AppendItem(("tests", "internal"), {"id": "IT-02", "area": "DB", "title": "Sync",
                                                       "steps": ["One", "Two"]}),
               AppendItem(("tests", "internal", 0, "steps"), "Compare."))
    assert new.endswith("      - Read statistics.\n      - Compare.\n  - id: IT-02\n    area: DB\n"
                        "    title: Sync\n    steps:\n      - One\n      - Two\n")


def test_appending_creates_or_fills_the_list() -> None:
    assert edit("a: []\n", AppendItem(("a",), {"k": 1})) == "a:\n  - k: 1\n"
    assert edit("a:\nb: 1\n", AppendItem(("a",), "x")) == "a:\n  - x\nb: 1\n"
    assert edit("b: 1\n", AppendItem(("t", "c"), {"k": 1}), AppendItem(("t", "c"), {"k": 2})) == (
        "b: 1\nt:\n  c:\n    - k: 1\n    - k: 2\n")
    assert edit("a: [1, 2]\n", AppendItem(("a",), 3), AppendItem(("a",), "x y")) == "a: [1, 2, 3, x y]\n"


def test_appending_at_the_end_of_a_file_without_a_final_newline() -> None:
    assert edit("a:\n  - 1", AppendItem(("a",), 2)) == "a:\n  - 1\n  - 2"


def test_removing_items() -> None:
    text = "l:\n  - id: a  # first\n    x: 1\n  # about b\n  - id: b\n  - id: c\nm: 1\n"
    assert edit(text, DeleteItem(("l", 1))) == "l:\n  - id: a  # first\n    x: 1\n  # about b\n  - id: c\nm: 1\n"
    assert edit(text, DeleteItem(("l", 0)), DeleteItem(("l", 2))) == "l:\n  # about b\n  - id: b\nm: 1\n"
    assert edit(text, *(DeleteItem(("l", i)) for i in range(3))) == "l: []\nm: 1\n"
    assert edit(text, DeleteItem(("l", 2)), AppendItem(("l",), {"id": "d"})) == (
        "l:\n  - id: a  # first\n    x: 1\n  # about b\n  - id: b\n  - id: d\nm: 1\n")
    assert edit("f: [1, 2, 3]\n", DeleteItem(("f", 1))) == "f: [1, 3]\n"


# --- whole-file properties ----------------------------------------------------------------


def test_crlf_line_endings_are_kept() -> None:
    text = DOC.replace("\n", "\r\n")
    new = edit(text, SetValue(("requirements", 0, "notes"), "a\nb"), SetValue(("project", "end"), dt.date(2027, 1, 1)),
               AppendItem(("requirements",), {"id": "R3", "title": "t"}))
    assert "\n" not in new.replace("\r\n", "")
    assert data(new)["requirements"][0]["notes"] == "a\nb"


def test_anchors_are_refused_with_a_clear_message() -> None:
    with pytest.raises(YamlEditError, match="anchor or alias"):
        edit("a: &x 1\nb: *x\n", SetValue(("b",), 2))


def test_two_edits_of_one_value_are_refused() -> None:
    with pytest.raises(YamlEditError, match="same value"):
        edit(DOC, SetValue(("project", "id"), "a"), DeleteKey(("project", "id")))
    with pytest.raises(YamlEditError, match="edited and removed"):
        edit(DOC, SetValue(("requirements", 0, "id"), "a"), DeleteItem(("requirements", 0)))


def test_a_wrong_splice_is_caught_before_anything_is_returned(monkeypatch) -> None:
    monkeypatch.setattr(yaml_emit, "inline", lambda value, style=None, flow=False: "1")
    with pytest.raises(YamlEditError, match="would not read back"):
        edit(DOC, SetValue(("requirements", 0, "verified"), True))


def test_the_input_data_is_not_modified() -> None:
    parsed = parse_yaml(DOC, "t")
    before = repr(parsed.data)
    apply_edits(DOC, [SetValue(("requirements", 0, "title"), "x"), DeleteItem(("requirements", 1)),
                      AppendItem(("requirements",), {"id": "n"})], parsed=parsed)
    assert repr(parsed.data) == before


# --- large files: the local re-check ---------------------------------------------------------


def big_document(count: int) -> str:
    lines = ["schema_version: 1", "requirements:"]
    for i in range(count):
        lines += [f"  - id: REQ-{i:05d}", f"    title: Requirement {i}", "    side: vendor",
                  "    responsible: kyilmaz", "    due: 2026-05-15", "    status: open", "    verified: false"]
    return "\n".join(lines) + "\n"


def test_large_files_are_checked_item_by_item(monkeypatch) -> None:
    monkeypatch.setattr(yaml_verify, "FULL_CHECK_MAX_CHARS", 0)
    checked = []
    monkeypatch.setattr(yaml_verify, "_full_check", lambda *a: checked.append(a) or "")
    new = edit(DOC, SetValue(("requirements", 1, "title"), "x\ny"), DeleteItem(("requirements", 0)),
               AppendItem(("requirements",), {"id": "R", "title": "t"}))
    assert not checked
    assert data(new)["requirements"] == [
        {**data(DOC)["requirements"][1], "title": "x\ny"}, {"id": "R", "title": "t"}]


def test_the_local_re_check_catches_a_wrong_splice(monkeypatch) -> None:
    monkeypatch.setattr(yaml_verify, "FULL_CHECK_MAX_CHARS", 0)
    monkeypatch.setattr(yaml_emit, "inline", lambda value, style=None, flow=False: "wrong")
    with pytest.raises(YamlEditError, match="requirements\\[0\\]"):
        edit(DOC, SetValue(("requirements", 0, "title"), "right"))


def test_a_thousand_edits_of_ten_thousand_items_take_well_under_a_second() -> None:
    text = big_document(10_000)
    parsed = parse_yaml(text, "big.yaml")
    edits = [SetValue(("requirements", i, "status"), "done") for i in range(0, 10_000, 10)]
    edits += [AppendItem(("requirements",), {"id": f"NEW-{i}", "title": "n"}) for i in range(50)]
    edits += [DeleteItem(("requirements", 5)), DeleteKey(("requirements", 7, "due"))]
    timings = []
    for _ in range(2):  # the best of two: shared CI machines are noisy
        started = time.perf_counter()
        new = apply_edits(text, edits, parsed=parsed)
        timings.append(time.perf_counter() - started)
    elapsed = min(timings)
    old_lines, new_lines = Counter(text.splitlines()), Counter(new.splitlines())
    assert sum(((old_lines - new_lines) + (new_lines - old_lines)).values()) == 2 * 1000 + 50 * 2 + 7 + 1
    assert elapsed < 1.5, f"took {elapsed:.2f} s"  # about 0.4 s on a slow, busy 2-core VM


# --- randomised round trips ------------------------------------------------------------------

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
scalars = st.one_of(texts, st.booleans(), st.none(), st.integers(-10**6, 10**6),
                    st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)))
SET_PATHS = [("project", "id"), ("project", "title"), ("project", "start"), ("requirements", 0, "title"),
             ("requirements", 0, "notes"), ("requirements", 1, "description"), ("requirements", 1, "due"),
             ("tags", 0), ("flow", "y"), ("flow", "new"), ("tests", "internal", 0, "steps", 1), ("new", "key")]
DELETE_PATHS = [("project", "start"), ("requirements", 0, "due"), ("requirements", 1, "status"),
                ("requirements", 0, "notes"), ("flow", "x")]


def touched_lines(text: str, edits) -> set[int]:
    """Old line numbers that the edits may change: the lines of the edited keys and values."""
    node = parse_yaml(text, "t").node
    lines: set[int] = set()
    for each in edits:
        found, key = _node_at(node, each.path)
        if found is None:  # a new key: only a flow mapping's own line changes
            found, key = _node_at(node, each.path[:-1])
            if found is None or not getattr(found, "flow_style", False):
                continue
        first = (key or found).start_mark.line
        lines.update(range(first, found.end_mark.line + 1))
    return lines


def _node_at(node, path):
    key = None
    for part in path:
        if hasattr(node, "flow_style") and isinstance(node.value, list) and isinstance(part, int):
            if part >= len(node.value):
                return None, None
            node, key = node.value[part], None
        elif isinstance(getattr(node, "value", None), list):
            pair = next(((k, v) for k, v in node.value if getattr(k, "value", None) == part), None)
            if pair is None:
                return None, None
            key, node = pair
        else:
            return None, None
    return node, key


@settings(max_examples=int(os.environ.get("DOCGEN_FUZZ_EXAMPLES", "300")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SET_PATHS), scalars), max_size=6, unique_by=lambda e: e[0]),
       st.lists(st.sampled_from(DELETE_PATHS), max_size=2, unique=True),
       st.lists(st.fixed_dictionaries({"id": texts, "title": scalars}), max_size=2),
       st.booleans(), st.booleans())
def test_random_edits_read_back_and_touch_only_their_lines(sets, deletes, items, crlf, local_check) -> None:
    text = DOC.replace("\n", "\r\n") if crlf else DOC
    edits = [SetValue(path, value) for path, value in sets]
    edits += [DeleteKey(path) for path in deletes if path not in dict(sets)]
    edits += [AppendItem(("requirements",), item) for item in items]
    saved = yaml_verify.FULL_CHECK_MAX_CHARS
    yaml_verify.FULL_CHECK_MAX_CHARS = 0 if local_check else saved
    try:
        new = apply_edits(text, edits)
    finally:
        yaml_verify.FULL_CHECK_MAX_CHARS = saved
    _, expected = yaml_verify.expected_data(data(text), edits)
    assert data(new) == expected
    old_lines, new_lines = text.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    changed = {i for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("replace", "delete") for i in range(i1, i2)}
    allowed = touched_lines(text, edits)
    # Removing a key may also remove the blank line that ended a block scalar.
    allowed |= {i + 1 for i in allowed if i + 1 < len(old_lines) and not old_lines[i + 1].strip()}
    assert changed <= allowed, [old_lines[i] for i in sorted(changed - allowed)]


def test_keep_chomping_blank_lines_stay_with_their_value() -> None:
    text = "l:\n  - id: a\n    n: |+\n      x\n\n\n  - id: b\nm: 1\n"
    assert edit(text, DeleteItem(("l", 1))) == "l:\n  - id: a\n    n: |+\n      x\n\n\nm: 1\n"
    assert data(edit(text, AppendItem(("l",), {"id": "c"})))["l"][0]["n"] == "x\n\n\n"
    assert edit(text, SetValue(("l", 0, "n"), "new")) == "l:\n  - id: a\n    n: |-\n      new\n  - id: b\nm: 1\n"


SAMPLE_TEXT = (Path(__file__).resolve().parent.parent / "samples" / "mail-migration" / "project.yaml").read_text(
    encoding="utf-8")
SAMPLE_PARSED = parse_yaml(SAMPLE_TEXT, "project.yaml")
REQUIREMENT_FIELDS = ("title", "description", "phase", "side", "responsible", "due", "status", "verified",
                      "verified_on", "work_package", "notes", "customer_remarks")
requirement_edits = st.lists(st.tuples(st.integers(0, len(SAMPLE_PARSED.data["requirements"]) - 1),
                                       st.sampled_from(REQUIREMENT_FIELDS + ("DELETE-ITEM",)),
                                       st.one_of(st.just("DELETE-KEY"), scalars)), max_size=10)


@settings(max_examples=int(os.environ.get("DOCGEN_FUZZ_EXAMPLES", "100")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(requirement_edits, st.lists(st.fixed_dictionaries({"id": st.just("NEW-1"), "title": texts}), max_size=2),
       st.booleans())
def test_random_edits_of_the_sample_project(changes, items, local_check) -> None:
    edits, touched, dropped = [], set(), set()
    for index, name, value in changes:
        if index in dropped or (index, name) in touched or (name == "DELETE-ITEM" and any(
                i == index for i, _ in touched)):
            continue
        if name == "DELETE-ITEM":
            dropped.add(index)
            edits.append(DeleteItem(("requirements", index)))
        else:
            touched.add((index, name))
            path = ("requirements", index, name)
            edits.append(DeleteKey(path) if value == "DELETE-KEY" else SetValue(path, value, REQUIREMENT_FIELDS))
    edits += [AppendItem(("requirements",), item) for item in items]
    saved = yaml_verify.FULL_CHECK_MAX_CHARS
    yaml_verify.FULL_CHECK_MAX_CHARS = 0 if local_check else saved
    try:
        new = apply_edits(SAMPLE_TEXT, edits, SAMPLE_PARSED)
    finally:
        yaml_verify.FULL_CHECK_MAX_CHARS = saved
    assert data(new) == yaml_verify.expected_data(SAMPLE_PARSED.data, edits)[1]
