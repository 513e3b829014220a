"""The log at scale: history screen, a year's report, and the cost of a durable step boundary.

(The home screen with 100,000 sessions is measured with the other start-up figures, in
cases/paint.py, so its runs interleave with the empty-log runs it is compared with.)
"""

from __future__ import annotations

import subprocess
import time
from datetime import date, timedelta

from benchlib import homecare_ui
from benchlib.context import Bench
from benchlib.fixtures import LOG_MODULES, LOG_SIZES, log_data_dir
from benchlib.results import Row, Spread, ms, not_measured, verdict
from benchlib.term import PtyProcess

SECTION = "log"
HISTORY_LIMIT = 0.2
REPORT_LIMIT = 1.0
BOUNDARY_LIMIT = 0.005


def history_screen(bench: Bench) -> None:
    name = "history screen ready, 100,000 sessions"
    target = "≤ 200 ms"
    why = bench.missing("homecare.commands.app", "homecare.ui.screens.history", *LOG_MODULES)
    if why:
        bench.report.add(not_measured(SECTION, name, target, why))
        return
    log_data_dir(bench, "huge")
    argv, env = bench.homecare(), bench.env("huge")
    bench.report.command(SECTION, bench.shown(argv, env) + "   # then h")
    times, settled, problem = [], [], ""
    for attempt in range(bench.repeats(6, 3)):
        with PtyProcess(argv, env) as process:
            if process.wait_for_text(*homecare_ui.HOME, timeout=20) is None:
                problem = "home screen never appeared"
                break
            process.wait_settled(quiet=0.3)
            sent = process.send(homecare_ui.HISTORY_KEY)
            shown = process.wait_for_text(*homecare_ui.HISTORY, timeout=10)
            if shown is None:
                screen = " ".join(process.screen.text().split())[-120:]
                problem = f"{', '.join(homecare_ui.HISTORY)} never appeared (screen: …{screen})"
                break
            done = process.wait_settled(quiet=0.3) or shown
            if attempt:  # the first run warms the caches
                times.append(shown - sent)
                settled.append(done - sent)
    if problem:
        bench.report.add(not_measured(SECTION, name, target, problem))
        return
    spread, full = Spread(tuple(times)), Spread(tuple(settled))
    bench.report.add(
        Row(
            SECTION,
            name,
            f"{ms(spread)}; settled {ms(full)}",
            target,
            verdict(full.median <= HISTORY_LIMIT),
        )
    )


def _timed_runs(argv: list[str], env: dict[str, str], repeats: int) -> tuple[list[float], str]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            return [], f"exit code {done.returncode}: {last[:120]}"
    return times, ""


def reports(bench: Bench) -> None:
    target = "< 1 s"
    since = ["--since", (date.today() - timedelta(days=365)).isoformat()]
    cases = {
        f"report --format html, a year ({LOG_SIZES['year']:,} sessions)": "year",
        "report --format html, the last year of 100,000 sessions": "huge",
    }
    for name, data in cases.items():
        why = bench.missing("homecare.commands.report", *LOG_MODULES)
        if why:
            bench.report.add(not_measured(SECTION, name, target, why))
            continue
        log_data_dir(bench, data)
        argv = bench.homecare("report", "--format", "html", *since)  # to standard output
        env = bench.env(data)
        times, problem = _timed_runs(argv, env, bench.repeats(5, 2))
        if problem:
            bench.report.add(not_measured(SECTION, name, target, problem))
            continue
        bench.report.command(SECTION, bench.shown(argv, env))
        spread = Spread(tuple(times))
        bench.report.add(
            Row(SECTION, name, ms(spread), target, verdict(spread.median < REPORT_LIMIT))
        )


def step_boundary(bench: Bench) -> None:
    """Through the real recorder and engine: bench/gen_log.py (the log's own helper) times
    each engine call that ends a step together with its durable write."""
    name = "durable step boundary (SessionRecorder + Engine)"
    target = "≤ 5 ms median"
    if why := bench.missing("homecare.log.recorder", "homecare.session.engine", "gen_log"):
        bench.report.add(not_measured(SECTION, name, target, why))
        return
    import gen_log

    path = bench.data_dir("boundary") / "log.sqlite3"
    for leftover in path.parent.glob("log.sqlite3*"):
        leftover.unlink()
    count = bench.repeats(300, 60)
    figures = gen_log.step_boundaries(path, count)
    bench.report.command(
        SECTION,
        f"in-process: gen_log.step_boundaries(bench/out/data/boundary/"
        f"log.sqlite3, {count})   # bench/gen_log.py",
    )
    figure = (
        f"{figures['median_ms']:.2f} ms ({figures['min_ms']:.2f}–{figures['max_ms']:.2f}, "
        f"n={figures['runs']})"
    )
    bench.report.add(
        Row(SECTION, name, figure, target, verdict(figures["median_ms"] / 1000 <= BOUNDARY_LIMIT))
    )


def run(bench: Bench) -> None:
    step_boundary(bench)
    reports(bench)
    history_screen(bench)
