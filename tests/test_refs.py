"""Cross-references (`docgen.models.refs`) on every shape a model gives them: ids and
references as fields, optional, in lists, in mappings of models; places of problems."""

from __future__ import annotations

from typing import Annotated, Optional

from pydantic import BaseModel, Field

from docgen.models.base import Defines, Ref
from docgen.models.refs import find_reference_problems

Key = Annotated[str, Defines("key")]
KeyRef = Annotated[str, Ref("key")]


class Lock(BaseModel):
    id: Key
    opens: Optional[KeyRef] = None
    spares: list[KeyRef] = Field(default_factory=list)


class Door(BaseModel):
    locks: list[Lock] = Field(default_factory=list)
    master: KeyRef | None = None


class House(BaseModel):
    keys: list[Key] = Field(default_factory=list)
    doors: dict[str, Door] = Field(default_factory=dict)
    front: Door | None = None


def problems(data: dict) -> list[tuple[tuple, str, str]]:
    return [(p.loc, p.message, p.hint) for p in find_reference_problems(data, House)]


def test_a_consistent_house_has_no_problem() -> None:
    data = {"keys": ["a", "b"], "front": {"master": "c", "locks": [{"id": "c", "opens": "a", "spares": ["b"]}]},
            "doors": {"back": {"locks": [{"id": "d", "spares": ["a", "d"]}]}}}
    assert problems(data) == []


def test_every_shape_names_its_place() -> None:
    data = {"keys": ["a", "a"],  # a duplicate in a list of ids
            "doors": {"back": {"master": "zz", "locks": [{"id": "a", "opens": "b", "spares": ["a", "x"]}]}},
            "front": {"locks": [{"id": "f", "opens": None, "spares": [3]}]}}  # not text: the schema's problem
    assert problems(data) == [
        (("doors", "back", "locks", 0, "id"), "duplicate key id 'a'", "already used at keys[0]; ids must be unique"),
        (("doors", "back", "locks", 0, "opens"), "no key 'b'", "known key ids: a, f"),
        (("doors", "back", "locks", 0, "spares", 1), "no key 'x'", "known key ids: a, f"),
        (("doors", "back", "master"), "no key 'zz'", "known key ids: a, f"),
        (("keys", 1), "duplicate key id 'a'", "already used at keys[0]; ids must be unique"),
    ]


def test_a_reference_may_come_before_its_id_and_a_close_one_is_suggested() -> None:
    data = {"front": {"master": "lobby", "locks": []}, "doors": {"x": {"locks": [{"id": "lobby1"}]}}}
    assert problems(data) == [(("front", "master"), "no key 'lobby'", "did you mean 'lobby1'?")]
    assert problems({"front": {"master": "k"}}) == [(("front", "master"), "no key 'k'", "no key is defined yet")]
