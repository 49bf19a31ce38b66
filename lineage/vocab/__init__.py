"""The table vocabulary: one place below parse and checks for what tables are.

tables.py holds a `TableSpec` per table kind (title variants, columns, sums,
sides, unit, the quantities it states); columns.py the header words of each
column; titles.py recognises a title, a number marker or a 目录 line;
families.py the template families (which tables a 四川/重庆/上海 部门预算 or a
部门决算 prints, numbered how). Parse, checks, graph and report import from
here; adding a province is adding data here and a test document.
"""

from lineage.vocab.columns import canonical_column, header_group
from lineage.vocab.tables import (
    KIND_LABELS, MONEY_KINDS, PERFORMANCE_KINDS, SPECS, TITLE_WORD, TWO_SIDED, TableSpec, columns, label, spec,
    sums,
)
from lineage.vocab.titles import Title, kind_of_title, read_title

__all__ = [
    "KIND_LABELS", "MONEY_KINDS", "PERFORMANCE_KINDS", "SPECS", "TITLE_WORD", "TWO_SIDED", "TableSpec", "Title",
    "canonical_column", "columns", "header_group", "kind_of_title", "label", "read_title", "spec", "sums",
]
