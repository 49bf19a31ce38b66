"""Time `lineage report UNIT --html FILE` for each seed: the whole command (a fresh process, as a user
runs it: start-up, imports, store read, graph, checks' findings, HTML), as wall time and as the CPU
time of the process (user + system: what the command costs, whatever else the machine is running),
and the rendering alone (in one process), each the median of several runs, with the file size.

    python benchmarks/report_html.py [--runs 9]

Target (issue #13): under 1 s for one disclosure.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lineage.checks import run_checks
from lineage.parse.disclosure import parse_file
from lineage.report.html_report import UnitReport, render_html

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
LINEAGE = Path(sys.executable).parent / "lineage"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    files = sorted(SEEDS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "bench.db"
        subprocess.run([str(LINEAGE), "load", str(SEEDS), "--store", str(store)], check=True, capture_output=True)
        print(f"lineage report, median of {args.runs} runs")
        print(f"  {'seed':28s} {'command':>9s} {'cpu':>9s} {'render':>9s} {'file':>10s}")
        for f in files:
            d = parse_file(f)
            unit = UnitReport(d, run_checks(d))
            render_html([unit])  # warm-up
            renders = []
            for _ in range(args.runs):
                start = time.perf_counter()
                page = render_html([unit])
                renders.append((time.perf_counter() - start) * 1000)
            out = Path(tmp) / f"{f.stem}.html"
            commands, cpu = [], []
            for _ in range(args.runs):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([str(LINEAGE), "report", d.id, "--store", str(store), "--html", str(out)],
                               check=True, capture_output=True)
                commands.append((time.perf_counter() - start) * 1000)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
            print(f"  {f.name:28s} {statistics.median(commands):7.0f} ms {statistics.median(cpu):6.0f} ms "
                  f"{statistics.median(renders):6.1f} ms {out.stat().st_size / 1024:7.0f} KiB")
        ids = [parse_file(f).id for f in files]
        out = Path(tmp) / "all.html"
        start = time.perf_counter()
        subprocess.run([str(LINEAGE), "report", *ids, "--store", str(store), "--html", str(out)], check=True, capture_output=True)
        print(f"  {'all five, compared':28s} {(time.perf_counter() - start) * 1000:7.0f} ms {'':19s} {out.stat().st_size / 1024:7.0f} KiB")


if __name__ == "__main__":
    main()
