"""Fill a session log with generated sessions, and measure the log's own figures (issue 7).

    python bench/gen_log.py DATA_DIR --sessions 100000        # write DATA_DIR/log.sqlite3
    python bench/gen_log.py DATA_DIR --sessions 100000 --measure

``--measure`` prints JSON with medians (and min, max) in milliseconds of: recording a step
boundary durably (a real ``SessionRecorder`` driven by a real ``Engine``), the home screen's
"due today" for every routine, building the History screen's data, and building the HTML report
for the last year, and the History screen from push to first paint (headless Textual). Owned
by the log (helper H3); bench/run may call it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from benchlib.synthetic import fill_log
from homecare.log.adherence import due_today
from homecare.log.overview import overview
from homecare.log.recorder import SessionRecorder
from homecare.log.report import build_report, render
from homecare.log.store import open_store
from homecare.routine.model import RestStep, Routine, RoutineFile
from homecare.session.clock import SystemClock
from homecare.session.engine import Engine
from homecare.session.plan import compile_plan


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "median_ms": statistics.median(samples),
        "min_ms": min(samples),
        "max_ms": max(samples),
        "runs": len(samples),
    }


def timed(action, repeat: int) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return summary(samples)


def step_boundaries(path: Path, count: int) -> dict[str, float]:
    """Time each engine call that ends a step, with the recorder's durable write."""
    steps = tuple(RestStep(seconds=1) for _ in range(count))
    routine = Routine(title="Bench", id="bench", steps=steps)
    plan = compile_plan(routine)
    clock = _SteppingClock()
    routine_file = RoutineFile(path, routine, "bench", "file")
    engine = Engine(plan, clock)
    recorder = SessionRecorder(path, routine_file, engine)
    recorder.record(engine.start())
    assert recorder.flush(60)  # the writer thread opened (and checked) the log

    def one_step():  # the engine call and the write on the recorder's thread, until durable
        clock.advance(1.0)
        recorder.record(engine.update())
        recorder.flush()

    result = timed(one_step, count)
    assert recorder.close(60) and recorder.problem == "" and recorder.session.steps_done == count
    return result


class _SteppingClock(SystemClock):
    """Real wall time for the log, monotonic time moved by hand so each call ends one step."""

    def __init__(self) -> None:
        self._now = 0.0

    def monotonic(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += seconds


def history_screen_ready(path: Path, repeat: int) -> dict[str, float]:
    """From pushing the History screen to its first paint, headless, in a Textual app."""
    import asyncio

    from textual.app import App

    from homecare.ui.screens.history import HistoryScreen

    samples = []

    async def one() -> None:
        store = open_store(path)
        async with App().run_test(size=(100, 40)) as pilot:
            start = time.perf_counter()
            await pilot.app.push_screen(HistoryScreen(store))
            await pilot.pause()
            samples.append((time.perf_counter() - start) * 1000)
        store.close()

    for _ in range(repeat):
        asyncio.run(one())
    return summary(samples)


def measure(path: Path) -> dict[str, object]:
    today = SystemClock().wall().date()
    store = open_store(path)
    routines = store.routines()
    figures: dict[str, object] = {"sessions": store.count()}
    figures["open_store"] = timed(lambda: open_store(path).close(), 20)
    figures["due_today_all_routines"] = timed(
        lambda: [due_today(store, rid, v.schedule, today) for rid, v in routines.items()], 50
    )
    figures["history_screen_data"] = timed(lambda: overview(store, today), 20)
    figures["history_screen_ready"] = history_screen_ready(path, 5)
    year = today - timedelta(days=365)
    figures["report_html_year"] = timed(
        lambda: render(build_report(store, year, today, datetime.now().astimezone()), "html"), 5
    )
    figures["step_boundary_write"] = step_boundaries(path.with_name("bench-steps.sqlite3"), 50)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--per-day", type=int, default=6, help="generated sessions per day")
    parser.add_argument("--measure", action="store_true", help="print the log's figures as JSON")
    args = parser.parse_args(argv)
    path = args.data_dir / "log.sqlite3"
    if args.sessions:
        with open_store(path) as store:
            start = time.perf_counter()
            fill_log(store, args.sessions, per_day=args.per_day)
            seconds = time.perf_counter() - start
            print(f"wrote {args.sessions} sessions to {path} in {seconds:.1f} s", file=sys.stderr)
    if args.measure:
        print(json.dumps(measure(path), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
