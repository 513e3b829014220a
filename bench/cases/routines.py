"""``homecare check`` on 1,000 generated routine files, in one command."""

from __future__ import annotations

import subprocess
import time

from benchlib.context import Bench
from benchlib.fixtures import routine_files
from benchlib.results import Row, Spread, ms, not_measured, verdict

SECTION = "routine files"
COUNT = 1000
LIMIT = 0.7  # seconds (issue 17)


def run(bench: Bench) -> None:
    name = f"homecare check on {COUNT:,} files"
    target = f"< {LIMIT} s"
    if why := bench.missing("homecare.commands.check"):
        bench.report.add(not_measured(SECTION, name, target, why))
        return
    paths = routine_files(bench, COUNT)
    argv = bench.homecare("check", *map(str, paths))
    env = bench.env()
    times = []
    for _ in range(bench.repeats(5, 2)):
        started = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            why = f"exit code {done.returncode} on valid files: {last[:120]}"
            bench.report.add(not_measured(SECTION, name, target, why))
            return
    folder = paths[0].parent.relative_to(bench.out.parent.parent)
    bench.report.command(SECTION, f"homecare check {folder}/*.toml   # {COUNT} files, one command")
    spread = Spread(tuple(times))
    bench.report.add(Row(SECTION, name, ms(spread), target, verdict(spread.median < LIMIT)))
