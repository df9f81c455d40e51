"""docgen's cache directory: where it is, when it is off, when it may be read."""

from __future__ import annotations

import os

import pytest

from docgen.cache_dir import ENV_DIR, ENV_OFF, cache_root, private_directory


@pytest.fixture
def clean_env(monkeypatch):
    for name in (ENV_DIR, ENV_OFF, "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_user_cache_by_default_and_xdg_or_docgen_cache_dir_instead(clean_env, tmp_path):
    clean_env.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == tmp_path / "home" / ".cache" / "docgen"
    clean_env.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "docgen"
    clean_env.setenv(ENV_DIR, str(tmp_path / "mine"))
    assert cache_root() == tmp_path / "mine"


@pytest.mark.parametrize(("value", "off"), [("1", True), ("yes", True), ("0", False), ("", False)])
def test_docgen_no_cache(clean_env, tmp_path, value, off):
    clean_env.setenv(ENV_DIR, str(tmp_path))
    clean_env.setenv(ENV_OFF, value)
    assert (cache_root() is None) is off


def test_no_home_no_cache(clean_env):
    clean_env.delenv("HOME", raising=False)
    clean_env.setattr("os.path.expanduser", lambda path: path)  # what Python does without a home
    assert cache_root() is None


def test_a_private_directory_is_made_and_an_open_one_refused(tmp_path):
    directory = tmp_path / "cache" / "docgen"
    assert private_directory(directory)
    assert directory.stat().st_mode & 0o777 == 0o700
    directory.chmod(0o770)
    assert not private_directory(directory)
    directory.chmod(0o700)
    (tmp_path / "cache").chmod(0o777)  # others could swap the directory for their own
    assert not private_directory(directory)
    (tmp_path / "cache").chmod(0o1777)  # sticky, as /tmp: only the owner may rename it
    assert private_directory(directory)


def test_a_file_in_the_way_is_no_error(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("not a directory")
    assert not private_directory(blocker / "docgen")
    assert not private_directory(blocker)


def test_a_symlinked_cache_is_judged_by_the_directories_it_points_to(tmp_path):
    real = tmp_path / "real-cache"
    real.mkdir(mode=0o700)
    link = tmp_path / "cache"
    link.symlink_to(real)  # ~/.cache on another disk, say
    assert private_directory(link / "docgen")
    assert (real / "docgen").is_dir()


def test_prune_keeps_the_newest_and_ignores_other_files(tmp_path):
    from docgen.cache_dir import prune

    for age in range(5):
        entry = tmp_path / f"entry-{age}.bin"
        entry.write_bytes(b"x")
        os.utime(entry, (1_000_000 - age, 1_000_000 - age))
    (tmp_path / "other.txt").write_text("not ours")
    prune(tmp_path, "entry-*.bin", 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry-0.bin", "entry-1.bin", "other.txt"]


def test_the_source_digest_follows_every_byte_and_fact_and_gives_up_without_a_source(tmp_path):
    from docgen.cache_dir import source_digest

    source = tmp_path / "engine.py"
    source.write_text("A = 1\n")
    first = source_digest(["jinja 3.1.6"], [source])
    assert first == source_digest(["jinja 3.1.6"], [source])
    assert first != source_digest(["jinja 3.1.7"], [source])
    source.write_text("A = 2\n")
    assert first != source_digest(["jinja 3.1.6"], [source])
    assert source_digest(["jinja 3.1.6"], [tmp_path / "missing.py"]) == ""
