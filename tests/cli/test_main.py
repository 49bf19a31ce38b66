"""The command group: lazy command imports keep `lineage --help` from loading the library."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from lineage_cli.main import COMMANDS, cli


def test_every_listed_help_line_is_the_commands_own_first_docstring_line():
    for name, (_, line) in COMMANDS.items():
        command = cli.get_command(None, name)
        assert command.name == name
        assert command.help.strip().splitlines()[0] == line, name


def test_help_lists_every_command_in_order():
    out = CliRunner().invoke(cli, ["--help"]).output
    listed = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line[:3].strip()]
    assert listed == list(COMMANDS)


def test_help_imports_no_command_and_no_heavy_library():
    probe = ("import sys\nfrom lineage_cli.main import cli\n"
             "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('neo4j', 'networkx', 'pydantic', 'rich')"
             " or m.startswith('lineage.') or m.endswith('_cmd')))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_a_command_imports_only_what_it_uses():
    probe = ("import sys\nfrom lineage_cli.main import cli\n"
             "try:\n    cli(['rules', '--help'])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.endswith('_cmd')))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "['lineage_cli.rules_cmd']"


def test_format_help_names_only_the_formats_the_command_offers():
    # `parse` offers text and json: its help must not promise csv (it did).
    parse_help = CliRunner().invoke(cli, ["parse", "--help"]).output
    assert "[text|json]" in parse_help and "csv" not in parse_help
    check_help = " ".join(CliRunner().invoke(cli, ["check", "--help"]).output.split())
    assert "csv or xlsx (a workbook) for programs" in check_help
