"""The Project's validator cached between processes (`docgen.validator_cache`).

Each check runs in a fresh interpreter with its own cache folder: in the test process
the Project's validator may already be built. A run reports what the loader made of
valid and broken project files (every problem message, the valid projects' JSON) and
whether pydantic's plugin loader was imported, which only a validator built the
normal way does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from docgen.validator_cache import KEPT, PREFIX, cache_file, schema_key, without_metadata

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")

# One file for each kind of problem: schema, formats, hints, model and field
# validators, cross-references; and sections left out (their defaults).
BROKEN = {
    "unknown-and-missing-key": MINIMAL.replace("  title: Demo", "  titel: Demo"),
    "dates": MINIMAL.replace("2026-01-05", "2026-13-45") + "decision: {date: 2026-1-5}\n",
    "formats": MINIMAL + "branding: {primary_color: blue}\nworkshop:\n  start_time: '9:30'\n",
    "number-for-text": MINIMAL.replace("title: Demo", "title: 1.10"),
    "control-character": MINIMAL.replace("title: Demo", 'title: "De\\u0007mo"'),
    "enum-and-bool": MINIMAL.replace("side: customer}", "side: client}") + "decision: {go: maybe}\n",
    "model-validators": MINIMAL.replace("  start: 2026-01-05", "  start: 2026-01-05\n  end: 2025-01-01")
                        + "launch: {soft_launch: {date: 2026-05-02}, go_live: 2026-05-01}\n",
    "field-validators": MINIMAL + "requirements: [{id: r1, title: T, side: vendor, responsible: jdoe, verified: true}]\n"
                        "status_reports: [{date: 2026-02-02}, {date: 2026-02-02}]\n",
    "dangling-and-duplicate": MINIMAL + "  - {id: jdoe, name: Jane Doe, side: vendor}\n"
                              "meetings:\n  - {id: m1, date: 2026-02-01, attendees: [zz-top]}\n",
    "extra": MINIMAL + "extra: {1bad: x, ok: [1, {nested: \"\\u0001\"}]}\n",
}

DRIVER = """
import json, sys
from pathlib import Path
from docgen.errors import ProjectFileError
from docgen.loader import load_project
from docgen.models import Project
if sys.argv[1] == "built":
    Project.model_rebuild()  # pydantic's own build, before the loader looks for a cache
report = {}
for path in sys.argv[2:]:
    try:
        report[path] = json.loads(load_project(path).model_dump_json())
    except ProjectFileError as error:
        report[path] = [str(problem) for problem in error.problems]
print(json.dumps({"files": report, "plugin_loader": "pydantic.plugin._loader" in sys.modules}))
"""


def run(cache: Path, files: list[Path], mode: str = "cached") -> dict:
    env = {**os.environ, "DOCGEN_CACHE_DIR": str(cache / "docgen")}
    done = subprocess.run([sys.executable, "-c", DRIVER, mode, *map(str, files)], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout)


def project_files(tmp_path: Path) -> list[Path]:
    files = sorted(ROOT.glob("samples/*/project.yaml"))
    for name, text in BROKEN.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
        files.append(tmp_path / f"{name}.yaml")
    return files


def test_a_validator_from_the_cache_gives_what_pydantic_builds(tmp_path: Path) -> None:
    files = project_files(tmp_path)
    cache = tmp_path / "cache"
    first, second = run(cache, files), run(cache, files)
    built = run(tmp_path / "unused", files, mode="built")
    assert first["plugin_loader"] and built["plugin_loader"]  # built by pydantic, then cached
    assert not second["plugin_loader"]  # from the cache file
    assert second["files"] == first["files"] == built["files"]
    assert all(isinstance(built["files"][str(f)], list) for f in files[2:])  # every broken file failed
    assert all(isinstance(built["files"][str(f)], dict) for f in files[:2])  # the samples loaded
    assert [p.name for p in (cache / "docgen").iterdir()] == [cache_file(cache / "docgen").name]


def test_a_damaged_cache_file_is_built_anew_and_replaced(tmp_path: Path) -> None:
    files = project_files(tmp_path)[:3]
    path = cache_file(tmp_path / "docgen")
    path.parent.mkdir()
    path.write_bytes(b"not a pickle")
    result = run(tmp_path, files)
    assert result["plugin_loader"] and result["files"] == run(tmp_path, files)["files"]
    assert path.read_bytes() != b"not a pickle"


def test_the_most_recently_written_cache_files_are_kept(tmp_path: Path) -> None:
    """Other installations' files stay, up to KEPT in all; the oldest go."""
    folder = tmp_path / "docgen"
    folder.mkdir()
    others = [folder / f"{PREFIX}{n:024d}.pickle" for n in range(KEPT)]
    for age, other in enumerate(others):
        other.write_bytes(b"from other models")
        os.utime(other, (1_000_000 - age, 1_000_000 - age))
    run(tmp_path, project_files(tmp_path)[:1])
    assert sorted(folder.iterdir()) == sorted([cache_file(folder), *others[:-1]])


def test_an_unwritable_cache_folder_only_costs_the_time(tmp_path: Path) -> None:
    (tmp_path / "docgen").write_text("a file where the folder would be", encoding="utf-8")
    files = project_files(tmp_path)[:3]
    assert run(tmp_path, files)["files"] == run(tmp_path / "unused", files, mode="built")["files"]


def test_the_key_changes_with_any_model_source(tmp_path: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(ROOT / "docgen" / "models", models, ignore=shutil.ignore_patterns("__pycache__"))
    assert schema_key(models) == schema_key()
    people = models / "people.py"
    people.write_text(people.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert schema_key(models) != schema_key()


def test_only_the_metadata_of_schemas_is_left_out() -> None:
    schema = {"type": "model-fields", "metadata": {"js": object()},
              "fields": {"metadata": {"type": "model-field", "schema": {"type": "str", "metadata": {}}},
                         "type": {"type": "model-field", "schema": {"type": "int"}}}}
    assert without_metadata(schema) == {
        "type": "model-fields",
        "fields": {"metadata": {"type": "model-field", "schema": {"type": "str"}},
                   "type": {"type": "model-field", "schema": {"type": "int"}}}}


def test_a_cache_folder_others_may_write_to_is_not_read(tmp_path: Path) -> None:
    """The file is a pickle: from a folder another user could write to, it is not loaded."""
    files = project_files(tmp_path)[:3]
    run(tmp_path, files)  # writes the cache file
    (tmp_path / "docgen").chmod(0o777)
    result = run(tmp_path, files)
    assert result["plugin_loader"]  # built by pydantic, as without a cache
    assert result["files"] == run(tmp_path / "unused", files, mode="built")["files"]


def test_a_validator_wrapped_by_a_plugin_is_not_cached(tmp_path: Path, monkeypatch) -> None:
    """With a pydantic plugin the validator is pydantic's wrapper: nothing is written, no error."""
    from docgen import validator_cache
    from docgen.models import Project

    class PluggableSchemaValidator:  # what pydantic builds when a plugin is installed
        __slots__ = ("inner",)

    monkeypatch.setattr(Project, "__pydantic_validator__", PluggableSchemaValidator(), raising=False)
    path = tmp_path / "docgen" / "cache.pickle"
    validator_cache._write(path)
    assert not path.exists()
