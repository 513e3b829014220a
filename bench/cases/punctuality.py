"""Punctuality: every phase change on schedule, no drift, sessions that end on time.

Two views. On a fake clock, the engine runs a 20-minute routine in a blink, woken at each
deadline it announces plus a random lateness (what a busy event loop does); every phase change
is compared with the plan's schedule, so any drift that accumulates would show at the end. On
the real clock, ``homecare run FILE --plain`` runs a one-minute routine in a pseudo-terminal and
each bell is timestamped as it arrives; termdown counts down the same minute beside it.
"""

from __future__ import annotations

import random
import time
from itertools import accumulate

from benchlib import homecare_ui
from benchlib.context import Bench
from benchlib.fixtures import routine_path
from benchlib.results import INFO, Row, Spread, ms, not_measured, verdict
from benchlib.term import PtyProcess, pump_all, run_for

SECTION = "punctuality"
LIMIT = 0.020  # every phase change within 20 ms of its schedule
END_LIMIT = 0.3  # a session ends within 0.3 s of start-up + its nominal length
QUIT_LIMIT = 0.25
LATENESS = 0.015  # the fake clock wakes up to this late after each deadline


def _signed_ms(seconds: float) -> str:
    return f"{round(seconds * 1000) or 0:+d} ms"


def _plan(name: str):
    from homecare.plan import compile_plan
    from homecare.routine.loader import load_file

    return compile_plan(load_file(routine_path(name)).routine)


def _schedule(plan) -> list[float]:
    """When each phase starts, in seconds from the session's start."""
    return [0.0, *accumulate(phase.seconds for phase in plan.phases)][: len(plan.phases)]


def fake_clock(bench: Bench) -> None:
    name = "fake clock, 20-minute routine"
    if why := bench.missing("homecare.engine", "homecare.clock", "homecare.plan"):
        bench.report.add(not_measured(SECTION, name, "≤ 20 ms, no drift", why))
        return
    from homecare.clock import FakeClock
    from homecare.engine import Engine, PhaseStarted, SessionCompleted

    plan = _plan("twenty-minutes")
    schedule = _schedule(plan)
    for lateness in (0.0, LATENESS):
        rng = random.Random(7)
        clock = FakeClock()
        engine = Engine(plan, clock)
        start = clock.monotonic()
        errors, observed_late, ended = [], [], None
        events = engine.start()
        while True:
            for event in events:
                if isinstance(event, PhaseStarted):
                    # When the engine says the phase began, against the plan's schedule ...
                    began = clock.monotonic() - engine.snapshot().elapsed_in_phase - start
                    errors.append(abs(began - schedule[event.phase.index]))
                    # ... and how late a screen woken at the deadline learns of it.
                    observed_late.append(clock.monotonic() - start - schedule[event.phase.index])
                elif isinstance(event, SessionCompleted):
                    ended = engine.snapshot().active_seconds
            deadline = engine.next_deadline()
            if deadline is None:
                break
            clock.advance_to(deadline + rng.uniform(0, lateness))
            events = engine.update()
        drift = abs(ended - plan.total_seconds) if ended is not None else float("inf")
        label = f"{name}, woken {'on time' if not lateness else f'up to {LATENESS * 1000:.0f} ms late'}"
        worst = max(observed_late)
        figure = (
            f"{len(errors)} phase changes; engine schedule error max {max(errors) * 1e6:.1f} µs; "
            f"seen up to {worst * 1000:.1f} ms late; end drift {drift * 1e6:.1f} µs "
            f"after {plan.total_seconds / 60:.0f} min"
        )
        ok = worst <= LIMIT and max(errors) < 1e-6 and drift < 1e-6 and len(errors) == len(plan.phases)
        bench.report.add(Row(SECTION, label, figure, "each ≤ 20 ms, no drift", verdict(ok)))
    bench.report.command(SECTION, "in-process: homecare.engine.Engine(plan, FakeClock()) on "
                         "bench/routines/twenty-minutes.toml")  # fmt: skip


def _bell_errors(bells: list[float], schedule: list[float]) -> Spread:
    """How far each scheduled phase change is from the nearest bell, the first bell marking
    the first phase's start (a phase change may ring several times: a pattern per kind)."""
    offsets = [moment - bells[0] for moment in bells]
    return Spread(tuple(min(abs(offset - moment) for offset in offsets) for moment in schedule[1:]))


def _bell_row(bench: Bench, name: str, bells: list[float], schedule: list[float]) -> None:
    errors = _bell_errors(bells, schedule)
    bench.report.add(Row(SECTION, name, f"{ms(errors, 1)}; worst {errors.high * 1000:.1f} ms over "
                         f"{len(schedule) - 1} changes", "each ≤ 20 ms",
                         verdict(errors.high <= LIMIT)))  # fmt: skip


def _start_app(bench: Bench, plan, routine: str) -> tuple[PtyProcess | None, str]:
    """The full-screen app running the same routine, driven past the pain rating."""
    if why := bench.missing("homecare.ui.app"):
        return None, why
    argv = bench.homecare("run", str(routine_path(routine)))
    env = bench.env("punctual-app")
    process = PtyProcess(argv, env)
    if homecare_ui.start_session(process, (plan.phases[0].label, homecare_ui.RUN_KEYS)) is None:
        screen = " ".join(process.screen.text().split())[-120:]
        process.kill()
        return None, f"the session never started (screen: …{screen})"
    bench.report.command(SECTION, bench.shown(argv, env) + "   # skip the pain rating")
    return process, ""


def real_clock(bench: Bench) -> None:
    plain = "real clock, homecare run --plain"
    app_name = "real clock, full-screen app: phase changes (bells)"
    routine = "punctual-quick" if bench.quick else "punctual"
    plan = _plan(routine) if not bench.missing("homecare.plan") else None
    if why := bench.missing("homecare.plain", "homecare.commands.run", "homecare.plan"):
        for name, target in ((f"{plain}: phase changes (bells)", "each ≤ 20 ms"),
                             (f"{plain}: session complete shown", "≤ 0.3 s late"),
                             (f"{plain}: process exit", "≤ 0.3 s late"),
                             (f"{plain}: quit with Ctrl+C", "≤ 250 ms"),
                             (app_name, "each ≤ 20 ms")):  # fmt: skip
            bench.report.add(not_measured(SECTION, name, target, why))
        return
    schedule = _schedule(plan)
    app, app_problem = _start_app(bench, plan, routine)  # first: it needs driving
    argv = bench.homecare("run", str(routine_path(routine)), "--plain")
    env = bench.env("punctual")
    bench.report.command(SECTION, bench.shown(argv, env))
    homecare = PtyProcess(argv, env)
    termdown_argv = bench.termdown(f"{plan.total_seconds:.0f}")
    termdown = PtyProcess(termdown_argv, bench.env()) if termdown_argv else None
    if termdown_argv:
        bench.report.command(SECTION, bench.shown(termdown_argv))
    running = [p for p in (homecare, termdown, app) if p]
    deadline = time.monotonic() + plan.total_seconds + 15
    termdown_painted = None
    while any(p.exit is None for p in (homecare, termdown) if p) and time.monotonic() < deadline:
        pump_all(running, 0.5)
        if termdown and termdown_painted is None and termdown.screen.text().strip():
            termdown_painted = termdown.last_output_at
    if app:  # its session began before the others and is over; let its last bells ring
        run_for([app], 1.5)
    for process in running:
        process.kill()

    if app is None:
        bench.report.add(not_measured(SECTION, app_name, "each ≤ 20 ms", app_problem))
    else:
        _bell_row(bench, app_name, app.bell_times, schedule)
    if not homecare.bell_times or homecare.exit is None:
        output = " / ".join(line.strip() for _, line in homecare.lines[:3])
        why = f"no bells seen (exit {homecare.exit and homecare.exit.code}); output: {output}"
        bench.report.add(not_measured(SECTION, f"{plain}: phase changes (bells)", "each ≤ 20 ms",
                                      why[:200]))  # fmt: skip
        return
    _bell_row(bench, f"{plain}: phase changes (bells)", homecare.bell_times, schedule)
    first = homecare.bell_times[0]
    startup = first - homecare.started
    complete = next((t for t, line in homecare.lines if homecare_ui.PLAIN_COMPLETE in line), None)
    if complete is not None:
        late = complete - first - plan.total_seconds
        bench.report.add(Row(SECTION, f"{plain}: session complete shown",
                             f"{_signed_ms(late)} after start-up ({startup * 1000:.0f} ms) + "
                             f"{plan.total_seconds:.0f} s", "≤ 0.3 s late",
                             verdict(-LIMIT <= late <= END_LIMIT)))  # fmt: skip
    late = homecare.exit.at - first - plan.total_seconds
    bench.report.add(Row(SECTION, f"{plain}: process exit",
                         f"{_signed_ms(late)} after start-up + {plan.total_seconds:.0f} s",
                         "≤ 0.3 s late", verdict(-LIMIT <= late <= END_LIMIT)))  # fmt: skip
    if termdown and termdown.exit and termdown_painted:
        late = termdown.exit.at - termdown_painted - plan.total_seconds
        bench.report.add(Row(SECTION, "termdown: end of the same countdown (reference)",
                             f"{_signed_ms(late)} after first paint + {plan.total_seconds:.0f} s",
                             "—", INFO))  # fmt: skip
    _plain_quit(bench, argv[:-2] + [str(routine_path("long-ice")), "--plain"], env)


def _plain_quit(bench: Bench, argv: list[str], env: dict[str, str]) -> None:
    name = "real clock, homecare run --plain: quit with Ctrl+C"
    times = []
    for _ in range(bench.repeats(5, 2)):
        with PtyProcess(argv, env) as process:
            if process.wait_for(lambda p: bool(p.lines), 10) is None:
                break
            process.wait_for(lambda p: False, 1.0)
            sent = process.send(b"\x03")
            exit_ = process.wait_exit(5)
            if exit_ is not None:
                times.append(exit_.at - sent)
    if not times:
        bench.report.add(not_measured(SECTION, name, "≤ 250 ms", "the plain runner printed nothing"))
        return
    spread = Spread(tuple(times))
    bench.report.command(SECTION, bench.shown(argv, env) + "   # then Ctrl+C")
    bench.report.add(Row(SECTION, name, ms(spread), "≤ 250 ms", verdict(spread.median <= QUIT_LIMIT)))


def run(bench: Bench) -> None:
    fake_clock(bench)
    real_clock(bench)
