"""Every ycgraph command has help text and is documented in README.md (the sqlite-utils habit)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ycgraph.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def walk(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every (path, command) below ``group``, sub-groups included."""
    found = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        found.append((path, command))
        if isinstance(command, click.Group):
            found += walk(command, path)
    return found


COMMANDS = walk(main)


def test_there_are_commands() -> None:
    assert {"query", "serve", "push"} <= {path[0] for path, _ in COMMANDS}


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_command_has_help(path: tuple[str, ...]) -> None:
    command = dict(COMMANDS)[path]
    assert (command.help or "").strip(), f"ycgraph {' '.join(path)} has no docstring/help"
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: main {' '.join(path)}" in result.output or f"Usage: ycgraph {' '.join(path)}" in result.output
    first_line = command.help.strip().splitlines()[0]
    assert " ".join(first_line.split()) in " ".join(result.output.split())  # click re-wraps long lines
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert (param.help or "").strip(), f"ycgraph {' '.join(path)} {param.opts[0]} has no help"


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_command_is_in_readme(path: tuple[str, ...]) -> None:
    assert README.is_file(), "README.md is missing"
    assert f"ycgraph {' '.join(path)}" in README.read_text(encoding="utf-8"), (
        f"README.md does not document `ycgraph {' '.join(path)}`")
