"""NR: counts the text states — against their own parts and against what the document lists."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from lineage.checks.context import CheckContext
from lineage.checks.finding import Finding
from lineage.checks.labels import paragraph_from
from lineage.checks.narrative import claim_evidence
from lineage.checks.orphans import is_basic_target, project_rows
from lineage.checks.registry import Rule, register
from lineage.model import Claim


@register
class ClaimedCount(Rule):
    """The number of projects with performance targets (项目个数) disagrees with its parts or with the document.

    Example (001 lines 385–389): "开展绩效目标管理的项目2个 … 人员类项目1个 … 运转类
    项目2个 … 特定目标类项目0个" — the parts add up to 3, not 2: an error. Against
    the document the count is tried as every target of the 项目支出绩效目标表,
    the targets that are projects (not 人员类/运转类: codes with R/Y after the
    unit code, or names such as 定额公用经费), the projects of the 项目支出表,
    and the tasks of the 部门整体支出绩效目标表; when none equals the count it
    is an error — unless its own parts add up to it and include 人员类/运转类
    projects, and the target table lists no fewer than the 特定目标类 part and
    fewer than the whole. 人员类 and 运转类 items are 基本支出 of the budget
    system (Sichuan's 一体化 classes every item as 人员类, 运转类 or 特定目标类
    project) that no table has to print, so such a table is what the count
    leads one to expect (info). 000 line 2045: 19 = 人员类 2 + 运转类 6 +
    特定目标类 11, while its 表6 prints 13 targets (11 特定目标类 once 单位运转项目
    and 院所基本科研业务费, 运转类 items, are set aside) and its 项目支出表 23
    (with carried-over projects).
    """

    id = "NR04"
    name = "narrative.count"
    template = "说明第 {line} 行「{label}」{found} 个，{source}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        counts = [c for c in d.claims if c.kind == "count"]
        for total in (c for c in counts if c.subject == "performance_projects"):
            parts = [c for c in counts if c.subject.startswith("performance_projects.") and abs(c.line - total.line) <= 6]
            if parts:
                s = sum((p.value for p in parts), Decimal(0))
                if s != total.value:
                    yield self.finding(
                        d, expected=s, found=total.value, unit="个", line=total.line, label="项目个数",
                        source=f"各类项目个数之和为 {s} 个", evidence=[claim_evidence(d, total)] + [claim_evidence(d, p) for p in parts],
                    )
            readings = self._readings(ctx)
            if readings and all(Decimal(n) != total.value for n, _ in readings):
                n, _ = readings[0]
                unprinted = self._unprinted_basic(total, parts, Decimal(n))
                yield self.finding(
                    d, expected=Decimal(n), found=total.value, unit="个", line=total.line, label="项目个数",
                    severity="info" if unprinted else None,
                    source="与文件所列均不符：" + "；".join(f"{label} {k} 个" for k, label in readings)
                    + ("（所含人员类、运转类项目属基本支出，表中不必全部列出）" if unprinted else ""),
                    evidence=[claim_evidence(d, total)],
                )

    @staticmethod
    def _unprinted_basic(total: Claim, parts: list[Claim], listed: Decimal) -> bool:
        """The count covers 人员类/运转类 items the tables need not print.

        Its parts add up to it and name such items, and the first listing (the
        target table's targets, else the 项目支出表's projects) holds at least
        the 特定目标类 part and less than the whole.
        """
        basic = sum((p.value for p in parts if p.subject in _BASIC_PARTS), Decimal(0))
        specific = sum((p.value for p in parts if p.subject not in _BASIC_PARTS), Decimal(0))
        return (
            basic > 0
            and basic + specific == total.value
            and specific <= listed < total.value
        )

    @staticmethod
    def _readings(ctx: CheckContext) -> list[tuple[int, str]]:
        """(count, what) for each way the document lists its projects; the first is its target table."""
        targets = [p for pt in ctx.performance_tables("project_performance") for p in pt.projects]
        out: list[tuple[int, str]] = []
        if targets:
            out.append((len(targets), "项目支出绩效目标表所列目标"))
            out.append((sum(1 for p in targets if not is_basic_target(p)), "其中项目类（非人员、运转类）目标"))
        t = ctx.d.table("gp_projects")
        if t is not None:
            out.append((len(project_rows(t)), "项目支出表所列项目"))
        dep = ctx.d.performance.department
        if dep and dep.tasks:
            out.append((len(dep.tasks), "部门整体支出绩效目标表的年度主要任务"))
        return [(n, what) for n, what in out if n]


_BASIC_PARTS = {"performance_projects.personnel", "performance_projects.operating"}

_UNITS = "个|辆|家|人|名|项|台|套|所|处"
_WHOLE = re.compile(rf"([\u4e00-\u9fa5]{{2,16}}?)(\d+)\s*({_UNITS})[，,]?\s*其中[：:，,]?(.*)")
_PART = re.compile(rf"([\u4e00-\u9fa5（）()、]{{1,20}}?)\s*(\d+)\s*({_UNITS})")


@register
class CountParts(Rule):
    """A count stated with its parts ("N个，其中 A个、B个") is smaller than its parts.

    Example (003 line 66): "凉山州科学技术协会下属预算单位1个，其中行政单位1个，参照
    公务员法管理的事业单位0个，其他事业单位1个" — the parts add up to 2 (and the
    list below it names two units, lines 69–70). Parts that add up to less
    than the whole are not reported: "其中" may list only some kinds (001 line
    377: 车辆1辆，其中省部级领导干部用车0辆…). Parts in another unit (万元) are
    not parts. Reads the text lines (skipped when the source file is gone).
    """

    id = "NR08"
    name = "narrative.count_parts"
    template = "说明第 {line} 行「{label}」{found}{unit}，其中各项之和为 {expected}{unit}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        if not ctx.lines:
            return
        for n, text in sorted(ctx.lines.items()):
            if "其中" not in text:
                continue
            compact = "".join(text.split())
            sentence, used = paragraph_from(ctx.lines, n, 0, stop="。；;")
            m = _WHOLE.search(sentence)
            if not m or m.start() > len(compact):
                continue  # the whole belongs to a later line
            label, whole, unit, rest = m.group(1), Decimal(m.group(2)), m.group(3), m.group(4)
            parts = [(name, Decimal(k)) for name, k, u in _PART.findall(rest) if u == unit]
            if len(parts) < 2:
                continue
            total = sum((k for _, k in parts), Decimal(0))
            if total > whole:
                yield self.finding(
                    d, expected=total, found=whole, unit=unit, line=n, label=label,
                    evidence=[ctx.line_evidence(k) for k in used],
                )
