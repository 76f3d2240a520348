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


def test_query_list_needs_no_graph(capsys):
    assert main(["query", "--list"]) == 0
    assert "posts" in capsys.readouterr().out


def test_query_without_graph_is_a_clear_error(capsys):
    assert main(["query"]) == 2
    assert "kg query needs a GRAPH" in capsys.readouterr().err


def test_query_text_may_follow_the_options(tmp_path, capsys):
    graph = tmp_path / "g.ttl"
    graph.write_text('<https://example.org/a> a <https://schema.org/Person> .\n')
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }"
    assert main(["query", str(graph), "--format", "csv", query]) == 0
    assert capsys.readouterr().out.split() == ["n", "1"]
