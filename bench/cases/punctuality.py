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
from benchlib.term import PtyProcess, pump_all

SECTION = "punctuality"
LIMIT = 0.020  # every phase change within 20 ms of its schedule
END_LIMIT = 0.3  # a session ends within 0.3 s of start-up + its nominal length
QUIT_LIMIT = 0.25
LATENESS = 0.015  # the fake clock wakes up to this late after each deadline


def _signed_ms(seconds: float) -> str:
    return f"{round(seconds * 1000) or 0:+d} ms"


def _plan(name: str):
    from homecare.routine.loader import load_file
    from homecare.session.plan import compile_plan

    return compile_plan(load_file(routine_path(name)).routine)


def _schedule(plan) -> list[float]:
    """When each phase starts, in seconds from the session's start. A phase that waits for the
    patient (putting a pack on, taking it off) is confirmed at once: it takes no time."""
    return [0.0, *accumulate(phase.seconds or 0.0 for phase in plan.phases)][: len(plan.phases)]


def fake_clock(bench: Bench) -> None:
    name = "fake clock, 20-minute routine"
    if why := bench.missing(
        "homecare.session.engine", "homecare.session.clock", "homecare.session.plan"
    ):
        bench.report.add(not_measured(SECTION, name, "≤ 20 ms, no drift", why))
        return
    from homecare.session.clock import FakeClock
    from homecare.session.engine import Engine, PhaseStarted, SessionCompleted

    plan = _plan("twenty-minutes")
    planned = _schedule(plan)
    for lateness in (0.0, LATENESS):
        rng = random.Random(7)
        clock = FakeClock()
        engine = Engine(plan, clock)
        start = clock.monotonic()
        errors, observed_late, ended = [], [], None
        schedule = list(planned)
        current, waited = 0, 0.0  # the phase that began last; time spent confirming phases
        events = engine.start()
        while True:
            for event in events:
                if isinstance(event, PhaseStarted):
                    current = event.phase.index
                    # When the engine says the phase began, against the plan's schedule ...
                    began = clock.monotonic() - engine.snapshot().elapsed_in_phase - start
                    errors.append(abs(began - schedule[event.phase.index]))
                    # ... and how late a screen woken at the deadline learns of it.
                    observed_late.append(clock.monotonic() - start - schedule[event.phase.index])
                elif isinstance(event, SessionCompleted):
                    ended = engine.snapshot().active_seconds
            deadline = engine.next_deadline()
            if deadline is None and ended is None:  # a phase waiting for the patient: ready now,
                late = clock.monotonic() - start - schedule[current]  # as woken, so what follows
                schedule[current + 1 :] = [moment + late for moment in schedule[current + 1 :]]
                waited += late  # starts that much later
                events = engine.confirm()
                if events:
                    continue
            if deadline is None:
                break
            clock.advance_to(deadline + rng.uniform(0, lateness))
            events = engine.update()
        drift = abs(ended - plan.total_seconds - waited) if ended is not None else float("inf")
        label = (
            f"{name}, woken {'on time' if not lateness else f'up to {LATENESS * 1000:.0f} ms late'}"
        )
        worst = max(observed_late)
        figure = (
            f"{len(errors)} phase changes; engine schedule error max {max(errors) * 1e6:.1f} µs; "
            f"seen up to {worst * 1000:.1f} ms late; end drift {drift * 1e6:.1f} µs "
            f"after {plan.total_seconds / 60:.0f} min"
        )
        ok = (
            worst <= LIMIT
            and max(errors) < 1e-6
            and drift < 1e-6
            and len(errors) == len(plan.phases)
        )
        bench.report.add(Row(SECTION, label, figure, "each ≤ 20 ms, no drift", verdict(ok)))
    bench.report.command(
        SECTION,
        "in-process: homecare.session.engine.Engine(plan, FakeClock()) on "
        "bench/routines/twenty-minutes.toml",
    )


def _bell_errors(bells: list[float], schedule: list[float]) -> Spread:
    """How far each scheduled phase change is from the nearest bell, the first bell marking
    the first phase's start (a phase change may ring several times: a pattern per kind)."""
    offsets = [moment - bells[0] for moment in bells]
    return Spread(tuple(min(abs(offset - moment) for offset in offsets) for moment in schedule[1:]))


def _bell_row(bench: Bench, name: str, bells: list[float], schedule: list[float]) -> None:
    errors = _bell_errors(bells, schedule)
    bench.report.add(
        Row(
            SECTION,
            name,
            f"{ms(errors, 1)}; worst {errors.high * 1000:.1f} ms over {len(schedule) - 1} changes",
            "each ≤ 20 ms",
            verdict(errors.high <= LIMIT),
        )
    )


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


PLAIN = "real clock, homecare run --plain"
PLAIN_ROWS = (
    (f"{PLAIN} on a terminal: phase changes (bells)", "each ≤ 20 ms"),
    (f"{PLAIN} on a terminal: session complete shown", "≤ 0.3 s late"),
    (
        f"{PLAIN}, input from a script: session complete shown, then exit",
        "≤ 0.3 s late; all the end cue's rings, exit ≤ 0.3 s after the last",
    ),
    (f"{PLAIN} on a terminal: quit with Ctrl+C", "≤ 250 ms"),
    ("real clock, full-screen app: phase changes (bells)", "each ≤ 20 ms"),
)


def real_clock(bench: Bench) -> None:
    """The plain runner as a patient uses it (on a terminal, answering its questions) and as a
    script uses it (input from a pipe: nothing asked), the full-screen app and termdown, all
    running the same routine at once."""
    if why := bench.missing(
        "homecare.plain.runner", "homecare.commands.run", "homecare.session.plan"
    ):
        for name, target in PLAIN_ROWS:
            bench.report.add(not_measured(SECTION, name, target, why))
        return
    routine = "punctual-quick" if bench.quick else "punctual"
    plan = _plan(routine)
    schedule = _schedule(plan)
    app, app_problem = _start_app(bench, plan, routine)  # first: these two need driving
    argv = bench.homecare("run", str(routine_path(routine)), "--plain")
    asked = PtyProcess(argv, bench.env("punctual"))
    started = homecare_ui.answer_plain(asked, also=(app,) if app else ())
    bench.report.command(
        SECTION,
        bench.shown(argv, bench.env("punctual"))
        + "   # answer: Enter (no pain rating), and Enter twice at the end",
    )
    scripted = PtyProcess(argv, bench.env("punctual-script"), piped_input=True)
    bench.report.command(
        SECTION, bench.shown(argv, bench.env("punctual-script")) + " < a pipe the bench keeps open"
    )
    termdown_argv = bench.termdown(f"{plan.total_seconds:.0f}")
    termdown = PtyProcess(termdown_argv, bench.env()) if termdown_argv else None
    if termdown_argv:
        bench.report.command(SECTION, bench.shown(termdown_argv))
    running = [p for p in (asked, scripted, termdown, app) if p]
    waited = [p for p in (asked, scripted, termdown) if p]
    deadline = time.monotonic() + plan.total_seconds + 15
    termdown_painted, answered = None, set()
    while any(p.exit is None for p in waited) and time.monotonic() < deadline:
        pump_all(running, 0.5)
        homecare_ui.finish_plain(asked, answered)
        if termdown and termdown_painted is None and termdown.screen.text().strip():
            termdown_painted = termdown.last_output_at
    for process in running:
        process.kill()

    if app is None:
        bench.report.add(not_measured(SECTION, *PLAIN_ROWS[4], app_problem))
    else:
        _bell_row(bench, PLAIN_ROWS[4][0], app.bell_times, schedule)
    if started is None or not asked.bell_times:
        output = " / ".join(line.strip() for _, line in asked.lines[-3:])
        for name, target in PLAIN_ROWS[:2]:
            bench.report.add(
                not_measured(SECTION, name, target, f"no session seen: {output[:160]}")
            )
    else:
        _bell_row(bench, PLAIN_ROWS[0][0], asked.bell_times, schedule)
        complete = next((t for t, line in asked.lines if homecare_ui.PLAIN_COMPLETE in line), None)
        late = None if complete is None else complete - asked.bell_times[0] - plan.total_seconds
        _late_row(bench, PLAIN_ROWS[1], late, "after its first phase began")
    _scripted_row(bench, scripted, plan.total_seconds)
    if termdown and termdown.exit and termdown_painted:
        late = termdown.exit.at - termdown_painted - plan.total_seconds
        bench.report.add(
            Row(
                SECTION,
                "termdown: end of the same countdown (reference)",
                f"{_signed_ms(late)} after first paint + {plan.total_seconds:.0f} s",
                "—",
                INFO,
            )
        )
    _plain_quit(
        bench,
        bench.homecare("run", str(routine_path("long-ice")), "--plain"),
        bench.env("punctual"),
    )


def _late_row(bench: Bench, row: tuple[str, str], late: float | None, since: str) -> None:
    if late is None:
        bench.report.add(not_measured(SECTION, *row, "the end of the session was not seen"))
        return
    bench.report.add(
        Row(
            SECTION,
            row[0],
            f"{_signed_ms(late)} {since} + the plan's length",
            row[1],
            verdict(-LIMIT <= late <= END_LIMIT),
        )
    )


def _scripted_row(bench: Bench, scripted: PtyProcess, total_seconds: float) -> None:
    """A script's run on a terminal: the session ends on time, then the end-of-session pattern
    is rung whole (someone may be listening: cut short, its first ring alone would say "work")
    and the process exits as soon as the last ring is out. Its exit is the session's length plus
    the pattern, by design; what is measured against the limits is each of the two moments."""
    from homecare.session.bells import END_RINGS

    name, target = PLAIN_ROWS[2]
    complete = next((t for t, line in scripted.lines if homecare_ui.PLAIN_COMPLETE in line), None)
    if scripted.exit is None or not scripted.bell_times or complete is None:
        bench.report.add(not_measured(SECTION, name, target, "the scripted run did not finish"))
        return
    late = complete - scripted.bell_times[0] - total_seconds
    startup = scripted.bell_times[0] - scripted.started
    end_rings = [t for t in scripted.bell_times if t >= complete - LIMIT]
    after_last = scripted.exit.at - scripted.bell_times[-1]
    figure = (
        f"{_signed_ms(late)} after start-up ({startup * 1000:.0f} ms) + the plan's length; "
        f"{len(end_rings)} end rings over {(end_rings[-1] - end_rings[0]) * 1000:.0f} ms, "
        f"exit {after_last * 1000:.0f} ms after the last"
        if end_rings
        else f"{_signed_ms(late)} after start-up; no end rings seen"
    )
    ok = -LIMIT <= late <= END_LIMIT and len(end_rings) == END_RINGS and after_last <= END_LIMIT
    bench.report.add(Row(SECTION, name, figure, target, verdict(ok)))


def _plain_quit(bench: Bench, argv: list[str], env: dict[str, str]) -> None:
    name, target = PLAIN_ROWS[3]
    times: list[float] = []
    stuck = 0  # runs still going 5 s after Ctrl+C: a miss, not a run to leave out
    last = ""  # what the runner printed last, when it did not start or did not quit
    for _ in range(bench.repeats(5, 2)):
        with PtyProcess(argv, env) as process:
            started = homecare_ui.answer_plain(process)
            if started is not None:
                process.wait_for(lambda p: False, 1.0)
                sent = process.send(b"\x03")
                exit_ = process.wait_exit(5)
                if exit_ is not None:
                    times.append(exit_.at - sent)
                    continue
                stuck += 1
            last = " / ".join(line.strip() for _, line in process.lines[-3:])[-160:]
            if started is None:
                break
    if not times and not stuck:
        why = f"the session never started: {last}"
        bench.report.add(not_measured(SECTION, name, target, why))
        return
    bench.report.command(
        SECTION, bench.shown(argv, env) + "   # answer the safety check, Enter, then Ctrl+C"
    )
    figure = ms(Spread(tuple(times))) if times else "—"
    if stuck:
        figure += f"; {stuck} run(s) still going 5 s after Ctrl+C (last printed: {last})"
    ok = not stuck and Spread(tuple(times)).median <= QUIT_LIMIT
    bench.report.add(Row(SECTION, name, figure, target, verdict(ok)))


def run(bench: Bench) -> None:
    fake_clock(bench)
    real_clock(bench)
