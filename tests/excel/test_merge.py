"""The three-way merge: one side changed, both alike, both differently; rows missing and orphaned."""

from __future__ import annotations

import pytest

from docgen.excel.merge import MergeResult, SheetRow, merge_rows, merge_value, same

BASE = {"k1": {"status": "open", "due": "2026-04-15", "verified": False},
        "k2": {"status": "done", "due": None, "verified": True}}
IDS = {"k1": "REQ-001", "k2": "REQ-002"}


def row(key: str, **values) -> SheetRow:
    merged = {**BASE[key], **values}
    cells = {name: f"Checklist!{letter}{2 if key == 'k1' else 3}" for name, letter in
             (("status", "I"), ("due", "H"), ("verified", "J"))}
    return SheetRow(key, 2 if key == "k1" else 3, merged, cells)


def merge(rows, ours=None, **options) -> MergeResult:
    return merge_rows(BASE, BASE if ours is None else ours, rows, IDS, **options)


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "outcome"),
    [
        ("open", "open", "open", "keep"),
        ("open", "done", "open", "keep"),  # only ours changed: keep ours
        ("open", "open", "done", "theirs"),  # only theirs changed: take it
        ("open", "done", "done", "agreed"),
        ("open", "done", "blocked", "conflict"),
        (None, None, "2026-01-01", "theirs"),
        ("2026-01-01", "2026-01-01", None, "theirs"),  # a cleared cell is a change
        (False, False, 0, "theirs"),  # 0 is not False
        (True, 1, True, "keep"),
    ],
)
def test_merge_value(base, ours, theirs, outcome) -> None:
    assert merge_value(base, ours, theirs) == outcome


def test_same_compares_types() -> None:
    assert same([1, "a"], [1, "a"]) and not same(1, True) and not same(1, 1.0) and not same(["a"], ["a", "b"])


def test_an_unedited_sheet_changes_nothing() -> None:
    result = merge([row("k1"), row("k2")])
    assert result == MergeResult()


def test_only_the_sheet_changed_takes_the_sheet() -> None:
    result = merge([row("k1", status="done", due=None), row("k2")])
    assert [(u.item_id, u.field, u.theirs, u.where) for u in result.updates] == [
        ("REQ-001", "status", "done", "Checklist!I2"), ("REQ-001", "due", None, "Checklist!H2")]
    assert not result.conflicts


def test_only_the_project_changed_keeps_the_project() -> None:
    ours = {"k1": {**BASE["k1"], "status": "blocked"}, "k2": BASE["k2"]}
    assert merge([row("k1"), row("k2")], ours) == MergeResult()


def test_both_changed_alike_is_fine() -> None:
    ours = {"k1": {**BASE["k1"], "status": "done"}, "k2": BASE["k2"]}
    result = merge([row("k1", status="done"), row("k2")], ours)
    assert result.agreed == [("REQ-001", "status")] and not result.updates and not result.conflicts


def test_both_changed_differently_is_a_conflict_with_all_three_values() -> None:
    ours = {"k1": {**BASE["k1"], "due": "2026-05-01"}, "k2": BASE["k2"]}
    result = merge([row("k1", due="2026-06-01"), row("k2")], ours)
    [conflict] = result.open_conflicts
    assert (conflict.item_id, conflict.field, conflict.where) == ("REQ-001", "due", "Checklist!H2")
    assert (conflict.base, conflict.ours, conflict.theirs) == ("2026-04-15", "2026-05-01", "2026-06-01")
    assert not result.updates


@pytest.mark.parametrize(("prefer", "updated"), [("theirs", ["2026-06-01"]), ("ours", [])])
def test_prefer_settles_conflicts(prefer, updated) -> None:
    ours = {"k1": {**BASE["k1"], "due": "2026-05-01"}, "k2": BASE["k2"]}
    result = merge([row("k1", due="2026-06-01", status="done"), row("k2")], ours, prefer=prefer)
    assert not result.open_conflicts and result.conflicts[0].settled == prefer
    assert [u.theirs for u in result.updates if u.field == "due"] == updated
    assert [u.theirs for u in result.updates if u.field == "status"] == ["done"]  # not a conflict


def test_prefer_must_be_theirs_or_ours() -> None:
    with pytest.raises(ValueError):
        merge([], prefer="mine")


def test_missing_rows_are_reported_and_deleted_only_when_accepted() -> None:
    assert [(m.item_id, m.delete) for m in merge([row("k1")]).missing] == [("REQ-002", False)]
    assert [(m.item_id, m.delete) for m in merge([row("k1")], accept_deletions=True).missing] == [
        ("REQ-002", True)]
    # A row missing from the sheet whose item also left project.yaml: nothing to delete.
    assert [m.delete for m in merge([row("k1")], {"k1": BASE["k1"]}, accept_deletions=True).missing] == [False]


def test_rows_of_items_removed_from_the_project() -> None:
    ours = {"k1": BASE["k1"]}
    assert merge([row("k1"), row("k2")], ours).orphans == ["REQ-002"]
    result = merge([row("k1"), row("k2", status="open")], ours)
    [conflict] = result.open_conflicts
    assert (conflict.item_id, conflict.removed, conflict.ours, conflict.where) == ("REQ-002", "ours", None, "Checklist!I3")
    assert merge([row("k1"), row("k2", status="open")], ours, prefer="theirs").restore == ["k2"]
    assert merge([row("k1"), row("k2", status="open")], ours, prefer="ours").restore == []


def test_fields_the_export_did_not_offer_are_ignored() -> None:
    sheet_row = SheetRow("k1", 2, {**BASE["k1"], "title": "changed"}, {})
    assert merge([sheet_row, row("k2")]) == MergeResult()


def test_accepting_a_deletion_of_an_item_changed_in_the_project_is_a_conflict() -> None:
    ours = {"k1": BASE["k1"], "k2": {**BASE["k2"], "status": "blocked"}}
    result = merge([row("k1")], ours, accept_deletions=True)
    [conflict] = result.open_conflicts
    assert (conflict.item_id, conflict.removed, conflict.ours["status"]) == ("REQ-002", "theirs", "blocked")
    assert [m.delete for m in result.missing] == [False]
    assert [m.delete for m in merge([row("k1")], ours, accept_deletions=True, prefer="theirs").missing] == [True]
    assert [m.delete for m in merge([row("k1")], ours, accept_deletions=True, prefer="ours").missing] == [False]
