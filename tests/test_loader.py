"""The loader: valid files load fast; every bad input gives located, actionable problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from docgen.errors import ProjectFileError
from docgen.loader import load_project, read_text
from docgen.yaml.read import MAX_EXPANDED_NODES

STARTER = Path(__file__).resolve().parent.parent / "docgen" / "starter.yaml"

MINIMAL = (Path(__file__).parent / "data" / "minimal.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "project.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    return [str(p) for p in caught.value.problems]


def test_minimal_file_loads(tmp_path):
    project = load_project(write(tmp_path, MINIMAL))
    assert project.project.start == dt.date(2026, 1, 5)
    assert project.person("jdoe").name == "John Doe"


def test_four_mistakes_give_four_located_errors(tmp_path):
    text = MINIMAL.replace("  title: Demo", "  titel: Demo").replace("2026-01-05", "2026-13-45")
    text += (
        "requirements:\n"
        "  - {id: R1, title: A, side: customer, responsible: jdoe}\n"
        "  - {id: R1, title: B, side: vendor, responsible: jdo}\n"
    )
    path = write(tmp_path, text)
    assert problems_of(path) == [
        f"{path}:4:3: project: unknown key 'titel' (did you mean 'title'?)",
        f"{path}:7:10: project.start: 2026-13-45 is not a date in the calendar (the month or day is out of range)",
        f"{path}:12:10: requirements[1].id: duplicate requirement id 'R1' "
        "(already used at requirements[0].id; ids must be unique)",
        f"{path}:12:51: requirements[1].responsible: no person 'jdo' (did you mean 'jdoe'?)",
    ]


def test_dangling_reference_lists_known_ids(tmp_path):
    text = MINIMAL + "meetings:\n  - id: m1\n    date: 2026-02-01\n    attendees: [zz-top]\n"
    (problem,) = problems_of(write(tmp_path, text))
    assert problem.endswith("meetings[0].attendees[0]: no person 'zz-top' (known person ids: jdoe)")
    assert ":13:17:" in problem


def test_missing_key_names_parent_and_key(tmp_path):
    (problem,) = problems_of(write(tmp_path, MINIMAL.replace("  title: Demo\n", "")))
    assert problem.endswith("project: missing required key 'title' (add 'title:' here)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("- a\n- b\n", "expected a mapping of keys"),
        ("just some words\n", "found plain text"),
        ("a: [1, 2\n", "not valid YAML"),
        ("project:\n\tid: x\n", "a tab character is not allowed here"),
        ("a: 1\na: 2\n", "duplicate key 'a'"),
        ("a: \x07\n", "the control character U+0007 is not allowed in YAML"),
    ],
)
def test_malformed_files_give_one_clear_error(tmp_path, text, expected):
    (problem,) = problems_of(write(tmp_path, text))
    assert expected in problem
    assert "Traceback" not in problem


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "project.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    (problem,) = problems_of(path)
    assert "not UTF-8 text" in problem


def test_missing_file(tmp_path):
    (problem,) = problems_of(tmp_path / "nope.yaml")
    assert problem.endswith("nope.yaml: no such file (check the path)")


def test_size_limit(tmp_path):
    path = write(tmp_path, MINIMAL)
    with pytest.raises(ProjectFileError, match="more than the limit of 10"):
        read_text(path, limit=10)


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    (problem,) = problems_of(write(tmp_path, "\n".join(lines) + "\n"))
    assert f"aliases expand to more than {MAX_EXPANDED_NODES:,} values" in problem


def test_harmless_anchors_are_fine(tmp_path):
    text = MINIMAL.replace("customer: {name: ACME}", "customer: &acme {name: ACME}")
    text = text.replace("vendor: {name: Us}", "vendor: *acme")
    assert load_project(write(tmp_path, text)).project.vendor.name == "ACME"


def test_yes_and_no_stay_text(tmp_path):
    text = MINIMAL.replace("title: Demo", "title: no")
    assert load_project(write(tmp_path, text)).project.title == "no"


def test_times_and_yaml11_words_stay_text(tmp_path):
    text = MINIMAL + "workshop:\n  start_time: 09:30\n  location: on\n  goals: [12, 1.50, 0x1F]\n"
    (problem, *rest) = problems_of(write(tmp_path, text))
    # 09:30 and "on" are text as written; only the numbers in goals are refused
    assert "workshop.goals[0]: expected text, found the number 12" in problem
    assert len(rest) == 2


def test_number_where_text_belongs_suggests_quotes(tmp_path):
    (problem,) = problems_of(write(tmp_path, MINIMAL.replace("title: Demo", "title: 1.10")))
    assert "expected text, found the number 1.1" in problem
    assert 'put it in quotes' in problem


def test_control_character_names_field(tmp_path):
    (problem,) = problems_of(write(tmp_path, MINIMAL.replace("title: Demo", 'title: "Bell \\a"')))
    assert "project.title: contains the control character U+0007" in problem


def test_invalid_calendar_date_is_a_located_error(tmp_path):
    (problem,) = problems_of(write(tmp_path, MINIMAL.replace("2026-01-05", "2026-02-30")))
    assert problem.endswith(":7:10: project.start: 2026-02-30 is not a date in the calendar (the month or day is out of range)")


def test_dates_in_order(tmp_path):
    text = MINIMAL.replace("start: 2026-01-05", "start: 2026-01-05\n  end: 2025-12-31")
    (problem,) = problems_of(write(tmp_path, text))
    assert "project: project end must not be before its start" in problem


def test_newer_schema_version_says_upgrade(tmp_path):
    (problem,) = problems_of(write(tmp_path, MINIMAL.replace("schema_version: 1", "schema_version: 2")))
    assert "unsupported schema_version 2" in problem and "newer docgen" in problem


def test_all_problems_reported_sorted_by_line(tmp_path):
    text = MINIMAL.replace("side: customer", "side: client").replace("name: ACME", "name: ACME, colour: red")
    problems = problems_of(write(tmp_path, text))
    assert len(problems) == 2
    assert "unknown key 'colour'" in problems[0]
    assert "people[0].side" in problems[1]


def test_starter_file_is_valid():
    assert load_project(STARTER).project.id == "new-project"


def test_a_malformed_date_names_the_form(tmp_path):
    (problem,) = problems_of(write(tmp_path, MINIMAL.replace("2026-01-05", "31.12.2026")))
    assert problem.endswith("project.start: expected a date as YYYY-MM-DD, for example 2026-04-15")


def test_messages_say_what_is_expected(tmp_path):
    text = (MINIMAL.replace("start: 2026-01-05", "start: 2026-01-05\n  language: fr")
            + "branding: {primary_color: blue}\nworkshop: {start_time: 9 am}\n"
            + "sow: {day_rate: 10.555, currency: euro}\n"
            + "technical_documentation:\n  test_accounts: [{login: x, credential: hunter2}]\n")
    found = [p.split(": ", 2)[-1] for p in problems_of(write(tmp_path, text))]
    assert found == [
        "'fr' is not allowed here (use 'en' or 'de')",
        "'blue' is not a colour (write it as #RRGGBB, e.g. #1F4E79)",
        "'9 am' is not a time of day (write it as HH:MM, e.g. 09:30)",
        "10.555 has too many decimal places (round it to 2 places)",
        "'euro' is not a currency code (use a three-letter ISO code such as EUR)",
        "not a reference to a stored secret (write where it is kept: vault:PATH, env:NAME or file:PATH; "
        "never the secret itself)",
    ]
    assert not any("hunter2" in p for p in problems_of(write(tmp_path, text)))


def test_control_character_in_yaml_is_located(tmp_path):
    (problem,) = problems_of(write(tmp_path, 'schema_version: 1\nproject:\n  title: "a\x07b"\n'))
    assert problem.endswith(":3:12: the control character U+0007 is not allowed in YAML "
                            '(remove it; write it as an escape such as "\\a" inside double quotes if it is really meant)')


@pytest.mark.parametrize("text", ["x: &x [*x]\n", "x: &x {a: 1, <<: *x}\n", "a: &a\n  b:\n    - c: *a\n"])
def test_an_alias_inside_its_own_anchor_is_refused_at_once(tmp_path, text):
    (problem,) = problems_of(write(tmp_path, text))
    assert ": an alias refers to a value that contains it" in problem
    assert problem.startswith(str(tmp_path / "project.yaml") + ":")


def test_a_shared_alias_used_twice_is_no_cycle(tmp_path):
    text = MINIMAL.replace("customer: {name: ACME}", "customer: &acme {name: ACME}")
    text = text.replace("vendor: {name: Us}", "vendor: *acme") + "x-notes: [*acme, *acme]\n"
    problems = problems_of(write(tmp_path, text))  # x-notes is an unknown key, but no cycle
    assert not any("contains it" in p for p in problems)


def test_a_fifo_as_the_project_is_named_as_such(tmp_path):
    import os

    fifo = tmp_path / "project.yaml"
    os.mkfifo(fifo)
    (problem,) = problems_of(fifo)
    assert problem == f"{fifo}: is a FIFO (named pipe), not a regular file (name the project.yaml file itself)"


def test_a_device_as_the_project_is_named_as_such():
    (problem,) = problems_of(Path("/dev/zero"))
    assert "/dev/zero: is a device, not a regular file" in problem


@pytest.mark.parametrize(("extra", "expected"), [
    ("branding:\n  primary_color: #1F4E79\n",
     "11:17: branding.primary_color: expected text, found nothing (a value starting with # is a YAML comment"),
    ("decision:\n  go: maybe\n", "11:7: decision.go: 'maybe' is not true or false (write true or false"),
    ("sow:\n  currency: EUR\n  day_rate: 1000\n  work_packages:\n    - {id: WP-1, title: A, effort_days: -3}\n",
     "14:41: sow.work_packages[0].effort_days: -3 is out of range (it must be at least 0)"),
])
def test_common_slips_get_messages_in_the_users_terms(tmp_path, extra, expected):
    [problem] = problems_of(write(tmp_path, MINIMAL + extra))
    assert problem.startswith(f"{tmp_path / 'project.yaml'}:{expected}"), problem
