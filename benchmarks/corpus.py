"""A national corpus on one machine: `lineage load` and `lineage check` over N distinct disclosures.

    python benchmarks/corpus.py [--n 100 1000 10000] [--jobs J] [--skip-check]

Each N gets a fresh folder of N text files: the five seeds in turn, each with
its unit name given a distinct prefix of Chinese characters (甲乙丙… for the
digits of its number: 乙辛甲癸四川省科技交流中心 for copy 1709), so every
file is a distinct unit with its own disclosure id, and parses exactly as its
seed does (same tables, rows and findings). The commands run as a user runs
them, in a child process, on a fresh store:

    lineage load DIR --store DB          then   lineage check --store DB > /dev/null

and the script prints, per N and command: wall time, time per disclosure (wall
and CPU, the CPU summed over the workers), peak memory, and for load the store size (per disclosure and as a multiple of
the input text). Memory is sampled every 0.1 s over the command's process and
its workers: `PSS` sums their proportional set sizes (pages shared by forked
workers counted once: the memory the run really takes), `RSS` is the largest
single process's peak resident set (the kernel's high-water mark, VmHWM).
The floor is reading the same files (bytes + UTF-8 decoding, in this process,
cached): what no loader can beat.

Targets (issue 15, 2 cores): 10,000 disclosures loaded in <= 5 minutes with peak memory <= 400 MiB and
time per disclosure flat (within 10%) from 1,000 to 10,000; check over them <= 60 s and <= 400 MiB;
store <= 1.5x the input text.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"
LINEAGE = [sys.executable, "-c", "import sys; from lineage_cli.main import cli; sys.exit(cli())"]
DIGITS = "甲乙丙丁戊己庚辛壬癸"
SEED_UNITS = {  # the unit name each seed prints (its heading), read from the documents
    "000": "四川省科技交流中心", "001": "渠县科学技术协会", "002": "成华区科学技术协会",
    "003": "凉山州科学技术协会", "004": "重庆市科学技术协会",
}


def corpus(folder: Path, n: int) -> int:
    """Write N distinct disclosures into folder; returns their total size in bytes."""
    seeds = [(SEED_UNITS[p.name[:3]], p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    size = 0
    for i in range(n):
        unit, text = seeds[i % len(seeds)]
        tag = "".join(DIGITS[int(c)] for c in str(i))
        data = text.replace(unit, tag + unit).encode("utf-8")
        (folder / f"{i:06d}.txt").write_bytes(data)
        size += len(data)
    return size


def floor(folder: Path) -> float:
    """Seconds to read and decode every file: the least any loader must spend."""
    start = time.perf_counter()
    for f in sorted(folder.iterdir()):
        f.read_bytes().decode("utf-8")
    return time.perf_counter() - start


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the command and its workers
    pss_mib: float  # peak of the summed PSS over the process tree
    rss_mib: float  # the largest single process's peak RSS
    exit_code: int


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _kib(pid: int, file: str, key: str) -> int:
    """A "Key:   123 kB" figure of /proc/PID/file (0 once the process is gone)."""
    try:
        with open(f"/proc/{pid}/{file}") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith(key))
    except (OSError, StopIteration):
        return 0


def measure(args: list[str], deadline: float | None = None) -> Run:
    """Run a lineage command (stdout discarded), sampling its process tree's memory; stop it after `deadline` s."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(LINEAGE + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, hwm = 0, 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, hwm
        while not done.is_set():
            tree = _tree(proc.pid)
            peak = max(peak, sum(_kib(p, "smaps_rollup", "Pss:") for p in tree))
            hwm = max([hwm] + [_kib(p, "status", "VmHWM:") for p in tree])
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        _, err = proc.communicate(timeout=deadline)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGINT)  # as Ctrl-C: the load keeps the batches it committed
        _, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1) and deadline is None:
        sys.exit(f"lineage {' '.join(args)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # includes the workers, reaped by the command
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Run(seconds, cpu, peak / 1024, hwm / 1024, proc.returncode)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--jobs", type=int, default=None, help="passed to lineage --jobs (default: every core)")
    ap.add_argument("--skip-check", action="store_true")
    ap.add_argument("--deadline", type=float, default=None,
                    help="stop a load after this many seconds and report the rate of what it stored by then")
    args = ap.parse_args()
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at start")
    print(f"{'N':>6} {'command':<7} {'wall s':>7} {'ms/discl.':>9} {'cpu ms/d.':>9} {'× floor':>8} "
          f"{'PSS MiB':>8} {'RSS MiB':>8}  store")
    for n in args.n:
        with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
            folder, db = Path(tmp) / "files", Path(tmp) / "lineage.db"
            folder.mkdir()
            text = corpus(folder, n)
            floor_s = floor(folder)
            floor_ms = floor_s / n * 1000  # per disclosure
            runs = [("load", measure(["load", str(folder), "--store", str(db), *jobs], args.deadline))]
            store = db.stat().st_size
            with sqlite3.connect(db) as con:
                stored = con.execute("SELECT count(*) FROM disclosures").fetchone()[0]
            if stored < n:  # stopped at the deadline: figures per disclosure stored
                print(f"{n:>6} load stopped after {runs[0][1].seconds:.0f} s with {stored} disclosures stored; "
                      f"figures below are per stored disclosure", flush=True)
                text = text * stored // n
                n = stored
            if not args.skip_check:
                runs.append(("check", measure(["check", "--store", str(db)])))
            for name, r in runs:
                extra = (f"  {store / n / 1024:.1f} KiB/discl., {store / text:.2f}× the input text "
                         f"({text / n / 1024:.1f} KiB)" if name == "load" else "")
                print(f"{n:>6} {name:<7} {r.seconds:>7.1f} {r.seconds / n * 1000:>9.1f} {r.cpu_seconds / n * 1000:>9.1f} "
                      f"{r.seconds / n * 1000 / floor_ms:>8.0f} {r.pss_mib:>8.0f} {r.rss_mib:>8.0f}{extra}", flush=True)
            print(f"{n:>6} {'floor':<7} {floor_s:>7.2f} {floor_ms:>9.2f}", flush=True)
    print(f"load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
