"""Documentation kept honest: every command has help text and a README mention."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group, prefix: str = "docgen") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, path))
    return found


def test_every_command_has_help_and_readme_mention():
    for path, command in all_commands(main):
        assert command.help and len(command.help) > 20, f"{path} lacks help text"
        assert f"`{path}" in README, f"README does not mention `{path}`"


def test_every_option_has_help():
    for path, command in all_commands(main):
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{path} {param.opts[0]} lacks help text"


def test_readme_starts_with_the_two_commands():
    head = README[:1500]
    assert "make run" in head and "make test" in head
