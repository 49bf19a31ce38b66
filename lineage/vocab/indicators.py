"""The level names of the national performance-indicator framework (绩效指标体系).

Every 绩效目标表 — a list, a flattened table or one card per project — files its indicators
under the framework's 一级 and 二级 names (财政部 共性绩效指标框架; the 2021 revision moved 成本指标
to the first level with 经济/社会/生态环境成本 under it; older templates still print 成本指标 as a
second level under 产出指标, and 可持续发展指标 for 可持续影响指标). The names are a closed
vocabulary, which is what lets a reader recognise a level cell printed one character a line
("产 / 出 / 指 / 标") or wrapped ("社会效益指 / 标", "服务对象满 / 意度 / 指标") as one name.

Templates often print a name without its suffix 指标 ("经济成本", "服务对象满意度" in a
西安 card); `level_name` accepts both and answers with the text as printed, never a rewrite.
"""

from __future__ import annotations

LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2 = (
    "数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "经济效益指标", "生态效益指标",
    "可持续影响指标", "可持续发展指标", "服务对象满意度指标", "经济成本指标", "社会成本指标",
    "生态环境成本指标",
)
SUFFIX = "指标"
_NAMES = frozenset(LEVEL1 + LEVEL2)
_STEMS = frozenset(n[: -len(SUFFIX)] for n in _NAMES)


def is_level_name(text: str) -> bool:
    """True for a level name of the framework, printed with or without its suffix 指标.

    >>> is_level_name("社会效益指标"), is_level_name("经济成本"), is_level_name("社会效益指")
    (True, True, False)
    """
    return text in _NAMES or text in _STEMS
