"""`lineage projects`: the largest projects with their indicators, from the embedded store (no server)."""

from __future__ import annotations


def test_the_largest_projects_of_all_units(run_json):
    rows = run_json("projects", "--limit", "2")
    # 002 line 401: 2023年科普专项 150.00; its performance target (line 434) is printed under another name,
    # 科普专项经费 150.00, so no indicators attach to it (lineage check reports OR01 and OR02);
    # 003 line 375: 凉山州级科普专项经费 128.00, its target (line 482) prints 7 indicators
    assert [(r["project"], r["amount"], r["line"], len(r["indicators"])) for r in rows] == [
        ("2023年科普专项", "150.00", 401, 0), ("凉山州级科普专项经费", "128.00", 375, 7)]


def test_one_unit_with_its_indicators_in_printed_order(run_json):
    (row,) = run_json("projects", "--unit", "渠县")
    # 001 line 862: 2024年老科协专项工作经费 56.05; its target (line 1424) lists 9 indicators from line 1462 on
    assert (row["project"], row["amount"], row["unit"], row["line"]) == ("2024年老科协专项工作经费", "56.05", "万元", 862)
    assert len(row["indicators"]) == 9 and row["indicators"][0] == "老科协开展科普活动 ≥ 90 场次"
