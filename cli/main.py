"""The `lineage` command group. One module per command; commands only parse options and call the library."""

from __future__ import annotations

import click

from lineage import __version__

from .crash import SafeGroup

from .check_cmd import check_cmd
from .compare_cmd import compare_cmd
from .export_cmd import export_cmd
from .find_cmd import find_cmd
from .guide_cmd import guide_cmd
from .load_cmd import load_cmd
from .parse_cmd import parse_cmd
from .projects_cmd import projects_cmd
from .query_cmd import query_cmd
from .rules_cmd import rules_cmd
from .subject_cmd import subject_cmd
from .trace_cmd import trace_cmd


@click.group(cls=SafeGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="lineage")
def cli() -> None:
    """budget-lineage: Chinese budget disclosures (部门预算/单位预算公开) as a checked lineage graph.

    \b
    Pipeline: parse -> graph -> check -> store (embedded) / Neo4j -> reports.
    Try:  lineage load data/seeds && lineage check
    Neo4j: lineage load data/seeds --neo4j neo4j://localhost:7687 && lineage query --list
    Exit codes: 0 fine, 1 error-level findings, 2 usage or input error, 3 internal error.
    """


for command in (load_cmd, parse_cmd, check_cmd, trace_cmd, compare_cmd, rules_cmd, query_cmd, export_cmd, guide_cmd, find_cmd, projects_cmd, subject_cmd):
    cli.add_command(command)
