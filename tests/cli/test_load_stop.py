"""lineage load stopped early (Ctrl-C, --deadline): what is done is kept, the rest is named, exit non-zero."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from lineage.workers import ordered
from lineage_cli import load_cmd
from lineage_cli.main import cli
from tests.conftest import SEEDS

UNITS = ["四川省科技交流中心", "渠县科学技术协会", "成华区科学技术协会", "凉山州科学技术协会", "重庆市科学技术协会"]


def run(*args):
    return CliRunner().invoke(cli, list(args))


def stored_units(store: Path) -> list[str]:
    report = json.loads(run("check", "--store", str(store), "--format", "json").stdout)
    return sorted(d["unit_name"] for d in report["disclosures"])


def test_stopping_keeps_the_loaded_files_and_names_the_others(tmp_path, monkeypatch):
    calls = []

    def stop_after_three(self) -> bool:  # with one worker, asked once before each file
        calls.append(1)
        if len(calls) > 3:
            self.reason = "interrupt"
        return self.reason is not None

    monkeypatch.setattr(load_cmd.Stop, "__call__", stop_after_three)
    store = tmp_path / "s.db"
    r = run("load", str(SEEDS), "--store", str(store), "--jobs", "1")
    assert r.exit_code == load_cmd.EXIT_INTERRUPTED == 130
    # the first three seeds (000, 001, 002) are stored; 003 and 004 are named as not loaded
    assert stored_units(store) == sorted(UNITS[:3])
    (stopped,) = [line for line in r.stderr.splitlines() if line.startswith("stopped:")]
    assert "by Ctrl-C after 3 of 5 files; not loaded: 2 files" in stopped
    assert "003_" in stopped and "004_" in stopped and "002_" not in stopped
    monkeypatch.undo()
    again = run("load", str(SEEDS), "--store", str(store))
    assert again.exit_code == 0 and "2 added, 0 replaced, 3 unchanged" in again.stderr


def test_a_deadline_reached_before_the_first_file_loads_nothing_and_exits_4(tmp_path):
    store = tmp_path / "s.db"
    r = run("load", str(SEEDS), "--store", str(store), "--jobs", "1", "--deadline", "1e-9")
    assert r.exit_code == load_cmd.EXIT_STOPPED == 4
    assert "by --deadline 1e-09 s after 0 of 5 files; not loaded: 5 files" in r.stderr
    assert not store.exists()  # no store is made for nothing


def _slow_after_two(n: int) -> int:
    if n >= 2:
        time.sleep(60)
    return n * n


def test_a_stopped_pool_yields_what_is_done_in_order_and_does_not_wait_for_the_rest():
    for jobs in (1, 2):
        got, start = [], time.monotonic()
        for value in ordered(_slow_after_two, range(6), jobs, stop=lambda: len(got) >= 2):
            got.append(value)
        assert got == [0, 1]
        assert time.monotonic() - start < 30  # the 60-second items were abandoned, not awaited


def test_ctrl_c_stops_a_running_load_and_every_stored_disclosure_is_whole(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    for i in range(40):  # distinct file names; same content per seed, so 5 disclosures at most
        seed = sorted(SEEDS.glob("*.txt"))[i % 5]
        shutil.copy(seed, folder / f"{i:03d}_{seed.name}")
    store = tmp_path / "s.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from lineage_cli.main import cli; sys.exit(cli())",
         "load", str(folder), "--store", str(store), "--jobs", "2"],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"},
    )
    deadline = time.monotonic() + 120
    while not store.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:  # finished before the signal arrived: nothing to check on this machine
        return
    assert proc.returncode == 130, err
    (stopped,) = [line for line in err.splitlines() if line.startswith("stopped:")]
    taken = int(stopped.split(" after ")[1].split(" of ")[0])
    assert f"of 40 files; not loaded: {40 - taken} files" in stopped
    assert "Traceback" not in err
    # every stored disclosure reads back whole (a half-written row would not validate)
    from lineage.store import Store

    with Store(store) as st:
        assert len(st.ids()) == min(taken, 5)
        for d, findings in st.all():
            assert d.tables and d.unit_name in UNITS
