"""Load + check time for the five seeds, and check time for N disclosures (copies).

    python benchmarks/check_many.py [--n 1000]

Copies are the seeds parsed once and given varied unit names, so the figure
is the cost of checking (the target: 1,000 disclosures in under 10 s), with
parsing measured separately on the seeds.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from lineage.checks import run_checks
from lineage.parse.disclosure import parse_file
from lineage.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    files = sorted(SEEDS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        parsed = [parse_file(f) for f in files]
        parse_s = time.perf_counter() - start
        start = time.perf_counter()
        with Store(Path(tmp) / "bench.db", create=True) as st:
            for d in parsed:
                st.put(d, run_checks(d))
        load_s = time.perf_counter() - start
        print(f"five seeds: parse {parse_s * 1000:.0f} ms, check + store {load_s * 1000:.0f} ms")
        copies = []
        for i in range(args.n):
            d = parsed[i % len(parsed)].model_copy(deep=True)
            d.unit_name = f"{d.unit_name}-副本{i}"
            d.id = f"{d.year}/{d.unit_name}/{d.kind}"
            copies.append(d)
        start = time.perf_counter()
        n_findings = sum(len(run_checks(d)) for d in copies)
        check_s = time.perf_counter() - start
        print(f"{args.n} disclosures: check {check_s:.2f} s ({check_s / args.n * 1000:.1f} ms each, "
              f"{n_findings} findings; target < 10 s)")


if __name__ == "__main__":
    main()
