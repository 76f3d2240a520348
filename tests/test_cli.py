"""Every command explains itself."""

from __future__ import annotations

import pytest

from kg.cli import main, make_parser

COMMANDS = ["build", "view", "query", "serve", "validate"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: kg {command}" in out and len(out.splitlines()) > 3


def test_every_option_has_help_text():
    parser = make_parser()
    sub = next(
        a for a in parser._actions if a.dest == "==SUPPRESS==" or a.__class__.__name__ == "_SubParsersAction"
    )
    for name, command in sub.choices.items():
        for action in command._actions:
            assert action.help, f"kg {name} {action.option_strings or action.dest} has no help"


def test_no_command_prints_usage(capsys):
    assert main([]) == 2
    assert "usage: kg" in capsys.readouterr().out
