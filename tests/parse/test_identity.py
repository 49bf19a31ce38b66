"""Issue #12 items 3 and 6: whose disclosure a file is, and a file that holds two.

001 is 渠县科学技术协会's 2024 部门预算: its heading on line 397 reads "渠县科学技术协会 2024 年部门预算表",
the one on line 167 "县科学技术协会 2024 年部门预算情况说明". 003 is 凉山州科学技术协会 2024 (line 15 and
on). The audit made 达川区 and 通川区 copies of 001 by replacing 渠县 everywhere: both became
"2024/县科学技术协会/部门预算" and replaced each other.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from lineage.parse.disclosure import parse_file
from lineage.read import InputError
from lineage_cli.main import cli
from tests.conftest import seed_path


def renamed(tmp_path, place: str):
    path = tmp_path / f"{place}.txt"
    path.write_text(seed_path("001").read_text(encoding="utf-8").replace("渠县", place), encoding="utf-8")
    return path


def test_units_that_differ_only_by_place_get_their_own_ids(tmp_path, parsed):
    ids = [parse_file(renamed(tmp_path, place)).id for place in ("达川区", "通川区")]
    assert ids == ["2024/达川区科学技术协会/部门预算", "2024/通川区科学技术协会/部门预算"]
    assert parsed("001").id == "2024/渠县科学技术协会/部门预算"


def test_loading_them_adds_three_disclosures(tmp_path):
    store = tmp_path / "s.db"
    files = [str(renamed(tmp_path, p)) for p in ("达川区", "通川区")] + [str(seed_path("001"))]
    r = CliRunner().invoke(cli, ["load", *files, "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert "3 added, 0 replaced" in r.stderr


def without_headings(tmp_path, name: str, extra: str = ""):
    """002 with every line that states its unit or year removed: no identity can be read."""
    lines = [ln for ln in seed_path("002").read_text(encoding="utf-8").splitlines()
             if "成华区" not in ln and "2023" not in ln and "部门：" not in ln]
    path = tmp_path / name
    path.write_text("\n".join(lines) + extra + "\n", encoding="utf-8")
    return path


def test_an_unreadable_identity_is_keyed_by_content_never_unknown(tmp_path):
    a, b = parse_file(without_headings(tmp_path, "a.txt")), parse_file(without_headings(tmp_path, "b.txt", "\n附"))
    assert "unknown" not in a.id and a.id != b.id
    assert a.id == f"sha256:{a.source.sha256[:16]}/{a.kind}"
    (problem,) = [p for p in a.problems if p.line == 1 and "sha256" in p.message]
    assert "单位名称" in problem.message
    store = tmp_path / "s.db"
    r = CliRunner().invoke(cli, ["load", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--store", str(store)])
    assert "2 added, 0 replaced" in r.stderr  # the audit: every such file became unknown/unknown/部门预算


def test_a_replacement_by_another_file_says_so(tmp_path):
    store = tmp_path / "s.db"
    assert CliRunner().invoke(cli, ["load", str(seed_path("001")), "--store", str(store)]).exit_code == 0
    other = tmp_path / "other.txt"
    other.write_text(seed_path("001").read_text(encoding="utf-8") + "\n（更正版）\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["load", str(other), "--store", str(store)])
    assert r.exit_code == 0 and "0 added, 1 replaced" in r.stderr
    assert (f"note: {other}: replaced 2024/渠县科学技术协会/部门预算, which came from another file "
            f"({seed_path('001')})") in r.stderr


@pytest.mark.parametrize("first, second, starts", [
    ("001", "003", ("渠县科学技术协会 2024 部门预算 from line 167", "凉山州科学技术协会 2024 部门预算 from line")),
    ("003", "004", ("凉山州科学技术协会 2024 部门预算 from line 15", "重庆市科学技术协会 2024 部门预算 from line")),
])
def test_a_file_holding_two_disclosures_is_refused_with_where_each_starts(tmp_path, first, second, starts):
    a = seed_path(first).read_text(encoding="utf-8")
    path = tmp_path / "two.txt"
    path.write_text(a + seed_path(second).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert "holds 2 disclosures" in message and all(s in message for s in starts)
    second_start = int(message.rsplit("from line ", 1)[1].split(")")[0])
    assert second_start > len(a.splitlines()) and caught.value.line == second_start  # inside the appended file
    r = CliRunner().invoke(cli, ["check", str(path)])
    assert r.exit_code == 2 and r.stderr.count("\n") == 1


def test_the_same_disclosure_twice_in_a_file_is_still_one(tmp_path, parsed):
    path = tmp_path / "twice.txt"
    path.write_text(seed_path("002").read_text(encoding="utf-8") * 2, encoding="utf-8")
    assert parse_file(path).id == parsed("002").id


def test_an_input_over_the_size_limit_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_MAX_INPUT_MB", "0.02")  # 001 is 39,731 bytes
    r = CliRunner().invoke(cli, ["parse", str(seed_path("001"))])
    assert r.exit_code == 2
    assert r.stderr.strip() == (f"error: {seed_path('001')}: is 0.0397 MB, over the 0.02 MB input limit for a "
                                "text file (raise it with LINEAGE_MAX_INPUT_MB, in MB of text)")
    monkeypatch.setenv("LINEAGE_MAX_INPUT_MB", "0.05")
    assert CliRunner().invoke(cli, ["parse", str(seed_path("001"))]).exit_code == 0
