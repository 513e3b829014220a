"""Time to first paint, quitting and memory: homecare's home screen against the references.

Each subject starts in a fresh pseudo-terminal, is timed until its first full frame, left to
settle (homecare opens its log after the first paint and then fills in what is due today), and
quit with q. Runs are interleaved (reference, termdown, homecare, homecare with a big log, ...)
after one warm-up run each, so a noisy moment on the machine hits every subject alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from benchlib import homecare_ui
from benchlib.context import Bench
from benchlib.fixtures import LOG_MODULES, log_data_dir
from benchlib.results import INFO, Row, Spread, ms, not_measured, verdict
from benchlib.term import PtyProcess

SECTION = "start-up"
PAINT_RATIO = 1.05  # issue 17
COMPLETE_RATIO = 1.3  # home complete against its own first paint (issue 17)
QUIT_LIMIT = 0.25
RSS_RATIO = 1.2
LOG_RATIO = 1.10
SETTLE = 0.3  # quiet time after which a screen counts as settled


@dataclass
class Subject:
    name: str
    argv: list[str]
    env: dict[str, str]
    markers: tuple[str, ...]  # empty: first paint is the end of the first drawing burst
    complete: tuple[str, ...] = ()  # what shows the screen is complete; empty: when it settles
    paint: list[float] = field(default_factory=list)
    ready: list[float] = field(default_factory=list)
    quit: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    problem: str = ""


def _measure(bench: Bench, subject: Subject, keep: bool) -> None:
    with PtyProcess(subject.argv, subject.env) as process:
        if subject.markers:
            painted = process.wait_for_text(*subject.markers, timeout=20)
        else:
            painted = process.wait_settled(quiet=0.05, timeout=20)
        if painted is None:
            subject.problem = _why_not(bench, subject, process)
            return
        if subject.complete:
            ready = process.wait_for_text(*subject.complete, timeout=20)
            if (
                ready is None
            ):  # a wording the bench does not know: no figure rather than a wrong one
                subject.problem = _why_not(bench, subject, process, subject.complete)
                return
        else:
            ready = process.wait_settled(quiet=SETTLE, timeout=20) or painted
        process.wait_settled(quiet=SETTLE, timeout=20)
        sent = process.send("q")
        exited = process.wait_exit(5)
        if not keep:
            return
        subject.paint.append(painted - process.started)
        subject.ready.append(ready - process.started)
        if exited is not None:
            subject.quit.append(exited.at - sent)
            subject.rss_kib.append(exited.max_rss_kib)


def _why_not(
    bench: Bench, subject: Subject, process: PtyProcess, markers: tuple[str, ...] | None = None
) -> str:
    dump = bench.out / "screens" / (subject.name.replace(" ", "-").replace(",", "") + ".txt")
    dump.parent.mkdir(exist_ok=True)
    dump.write_text(process.screen.text(), encoding="utf-8")
    shown = " ".join(process.screen.text().split())[-100:]
    where = dump.relative_to(bench.out.parent.parent)
    markers = subject.markers if markers is None else markers
    return f"{', '.join(markers) or 'a drawing'} never appeared (screen: …{shown}; {where})"


def _subjects(bench: Bench) -> tuple[list[Subject], dict[str, str]]:
    """The subjects to run and, for those that cannot run yet, why."""
    subjects = [Subject("reference app", bench.reference(), bench.env(), ("reference countdown",))]
    skipped: dict[str, str] = {}
    if termdown := bench.termdown("20m"):
        subjects.append(Subject("termdown", termdown, bench.env(), ()))
    else:
        skipped["termdown"] = "termdown could not be installed"
    if why := bench.missing("homecare.commands.app", "homecare.ui.app"):
        skipped["homecare home"] = why
        return subjects, skipped
    log_data_dir(bench, "empty")
    home = (homecare_ui.HOME, homecare_ui.HOME_COMPLETE)
    subjects.append(Subject("homecare home", bench.homecare(), bench.env("empty"), *home))
    if why := bench.missing(*LOG_MODULES):
        skipped["homecare home, 100,000 sessions"] = why
    else:
        log_data_dir(bench, "huge")
        subjects.append(
            Subject("homecare home, 100,000 sessions", bench.homecare(), bench.env("huge"), *home)
        )
    return subjects, skipped


def run(bench: Bench) -> None:
    subjects, skipped = _subjects(bench)
    for subject in subjects:
        bench.report.command(
            SECTION,
            bench.shown(subject.argv, subject.env if "homecare" in subject.name else None)
            + "   # then q",
        )
        _measure(bench, subject, keep=False)  # warm-up: caches, .pyc files
    for _ in range(bench.repeats(10, 3)):
        for subject in subjects:
            if not subject.problem:
                _measure(bench, subject, keep=True)
    by_name = {subject.name: subject for subject in subjects}
    for subject in subjects:
        if subject.problem:
            skipped[subject.name] = subject.problem
    reference = by_name["reference app"]
    _paint_rows(bench, by_name, skipped, reference)
    _quit_rows(bench, by_name, skipped)
    _memory_rows(bench, by_name, skipped, reference)
    _big_log_row(bench, by_name, skipped)


def _paint_rows(bench: Bench, by_name, skipped, reference: Subject) -> None:
    base = Spread(tuple(reference.paint))
    bench.report.add(Row(SECTION, "first paint: reference app", ms(base), "—", INFO))
    if "termdown" in by_name and not by_name["termdown"].problem:
        spread = Spread(tuple(by_name["termdown"].paint))
        bench.report.add(Row(SECTION, "first paint: termdown", ms(spread), "—", INFO))
    target = f"≤ {PAINT_RATIO}× reference (≤ {base.median * PAINT_RATIO * 1000:.0f} ms)"
    if "homecare home" in skipped:
        bench.report.add(
            not_measured(
                SECTION, "first paint: homecare home screen", target, skipped["homecare home"]
            )
        )
        return
    home = by_name["homecare home"]
    spread = Spread(tuple(home.paint))
    ratio = spread.median / base.median
    bench.report.add(
        Row(
            SECTION,
            "first paint: homecare home screen",
            f"{ms(spread)}; {ratio:.2f}×",
            target,
            verdict(ratio <= PAINT_RATIO),
        )
    )
    settled = Spread(tuple(home.ready))
    complete = settled.median / spread.median
    bench.report.add(
        Row(
            SECTION,
            "home screen complete (what is due today shown)",
            f"{ms(settled)}; {complete:.2f}× its first paint",
            f"≤ {COMPLETE_RATIO}× its first paint",
            verdict(complete <= COMPLETE_RATIO),
        )
    )


def _quit_rows(bench: Bench, by_name, skipped) -> None:
    for name in ("reference app", "termdown"):
        if name in by_name and not by_name[name].problem and by_name[name].quit:
            spread = Spread(tuple(by_name[name].quit))
            bench.report.add(Row(SECTION, f"quit with q: {name}", ms(spread), "—", INFO))
    name = "quit with q: homecare home screen"
    if "homecare home" in skipped:
        bench.report.add(not_measured(SECTION, name, "≤ 250 ms", skipped["homecare home"]))
        return
    spread = Spread(tuple(by_name["homecare home"].quit))
    bench.report.add(
        Row(SECTION, name, ms(spread), "≤ 250 ms", verdict(spread.median <= QUIT_LIMIT))
    )


def _mib(spread: Spread) -> str:
    return spread.show("MiB", 1 / 1024, 1)


def _memory_rows(bench: Bench, by_name, skipped, reference: Subject) -> None:
    base = Spread(tuple(reference.rss_kib))
    bench.report.add(Row("memory", "peak RSS: reference app", _mib(base), "—", INFO))
    if "termdown" in by_name and by_name["termdown"].rss_kib:
        spread = Spread(tuple(by_name["termdown"].rss_kib))
        bench.report.add(Row("memory", "peak RSS: termdown", _mib(spread), "—", INFO))
    target = f"≤ {RSS_RATIO}× reference (≤ {base.median * RSS_RATIO / 1024:.1f} MiB)"
    name = "peak RSS: homecare home screen"
    if "homecare home" in skipped:
        bench.report.add(not_measured("memory", name, target, skipped["homecare home"]))
        return
    spread = Spread(tuple(by_name["homecare home"].rss_kib))
    ratio = spread.median / base.median
    bench.report.add(
        Row("memory", name, f"{_mib(spread)}; {ratio:.2f}×", target, verdict(ratio <= RSS_RATIO))
    )


def _big_log_row(bench: Bench, by_name, skipped) -> None:
    name = "home screen complete: 100,000 sessions vs empty log"
    target = f"≤ {LOG_RATIO:.2f}× (at most 10% more)"
    big = "homecare home, 100,000 sessions"
    why = skipped.get("homecare home") or skipped.get(big)
    if why:
        bench.report.add(not_measured("log", name, target, why))
        return
    empty = Spread(tuple(by_name["homecare home"].ready))
    huge = Spread(tuple(by_name[big].ready))
    painted = (
        Spread(tuple(by_name[big].paint)).median
        / Spread(tuple(by_name["homecare home"].paint)).median
    )
    ratio = huge.median / empty.median
    figure = f"{ms(huge)} vs {ms(empty)}; {ratio:.2f}× (first paint {painted:.2f}×)"
    bench.report.add(Row("log", name, figure, target, verdict(ratio <= LOG_RATIO)))
