"""Fuzz the whole tool with seeded variants of the seeds and the PDFs; print the figures.

    python benchmarks/fuzz.py [--n 10000] [--start 0] [--jobs 2] [--cli-every 4] [--crashes DIR]

Variant k is tests.fuzz.mutate.variant(sources, k): deterministic, so a crash
is replayed by its number (add it to REGRESSIONS in tests/fuzz/test_fuzz.py).
Each variant goes through parse, checks, the parse JSON, the graph, trace,
compare, the Neo4j rows, the neo4j-admin CSV export and the store; every
--cli-every-th also through `lineage check --format json` in-process (exit
code must be 0, 1 or 2). A crash is any other exception or exit code; its
bytes and traceback go to --crashes.
"""

from __future__ import annotations

import argparse
import multiprocessing
import signal
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz.harness import outcome  # noqa: E402
from tests.fuzz.mutate import sources, variant  # noqa: E402

SOURCES = sources(ROOT / "data" / "seeds", ROOT / "data" / "pdf")


def run(job: tuple[int, int]) -> tuple[int, str, str, list[str], str, str | None, float, bytes]:
    n, cli_every = job
    name, data, done = variant(SOURCES, n)
    started = time.perf_counter()
    result, trace = outcome(name, data, with_cli=n % cli_every == 0)
    return n, name, result, done, "pdf" if name.endswith(".pdf") else "text", trace, time.perf_counter() - started, \
        data if trace else b""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000, help="how many variants")
    ap.add_argument("--start", type=int, default=0, help="the first variant's number")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes")
    ap.add_argument("--cli-every", type=int, default=4, help="run `lineage check` in-process on every k-th variant")
    ap.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"), help="where crashing inputs are written")
    args = ap.parse_args()
    outcomes: Counter = Counter()
    kinds: Counter = Counter()
    crashes: list[tuple[int, str, list[str], str]] = []
    slowest = (0.0, -1, "")
    started = time.perf_counter()
    jobs = [(n, args.cli_every) for n in range(args.start, args.start + args.n)]
    pool = multiprocessing.Pool(args.jobs)
    # Stopped early (Ctrl-C or kill), it still prints the figures of the variants it finished.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    interrupted = False
    try:
        for i, (n, name, result, done, kind, trace, seconds, data) in enumerate(
                pool.imap_unordered(run, jobs, chunksize=4), 1):
            outcomes[result] += 1
            kinds[kind, result] += 1
            slowest = max(slowest, (seconds, n, name))
            if trace:
                crashes.append((n, name, done, trace))
                args.crashes.mkdir(parents=True, exist_ok=True)
                (args.crashes / f"{n}-{name}").write_bytes(data)
                (args.crashes / f"{n}-{name}.traceback.txt").write_text(trace, encoding="utf-8")
                print(f"CRASH variant {n} ({name}; {', '.join(done)}): {trace.strip().splitlines()[-1]}", flush=True)
            if i % 100 == 0:
                print(f"  {i} variants, {outcomes['crash']} crashes, {time.perf_counter() - started:.0f} s",
                      file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        interrupted = True
        pool.terminate()
    else:
        pool.close()
    pool.join()
    elapsed = time.perf_counter() - started
    total = sum(outcomes.values())
    print(f"variants from {args.start}: {total} of {args.n}{' (interrupted)' if interrupted else ''} in "
          f"{elapsed:.0f} s ({total / elapsed:.1f}/s, {args.jobs} processes)")
    for kind in ("text", "pdf"):
        print(f"  {kind}: {kinds[kind, 'read']} read as a disclosure, {kinds[kind, 'refused']} refused in one line "
              f"(exit 2), {kinds[kind, 'crash']} crashes")
    print(f"  slowest: variant {slowest[1]} ({slowest[2]}) {slowest[0]:.1f} s")
    print(f"crashes: {len(crashes)}" + (f" (inputs and tracebacks in {args.crashes}/)" if crashes else ""))
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
