"""lineage export --neo4j-csv: neo4j-admin headers, one row per node, quoting that survives, atomic DIR."""

import csv
import re
import shutil

import pytest
from click.testing import CliRunner

from lineage.checks import run_checks
from lineage.neo4jdb import schema as S
from lineage.neo4jdb.csv_export import CsvExport
from lineage.neo4jdb.rows import disclosure_rows
from lineage_cli.export_cmd import export_cmd
from tests.conftest import SEEDS, seed_path

SEED_IDS = ("000", "001", "002", "003", "004")
QURXIAN = "2024/渠县科学技术协会/部门预算"  # 001's disclosure id (year line 1, unit, 部门预算)


def run(*args):
    return CliRunner().invoke(export_cmd, list(args))


def read(path):
    """Header and rows of one export file, read with Python's default (excel) CSV dialect."""
    with open(path, encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    return header, [dict(zip(header, row)) for row in rows]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "csv"
    result = run("--neo4j-csv", str(out), str(SEEDS))
    assert result.exit_code == 0, result.stderr
    return out, result


@pytest.fixture(scope="module")
def seed_rows(parsed):
    return [disclosure_rows(parsed(s), run_checks(parsed(s))) for s in SEED_IDS]


def test_node_and_flow_headers_are_neo4j_admin_syntax(exported):
    out, _ = exported
    header, _ = read(out / "nodes" / "FunctionalSubject.csv")
    assert header == ["id:ID(FunctionalSubject)", ":LABEL", "disclosure:string", "name:string", "code:string",
                      "total:string", "unit:string"]
    header, _ = read(out / "relationships" / "FLOWS_TO-Pool-FunctionalSubject.csv")
    assert header == [":START_ID(Pool)", ":END_ID(FunctionalSubject)", ":TYPE", "disclosure:string", "amount:string",
                      "amountMinor:long", "unit:string", "phase:string", "derived:boolean", "file:string", "table:string",
                      "tableNumber:string", "row:long", "line:long", "printed:string"]
    header, _ = read(out / "nodes" / "Finding.csv")
    assert "lines:long[]" in header
    # phase on every disclosure and on its 三公 figures (001 表3-3 line 887: 三公 合计 3.19, a 预算: budget)
    header, rows = read(out / "nodes" / "Disclosure.csv")
    assert "phase:string" in header and {r["phase:string"] for r in rows} == {"budget"}
    header, rows = read(out / "nodes" / "Figure.csv")
    total = next(r for r in rows if r["id:ID(Figure)"] == "2024/渠县科学技术协会/部门预算|figure|budget|合计")
    assert (total["amount:string"], total["amountMinor:long"], total["phase:string"]) == ("3.19", "319", "budget")


def test_rows_per_file_match_the_loader_rows_with_shared_nodes_once(exported, seed_rows):
    out, _ = exported
    for label in S.LABELS:
        ids = [row["id"] for rows in seed_rows for row in rows.nodes.get(label, [])]
        _, rows = read(out / "nodes" / f"{label}.csv")
        assert sorted(r[f"id:ID({label})"] for r in rows) == sorted(set(ids)), label
        if label not in S.SHARED_LABELS:
            assert len(rows) == len(ids), label  # disclosure-owned: nothing merged away
    # 类 206 科学技术支出 is spent by several seeds (000 line 262 "206 99 99", 001 line 564
    # "206 07 01", 003 line 144 "206 07 01"): one node, else neo4j-admin fails on the duplicate id.
    _, codes = read(out / "nodes" / "FunctionCode.csv")
    assert [r["code:string"] for r in codes].count("206") == 1
    assert sum("FunctionCode|206" in [r["id"] for r in rows.nodes["FunctionCode"]] for rows in seed_rows) >= 3
    # Relationships: one file per (type, start, end); PART_OF between shared codes once per pair.
    for rels_shape in {(r.type, r.start, r.end) for rows in seed_rows for r in rows.rels}:
        kind, start, end = rels_shape
        pairs = [(row["start"], row["end"]) for rows in seed_rows for r in rows.rels
                 if (r.type, r.start, r.end) == rels_shape for row in r.rows]
        _, rows = read(out / "relationships" / f"{kind}-{start}-{end}.csv")
        # PART_OF (shared codes) merged once per pair; every other relationship written once per row
        # (FUNDS may join one source and subject twice: 001 line 705 pays 办公费 3.60 基本 and 56.05 项目)
        assert len(rows) == (len(set(pairs)) if kind == "PART_OF" else len(pairs)), rels_shape
    _, part_of = read(out / "relationships" / "PART_OF-FunctionCode-FunctionCode.csv")
    assert len(part_of) < sum(len(r.rows) for rows in seed_rows for r in rows.rels
                              if (r.type, r.start) == ("PART_OF", "FunctionCode"))


def test_flow_row_carries_the_printed_amount_as_integer_minor_units(exported):
    out, _ = exported
    _, rows = read(out / "relationships" / "FLOWS_TO-Pool-FunctionalSubject.csv")
    # 001 line 564: "206 07 01 214001 机构运行 143.09 143.09" (万元).
    (row,) = [r for r in rows if r["disclosure:string"] == QURXIAN and r["line:long"] == "564"]
    assert row[":END_ID(FunctionalSubject)"] == f"{QURXIAN}|fn|2060701"
    assert (row["amountMinor:long"], row["amount:string"], row["unit:string"]) == ("14309", "143.09", "万元")
    assert (row["derived:boolean"], row[":TYPE"]) == ("false", "FLOWS_TO")
    assert "机构运行" in row["printed:string"]


def test_import_command_names_every_file_and_schema_is_written(exported):
    out, result = exported
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.csv"))
    script = (out / "import.sh").read_text(encoding="utf-8")
    named = sorted(re.findall(r"--(?:nodes|relationships)=\w+=(\S+\.csv)", script))
    assert named == written
    assert "--nodes=FunctionCode=nodes/FunctionCode.csv" in script
    assert "--relationships=FLOWS_TO=relationships/FLOWS_TO-Pool-FunctionalSubject.csv" in script
    assert "--multiline-fields" not in script  # no seed value spans lines: the slow mode is not asked for
    assert "neo4j-admin database import full neo4j --nodes=" in result.stderr
    assert f" --nodes=Disclosure={out.resolve()}/nodes/Disclosure.csv " in result.stderr
    schema = (out / "schema.cypher").read_text(encoding="utf-8")
    assert [line.rstrip(";") for line in schema.splitlines() if not line.startswith("//")] == list(S.STATEMENTS)
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no staging left behind


def test_quotes_commas_newlines_backslashes_round_trip(tmp_path, parsed):
    weird = '科协 "甲", 乙\n第二行 \\ 反斜杠\\" ;  '
    d = parsed("003")
    d = d.model_copy(update={"unit_name": weird, "id": f"{d.year}/{weird}/{d.kind}"})
    export = CsvExport(tmp_path)
    export.add(disclosure_rows(d, []), "003")
    summary = export.finish()
    _, units = read(tmp_path / "nodes" / "Unit.csv")
    assert [(u["id:ID(Unit)"], u["name:string"]) for u in units] == [(weird, weird)]
    _, disclosures = read(tmp_path / "nodes" / "Disclosure.csv")
    assert disclosures[0]["unitName:string"] == weird
    raw = (tmp_path / "nodes" / "Unit.csv").read_text(encoding="utf-8")
    assert '"科协 ""甲"", 乙\n第二行 \\ 反斜杠\\"" ;  "' in raw  # quotes doubled, backslash left alone
    assert summary.multiline
    assert "--multiline-fields=true" in (tmp_path / "import.sh").read_text(encoding="utf-8")


def test_refuses_a_non_empty_dir_unless_forced(tmp_path):
    out = tmp_path / "csv"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    refused = run("--neo4j-csv", str(out), str(seed_path("002")))
    assert refused.exit_code == 2
    assert len(refused.stderr.strip().splitlines()) == 1 and "--force" in refused.stderr
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    forced = run("--neo4j-csv", str(out), "--force", str(seed_path("002")))
    assert forced.exit_code == 2  # keep.txt is not an earlier export: --force leaves it alone (issue #12)
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    (out / ".lineage-export").write_text("", encoding="utf-8")  # as an earlier export leaves it
    forced = run("--neo4j-csv", str(out), "--force", str(seed_path("002")))
    assert forced.exit_code == 0, forced.stderr
    assert not (out / "keep.txt").exists() and (out / "nodes" / "Disclosure.csv").exists()


def test_bad_file_and_duplicate_disclosure_are_reported_the_rest_exported(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    twice = tmp_path / "002-again.txt"
    shutil.copy(seed_path("002"), twice)
    out = tmp_path / "csv"
    result = run("--neo4j-csv", str(out), str(seed_path("002")), str(bad), str(twice))
    assert result.exit_code == 2
    assert "empty.txt" in result.stderr and "002-again.txt" in result.stderr
    _, disclosures = read(out / "nodes" / "Disclosure.csv")
    assert len(disclosures) == 1


def test_nothing_readable_leaves_no_dir(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    result = run("--neo4j-csv", str(tmp_path / "csv"), str(bad))
    assert result.exit_code == 2
    assert not (tmp_path / "csv").exists()
