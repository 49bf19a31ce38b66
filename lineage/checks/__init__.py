"""The checks: a registry of rules, one module per family (BL, HI, XT, NR, DC, LB, OR, TB, PA)."""

from lineage.checks.finding import Finding, pairs
from lineage.checks.registry import RULES, all_rules, run_checks

__all__ = ["Finding", "RULES", "all_rules", "pairs", "run_checks"]
