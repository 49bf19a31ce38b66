"""The `lineage` command group. One module per command; commands only parse options and call the library.

Commands are imported when they run, not when the group is built: importing
every command pulls in the neo4j driver, networkx, pydantic models and every
check (about 0.8 s), which `lineage --help` and a one-file `parse` never use.
`COMMANDS` names each command's module and its one-line help, so `--help` lists
them without importing any (tests/cli/test_main.py keeps the lines equal to the
commands' own docstrings).
"""

from __future__ import annotations

import importlib

import click

from lineage import __version__

from .crash import SafeGroup

# name: (module in this package, first line of the command's docstring), in the order --help lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "load": ("load_cmd", "Parse, check and store disclosures (files or folders of *.txt and *.pdf)."),
    "parse": ("parse_cmd", "Parse disclosure text files and show every table, row and amount read."),
    "check": ("check_cmd", "Report what disagrees in disclosures, with the lines as evidence."),
    "trace": ("trace_cmd", "Trace a unit's money from funding sources to subjects, projects and indicators."),
    "compare": ("compare_cmd", "Compare stored units: totals, funding shares, 类/款, basic vs project, personnel vs public, 三公."),
    "rules": ("rules_cmd", "List every check rule: id, default severity, name, summary and its pass/fail cases."),
    "query": ("query_cmd", "Run a query of the Cypher library (cypher/NAME.cypher) against Neo4j and print its rows."),
    "export": ("export_cmd", "Parse and check disclosures (files or folders of *.txt and *.pdf) and write them as neo4j-admin CSV files."),
    "guide": ("guide_cmd", "Write the Neo4j Browser guide (HTML slides) that walks through the graph with the query library."),
    "find": ("find_cmd", "Find where AMOUNT is printed: table rows and explanation-text figures, with file, table, line and findings."),
    "projects": ("projects_cmd", "The largest projects (项目支出) with their amount, source line and performance indicators."),
    "subject": ("subject_cmd", "Where the money of functional subject CODE (类 206, 款 20607 or 项 2060701) comes from and goes, per unit."),
    "report": ("report_cmd", "Write one HTML file that shows where the money goes, what disagrees, and how units compare."),
}


class LazyGroup(SafeGroup):
    """A group whose commands are imported on first use (click's documented lazy-loading pattern).

    A SafeGroup: no command ends in a traceback (cli/crash.py).
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, *sorted(super().list_commands(ctx))]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return super().get_command(ctx, name)
        module = importlib.import_module(f".{COMMANDS[name][0]}", __package__)
        return getattr(module, f"{COMMANDS[name][0]}")

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from COMMANDS, without importing the commands."""
        rows = [(name, COMMANDS[name][1]) for name in COMMANDS]
        rows += [(name, self.commands[name].get_short_help_str()) for name in sorted(self.commands)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="lineage")
def cli() -> None:
    """budget-lineage: Chinese budget disclosures (部门预算/单位预算公开) as a checked lineage graph.

    \b
    Pipeline: parse -> graph -> check -> store (embedded) / Neo4j -> reports.
    Try:  lineage load data/seeds && lineage check
    Neo4j: lineage load data/seeds --neo4j neo4j://localhost:7687 && lineage query --list
    Exit codes: 0 fine, 1 error-level findings, 2 usage or input error, 3 internal error.
    """
