"""Edits on a tree without the untouched items of long lists give the same file."""

from __future__ import annotations

from pathlib import Path

from docgen.synthetic import write_synthetic_project
from docgen.yaml.edit import AppendItem, DeleteItem, SetValue, apply_edits
from docgen.yaml.read import _Loader, _parse_located, parse_yaml
from docgen.yaml.sparse import APPEND, sparse_tree
from docgen.yaml.read import _compose


def _edits(count: int) -> list:
    return [
        SetValue(("requirements", 3, "status"), "done"),
        SetValue(("requirements", count // 2, "title"), "A new title: with a colon"),
        SetValue(("requirements", count - 1, "due"), "2027-06-30"),
        DeleteItem(("requirements", 7)),
        AppendItem(("requirements",), {"id": "REQ-NEW", "title": "Added", "side": "customer"}),
    ]


def _tree(text: str, paths: list[tuple]):
    loader = _Loader("")
    try:
        return sparse_tree(text, parse_yaml(text, "p.yaml").data, paths, _compose, loader)
    finally:
        loader.dispose()


def test_edits_on_the_sparse_tree_write_the_same_text(tmp_path: Path) -> None:
    text = write_synthetic_project(tmp_path / "p.yaml", requirements=400).read_text(encoding="utf-8")
    edits = _edits(400)
    fast = parse_yaml(text, "p.yaml")
    assert fast._node is None
    sparse = apply_edits(text, edits, fast, "p.yaml")
    assert fast._node is None  # the whole tree was never composed
    whole = apply_edits(text, edits, _parse_located(text, "p.yaml"), "p.yaml")
    assert sparse == whole != text


def test_the_sparse_tree_has_every_item_and_the_touched_ones_whole(tmp_path: Path) -> None:
    text = write_synthetic_project(tmp_path / "p.yaml", requirements=300).read_text(encoding="utf-8")
    root = _tree(text, [("requirements", 5, "status"), ("requirements", APPEND)])
    full = _compose(text)
    assert root is not None
    sparse_items = dict((k.value, v) for k, v in root.value)["requirements"].value
    full_items = dict((k.value, v) for k, v in full.value)["requirements"].value
    assert len(sparse_items) == len(full_items) == 300
    for index in (5, 299):  # the touched one and the last: at the same places as in the file
        assert sparse_items[index].start_mark.index == full_items[index].start_mark.index
        assert sparse_items[index].end_mark.index == full_items[index].end_mark.index
    assert sparse_items[6].value == "0"  # a placeholder


def test_an_unusual_layout_or_a_short_list_gets_no_sparse_tree(tmp_path: Path) -> None:
    text = write_synthetic_project(tmp_path / "p.yaml", requirements=300).read_text(encoding="utf-8")
    assert _tree(text.replace("\nrequirements:", '\n"requirements":'), [("requirements", 5)]) is None
    dash_alone = text.replace("\n- id: REQ-00010\n", "\n-\n  id: REQ-00010\n", 1)
    assert dash_alone != text and _tree(dash_alone, [("requirements", 5)]) is None
    assert _tree(text, [("requirements",)]) is None  # the whole list changes
    assert _tree(text, [("requirements", 300, "status")]) is None  # no such item
    small = write_synthetic_project(tmp_path / "s.yaml", requirements=20).read_text(encoding="utf-8")
    assert _tree(small, [("requirements", 5)]) is None
