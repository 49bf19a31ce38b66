"""Excel workbooks (openpyxl) for the views people take into a spreadsheet: check, compare, trace, projects.

Amounts are numbers, not text: each Decimal is written as a numeric cell with a number format
that keeps its printed scale (143.09 → 0.00, 3671205 → 0), and the unit (万元 or 元) is in the
column header. Where one column would mix units (projects of units printing 元 and 万元), each
unit gets its own column, so no number is converted and none is read in the wrong unit. One
sheet per view, the header row frozen and filtered, and for `check` a findings sheet and one
row per evidence line.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Optional

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from lineage.amounts import printed
from lineage.checks.finding import Finding
from lineage.graph.projects import ProjectLine
from lineage.graph.trace import Stage
from lineage.model import Disclosure
from lineage.neo4jdb.browser_links import BrowserLinks
from lineage.results import Checked
from lineage.report.compare import Comparison

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")


@dataclass
class Sheet:
    title: str
    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def _number_format(value: Decimal) -> str:
    """Excel's format for an amount printed with this many decimals.

    >>> _number_format(Decimal("143.09")), _number_format(Decimal("3671205")), _number_format(Decimal("0.5"))
    ('#,##0.00', '#,##0', '#,##0.0')
    """
    places = max(0, -value.as_tuple().exponent)
    return "#,##0" + ("." + "0" * places if places else "")


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """The sheets as one .xlsx file."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:31])  # Excel's limit on sheet names
        ws.append(sheet.header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
        widths = [len(h) * 2 + 2 for h in sheet.header]
        for row in sheet.rows:
            ws.append(row)
            for i, value in enumerate(row):
                if isinstance(value, Decimal):
                    ws.cell(ws.max_row, i + 1).number_format = _number_format(value)
                widths[i] = min(60, max(widths[i], len(str(value if value is not None else "")) + 2))
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        if sheet.rows:
            ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _lines(f: Finding) -> str:
    return ", ".join(str(e.line) for e in f.evidence)


def _value(amount: Optional[Decimal], label: Optional[str]) -> Decimal | str | None:
    """What a finding expected or found: a number when it is an amount, else the text (a name, a 目录 line)."""
    return amount if amount is not None else label


def check_sheets(results: Iterable[Checked], browser: Optional[BrowserLinks] = None) -> list[Sheet]:
    """概况 (one row per disclosure), 问题 (one row per finding), 证据 (one row per evidence line).

    With a Neo4j server configured, 问题 ends with each finding's Neo4j Browser link.
    """
    summary = Sheet("概况", ["披露", "单位", "年度", "文件", "无错误", "错误", "警告", "提示"])
    findings = Sheet("问题", ["序号", "披露", "规则", "级别", "规则名", "说明", "应为", "实为", "单位（应为/实为）", "证据行", "文件"]
                     + (["Neo4j Browser"] if browser else []))
    evidence = Sheet("证据", ["问题序号", "规则", "文件", "表", "表号", "行序", "行", "页", "原文"])
    n = 0
    for c in results:
        counts = {s: sum(1 for f in c.findings if f.severity == s) for s in SEVERITY_ZH}
        summary.rows.append([c.id, c.unit_name, c.year, c.file, "是" if not counts["error"] else "否",
                             counts["error"], counts["warning"], counts["info"]])
        for f in c.findings:
            n += 1
            findings.rows.append([n, c.id, f.code, SEVERITY_ZH.get(f.severity, f.severity), f.rule, f.message,
                                  _value(f.expected, f.expected_label), _value(f.found, f.found_label), f.unit or "", _lines(f), c.file]
                                 + ([browser.finding(f.code, c.id, printed(f.found) if f.found is not None else None)] if browser else []))
            for e in f.evidence:
                evidence.rows.append([n, f.code, e.file, e.table or "说明", e.table_number, e.row, e.line,
                                      e.page, e.text])
    return [summary, findings, evidence]


def compare_sheets(comp: Comparison) -> list[Sheet]:
    """比较: one amount column (its unit in the header) and one share column per unit; 仅一方有: subjects one unit has."""
    header = ["项目"]
    for unit, amount_unit in zip(comp.units, comp.amount_unit):
        header += [f"{unit}（{amount_unit}）", f"{unit} 占支出总计（%）"]
    table = Sheet("比较", header)
    for label, values, shares in comp.lines:
        row: list[Any] = [label.strip()]
        for v, s in zip(values, shares):
            row += [v, s]
        table.rows.append(row)
    only = Sheet("仅一方有", ["单位", "项级科目"])
    only.rows = [[unit, code] for unit, codes in comp.only_in.items() for code in codes]
    return [table, only]


def execution_sheet(records: list[dict[str, Any]]) -> Sheet:
    """执行: one row per execution line (lineage.report.execution_view); 预算数, 决算数 and 差额 get a column per
    unit (万元, 元), as projects do, so no column mixes units."""
    from lineage.report.execution_view import AMOUNT_KEYS, COLUMNS

    units = sorted({r["unit"] for r in records}, key=lambda u: (u != "万元", u)) or ["万元"]
    header: list[str] = []
    for key, title in COLUMNS:
        if key in AMOUNT_KEYS:
            header += [f"{title}（{u}）" for u in units]
        elif key != "unit":
            header.append(title)
    sheet = Sheet("执行", header)
    for r in records:
        row: list[Any] = []
        for key, _ in COLUMNS:
            if key in AMOUNT_KEYS:
                row += [r[key] if u == r["unit"] else None for u in units]
            elif key != "unit":
                row.append(r[key])
        sheet.rows.append(row)
    return sheet


def trace_sheets(d: Disclosure, stages: list[Stage]) -> list[Sheet]:
    """流向 (every step and what a functional subject passes on, as lineage trace prints them) and 阶段 (totals)."""
    unit = d.amount_unit
    flows = Sheet("流向", ["阶段", "从", "到", "编码", f"金额（{unit}）", "占比（%）", "行", "差额（未印刷）", "估算"])
    for s in stages:
        source = s.name.split(" → ")[0]
        for step in s.steps:
            flows.rows.append([s.name, source, step.name, step.code, step.amount, step.share, step.line,
                               "是" if step.derived else "", "是" if step.estimate else ""])
            for child in step.children:
                if child.share is None:  # a project's indicator, not money
                    continue
                flows.rows.append([s.name, step.name, child.name, None, child.amount, child.share, child.line,
                                       "是" if child.derived else "", ""])
    totals = Sheet("阶段", ["阶段", f"流入（{unit}）", f"流出（{unit}）", "平衡"])
    totals.rows = [[s.name, s.inflow, s.outflow, "是" if s.balanced else "否"] for s in stages]
    return [flows, totals]


def projects_sheets(rows: list[ProjectLine]) -> list[Sheet]:
    """项目 (largest first; an amount column per unit, so 元 and 万元 never share one) and 指标 (one row per indicator)."""
    units = sorted({r.unit for r in rows}, key=lambda u: (u != "万元", u)) or ["万元"]
    projects = Sheet("项目", ["项目", "编码", *[f"金额（{u}）" for u in units], "单位", "披露", "行", "绩效指标数"])
    indicators = Sheet("指标", ["项目", "单位", "披露", "绩效指标"])
    for r in rows:
        amounts = [r.amount if r.unit == u else None for u in units]
        projects.rows.append([r.project, r.code, *amounts, r.unit_name, r.disclosure, r.line, len(r.indicators)])
        indicators.rows += [[r.project, r.unit_name, r.disclosure, text] for text in r.indicators]
    return [projects, indicators]


def read_back(path: Path | bytes) -> dict[str, list[list[Optional[Any]]]]:
    """Every sheet's rows as values (for tests and for programs that check a workbook)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(path) if isinstance(path, bytes) else path, read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
