"""While a session runs: CPU, memory, how often the display is redrawn, and quitting.

The subjects run at the same time, each in its own terminal (they are nearly idle): the
reference app counting down 20 minutes, termdown counting down 20 minutes, and homecare in the
full-screen app on each routine of ``HOMECARE_SESSIONS``: a 20-minute ice step (a long, quiet
phase) and five PIR cycles (a phase change every 10 or 30 seconds), each reached as a patient
would: answer the safety check, skip the pain rating. After a warm-up, CPU time is sampled over
the same windows for all; then each is quit. A new kind of session (a staged routine, say) is
one more ``HomecareSession``.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field

from benchlib import homecare_ui
from benchlib.context import Bench
from benchlib.fixtures import routine_path
from benchlib.results import INFO, Row, Spread, ms, not_measured, verdict
from benchlib.term import PtyProcess, run_for

SECTION = "session"
CPU_RATIO = 1.05  # issue 17: at most 1.05x the reference countdown's CPU
TERMDOWN_SHARE = 0.5
RSS_RATIO = 1.2
QUIT_LIMIT = 0.25
BURST_GAP = 0.05  # output closer together than this is one redraw


@dataclass(frozen=True)
class HomecareSession:
    """A homecare session the bench measures: a routine in bench/routines/ and what it is."""

    name: str  # the subject's name in the rows
    routine: str
    doing: str  # what the CPU row says it was doing
    running: tuple[str, ...]  # texts on the run screen once it counts down
    # The same phase changes in the reference app ("contract:10", ...), measured too, for
    # information: how much of the figure any Textual timer changing phase would pay.
    phases: tuple[str, ...] = ()

    @property
    def reference(self) -> str:
        return f"reference app, {self.doing.removeprefix('running ')}"


HOMECARE_SESSIONS = (
    HomecareSession("homecare", "long-ice", "running 20 min of ice", homecare_ui.RUNNING_ICE),
    HomecareSession(
        "homecare PIR",
        "pir-cycles",
        "running 5 PIR cycles (10 s contract, 30 s relax)",
        homecare_ui.RUNNING_PIR,
        phases=("contract:10", "relax:30"),
    ),
)


@dataclass
class Running:
    name: str
    process: PtyProcess
    quit_key: str
    rates: list[float] = field(default_factory=list)  # CPU-seconds per minute, per window
    ticks: list[float] = field(default_factory=list)  # /proc/<pid>/stat, whole window, same unit
    quit: float | None = None
    rss_kib: int | None = None


def _start(bench: Bench) -> tuple[list[Running], dict[str, str]]:
    skipped: dict[str, str] = {}
    tick_log = bench.out / "reference-ticks.txt"
    tick_log.unlink(missing_ok=True)
    reference = PtyProcess(bench.reference(1200), bench.env(BENCH_TICK_LOG=str(tick_log)))
    bench.report.command(SECTION, bench.shown(bench.reference(1200)))
    running = [Running("reference app", reference, "q")]
    if termdown := bench.termdown("20m"):
        running.append(Running("termdown", PtyProcess(termdown, bench.env()), "q"))
        bench.report.command(SECTION, bench.shown(termdown))
    else:
        skipped["termdown"] = "termdown could not be installed"
    ready = {
        "reference app": lambda r: r.process.wait_for_text("reference countdown", timeout=20),
        "termdown": lambda r: r.process.wait_settled(timeout=20),
    }
    for session in HOMECARE_SESSIONS:
        if session.phases:
            argv = bench.reference(1200) + list(session.phases)
            running.append(Running(session.reference, PtyProcess(argv, bench.env()), "q"))
            bench.report.command(SECTION, bench.shown(argv))
            ready[session.reference] = ready["reference app"]
        if why := bench.missing("homecare.commands.run", "homecare.ui.app"):
            skipped[session.name] = why
            continue
        argv = bench.homecare("run", str(routine_path(session.routine)))
        env = bench.env("session")
        running.append(Running(session.name, PtyProcess(argv, env), "\x03"))
        bench.report.command(
            SECTION, bench.shown(argv, env) + "   # safety check, skip pain, then Ctrl+C"
        )
        ready[session.name] = lambda r, s=session: homecare_ui.start_session(r.process, s.running)
    started = []
    for entry in running:
        if ready[entry.name](entry) is None:
            screen = " ".join(entry.process.screen.text().split())[-120:]
            skipped[entry.name] = f"never reached its running screen (screen: …{screen})"
            entry.process.kill()
        else:
            started.append(entry)
    return started, skipped


def _sample(entries: list[Running], windows: int, seconds: float) -> None:
    processes = [entry.process for entry in entries]
    before = {entry.name: _cpu(entry) for entry in entries}
    first = dict(before)
    opened = time.monotonic()
    for _ in range(windows):
        run_for(processes, seconds)
        for entry in entries:
            now = _cpu(entry)
            entry.rates.append((now[0] - before[entry.name][0]) / seconds * 60)
            before[entry.name] = now
    elapsed = time.monotonic() - opened
    for entry in entries:
        entry.ticks.append((before[entry.name][1] - first[entry.name][1]) / elapsed * 60)


def _cpu(entry: Running) -> tuple[float, float]:
    """(precise CPU seconds where available, /proc/<pid>/stat CPU seconds)."""
    coarse = entry.process.cpu_seconds()
    precise = entry.process.cpu_seconds_precise()
    return (coarse if precise is None else precise, coarse)


def _quit(entries: list[Running]) -> None:
    for entry in entries:
        sent = entry.process.send(entry.quit_key)
        exited = entry.process.wait_exit(5)
        if exited is not None:
            entry.quit = exited.at - sent
            entry.rss_kib = exited.max_rss_kib
        entry.process.kill()


def _redraws(process: PtyProcess, since: float, until: float) -> tuple[float, float] | None:
    """(redraws per second, spread in ms of their position within the second) in a window.
    A bell is not a redraw: the rings of a phase change's pattern come 0.35 s apart."""
    bursts = []
    bells = set(process.bell_only_times)
    for moment in process.output_times:
        if not since <= moment < until or moment in bells:
            continue
        if not bursts or moment - bursts[-1][1] > BURST_GAP:
            bursts.append([moment, moment])
        else:
            bursts[-1][1] = moment
    if len(bursts) < 3:
        return None
    starts = [burst[0] for burst in bursts]
    per_second = (len(starts) - 1) / (starts[-1] - starts[0])
    phases = sorted((moment - starts[0]) % 1.0 for moment in starts)
    # Circular spread: the smallest arc holding every phase.
    gaps = [b - a for a, b in itertools.pairwise(phases)] + [phases[0] + 1.0 - phases[-1]]
    return per_second, (1.0 - max(gaps)) * 1000


def run(bench: Bench) -> None:
    warm_up = bench.pick(5, 2)
    windows, window = (2, 4.0) if bench.quick else (4, 15.0)
    entries, skipped = _start(bench)
    try:
        run_for([entry.process for entry in entries], warm_up)
        measured_from = time.monotonic()
        _sample(entries, windows, window)
        measured_until = time.monotonic()
    finally:
        _quit(entries)
    by_name = {entry.name: entry for entry in entries}
    bench.report.note(
        SECTION,
        f"CPU over {windows} windows of {window:.0f} s after a "
        f"{warm_up:.0f} s warm-up, all subjects at once",
    )
    _cpu_rows(bench, by_name, skipped)
    _redraw_rows(bench, by_name, (measured_from, measured_until))
    _memory_and_quit_rows(bench, by_name, skipped)
    _reference_ticks(bench)


def _cpu_rows(bench: Bench, by_name, skipped) -> None:
    termdown = None
    alike = [session.reference for session in HOMECARE_SESSIONS if session.phases]
    for name in ("reference app", "termdown", *alike):
        if name in by_name:
            spread = Spread(tuple(by_name[name].rates))
            if name == "termdown":
                termdown = spread
            figure = (
                f"{spread.show('CPU-s/min', digits=3)}; /proc stat {by_name[name].ticks[0]:.2f}"
            )
            bench.report.add(Row(SECTION, f"CPU: {name}", figure, "—", INFO))
    reference = by_name.get("reference app")
    base = Spread(tuple(reference.rates)).median if reference else None
    target = f"≤ {CPU_RATIO}× reference" + (f" (≤ {base * CPU_RATIO:.3f})" if base else "")
    if termdown is not None:
        target += f" and < ½ termdown (< {termdown.median * TERMDOWN_SHARE:.3f})"
    for session in HOMECARE_SESSIONS:
        name = f"CPU: {session.name} {session.doing}"
        if session.name not in by_name or not base:
            why = skipped.get(session.name, "?") if base else "the reference app did not run"
            bench.report.add(not_measured(SECTION, name, target, why))
            continue
        spread = Spread(tuple(by_name[session.name].rates))
        ok = spread.median <= base * CPU_RATIO
        if termdown is not None:
            ok = ok and spread.median < termdown.median * TERMDOWN_SHARE
        figure = (
            f"{spread.show('CPU-s/min', digits=3)}; {spread.median / base:.2f}×; "
            f"/proc stat {by_name[session.name].ticks[0]:.2f}"
        )
        if session.reference in by_name:
            alike = Spread(tuple(by_name[session.reference].rates)).median
            figure += f"; {spread.median / alike:.2f}× the {session.reference}"
        bench.report.add(Row(SECTION, name, figure, target, verdict(ok)))


def _redraw_rows(bench: Bench, by_name, window: tuple[float, float]) -> None:
    homecare = {session.name for session in HOMECARE_SESSIONS}
    for name in ("reference app", "termdown", *(session.name for session in HOMECARE_SESSIONS)):
        if name not in by_name:
            continue
        found = _redraws(by_name[name].process, *window)
        if found is None:
            continue
        per_second, spread = found
        figure = (
            f"{per_second:.2f} redraws/s, all within {spread:.0f} ms of each other in the second"
        )
        if name in homecare:
            ok = 0.9 <= per_second <= 1.1 and spread <= 20
            bench.report.add(
                Row(
                    SECTION,
                    f"display: {name} redraws",
                    figure,
                    "once a second, on the second (±20 ms)",
                    verdict(ok),
                )
            )
        else:
            bench.report.add(Row(SECTION, f"display: {name} redraws", figure, "—", INFO))


def _memory_and_quit_rows(bench: Bench, by_name, skipped) -> None:
    reference = by_name.get("reference app")
    base = reference.rss_kib if reference else None
    for name in ("reference app", "termdown"):
        entry = by_name.get(name)
        if entry and entry.rss_kib:
            bench.report.add(
                Row(
                    "memory",
                    f"peak RSS in a session: {name}",
                    f"{entry.rss_kib / 1024:.1f} MiB",
                    "—",
                    INFO,
                )
            )
        if entry and entry.quit is not None:
            bench.report.add(
                Row(
                    SECTION,
                    f"quit in a session: {name} ({entry.quit_key!r})",
                    f"{entry.quit * 1000:.0f} ms",
                    "—",
                    INFO,
                )
            )
    target = f"≤ {RSS_RATIO}× reference" + (
        f" (≤ {base * RSS_RATIO / 1024:.1f} MiB)" if base else ""
    )
    for session in HOMECARE_SESSIONS:
        homecare = by_name.get(session.name)
        why = skipped.get(session.name, "?")
        name = f"peak RSS in a session: {session.name}"
        if homecare is None or not homecare.rss_kib or not base:
            bench.report.add(not_measured("memory", name, target, why))
        else:
            ratio = homecare.rss_kib / base
            bench.report.add(
                Row(
                    "memory",
                    name,
                    f"{homecare.rss_kib / 1024:.1f} MiB; {ratio:.2f}×",
                    target,
                    verdict(ratio <= RSS_RATIO),
                )
            )
        name = f"quit in a session: {session.name} (Ctrl+C)"
        if homecare is None or homecare.quit is None:
            bench.report.add(not_measured(SECTION, name, "≤ 250 ms", why))
        else:
            bench.report.add(
                Row(
                    SECTION,
                    name,
                    f"{homecare.quit * 1000:.0f} ms",
                    "≤ 250 ms",
                    verdict(homecare.quit <= QUIT_LIMIT),
                )
            )


def _reference_ticks(bench: Bench) -> None:
    """How punctual Textual's own once-a-second timer was in the reference app."""
    path = bench.out / "reference-ticks.txt"
    if not path.exists():
        return
    moments = [float(line) for line in path.read_text(encoding="utf-8").split()]
    if len(moments) < 3:
        return
    start, ticks = moments[0], moments[1:]
    late = Spread(tuple(moment - (start + number) for number, moment in enumerate(ticks, 1)))
    bench.report.add(
        Row(
            "punctuality",
            "reference app: Textual set_interval(1) ticks, lateness",
            f"{ms(late, 1)} over {len(ticks)} s",
            "—",
            INFO,
        )
    )
