"""Time parsing of the bundled seeds: median of several runs, per file and in total.

    python benchmarks/parse_seeds.py [--runs 15]

Target (issue: parse every table): under 50 ms median per seed on a 2-core machine.
Also prints, per seed, the table rows that print amounts and how many of them
stay ambiguous (the flattened layout's lost cells that nothing in the document
decides; issue #11: at most 2% over the five seeds).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from lineage.parse.disclosure import parse_file

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    files = sorted(SEEDS.glob("*.txt"))
    counts = {}
    for f in files:  # warm-up (imports, regex compilation), and the ambiguity count
        rows = [r for t in parse_file(f).tables for r in t.rows if r.printed]
        counts[f.name] = (len(rows), sum(r.ambiguous for r in rows))
    load_before = os.getloadavg()
    totals = []
    per_file: dict[str, list[float]] = {f.name: [] for f in files}
    cpu: dict[str, list[float]] = {f.name: [] for f in files}
    for _ in range(args.runs):
        start_all = time.perf_counter()
        for f in files:
            start, start_cpu = time.perf_counter(), time.process_time()
            parse_file(f)
            per_file[f.name].append((time.perf_counter() - start) * 1000)
            cpu[f.name].append((time.process_time() - start_cpu) * 1000)
        totals.append((time.perf_counter() - start_all) * 1000)
    # CPU time too: on a machine shared with other work the wall clock mostly measures the others.
    load_after = os.getloadavg()
    print(f"parse, median of {args.runs} runs (wall clock, CPU time); table rows with amounts, of which ambiguous")
    print(f"  load average (1, 5, 15 min) before {' '.join(f'{x:.2f}' for x in load_before)},"
          f" after {' '.join(f'{x:.2f}' for x in load_after)} on {os.cpu_count()} cores")
    for name, times in per_file.items():
        rows, ambiguous = counts[name]
        print(f"  {name:32s} {statistics.median(times):7.1f} ms  {statistics.median(cpu[name]):6.1f} ms cpu"
              f"  {rows:4d} rows  {ambiguous:3d} ambiguous")
    print(f"  {'all five seeds':32s} {statistics.median(totals):7.1f} ms")
    rows, ambiguous = (sum(c[i] for c in counts.values()) for i in (0, 1))
    print(f"  {'ambiguous rows':32s} {ambiguous} of {rows} ({100 * ambiguous / rows:.1f}%, target <= 2%)")
    print(f"  {'worst seed median':32s} {max(statistics.median(t) for t in per_file.values()):7.1f} ms,"
          f" {max(statistics.median(t) for t in cpu.values()):6.1f} ms cpu (target < 50 ms)")


if __name__ == "__main__":
    main()
