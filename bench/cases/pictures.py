"""Pictures on the run screen: from a phase change to the picture shown, and a session's memory.

The routine (written to bench/out/pictures/ with two of the bundled example drawings beside it):
a rest without a picture, then two stretches, each with its picture. homecare runs it in a
pseudo-terminal (80 x 24, half blocks: the bench's terminal answers no graphics query); once the
rest shows, n skips to the first stretch and the time from the key to the end of the redraw
with the picture's half blocks on screen is the first picture (it includes importing Pillow and
textual-image), then n again to the second picture (both already imported). The same routine
without pictures gives the plain phase change, and each session's peak RSS.
"""

from __future__ import annotations

import shutil

from benchlib import homecare_ui
from benchlib.context import REPO_DIR, Bench
from benchlib.results import INFO, Row, Spread, ms, not_measured, verdict
from benchlib.term import PtyProcess

SECTION = "pictures"
PICTURE_LIMIT = 0.5  # seconds from the phase change to the first picture (cold imports)
RSS_EXTRA_LIMIT = 25 * 1024  # KiB more than the same session without pictures
HALF_BLOCK = "▀"
QUIET = 0.1  # no output for this long: the redraw is over
_STEP = """
[[steps]]
type = "stretch"
name = "{name}"
hold_seconds = 30
reps = 1
setup_seconds = 0
{picture}"""


def _routine(bench: Bench, pictures: bool) -> str:
    folder = bench.out / "pictures"
    (folder / "images").mkdir(parents=True, exist_ok=True)
    steps = '\n[[steps]]\ntype = "rest"\nname = "First rest"\nseconds = 30\n'
    for name, image in (("Knee to chest", "knee-to-chest.png"), ("Side bend", "side-bend.png")):
        shutil.copyfile(REPO_DIR / "routines" / "images" / image, folder / "images" / image)
        picture = f'image = "images/{image}"\nimage_alt = "{name}"\n' if pictures else ""
        steps += _STEP.format(name=name, picture=picture)
    path = folder / ("with-pictures.toml" if pictures else "without-pictures.toml")
    text = f'format = {2 if pictures else 1}\ntitle = "Bench pictures"\n{steps}'
    path.write_text(text, encoding="utf-8")
    return str(path)


def _session(bench: Bench, pictures: bool) -> tuple[list[float], int | None] | str:
    """(seconds from each n to the redraw's end, peak RSS KiB), or why it failed."""
    argv = bench.homecare("run", _routine(bench, pictures))
    with PtyProcess(argv, bench.env("pictures")) as process:
        if homecare_ui.start_session(process, running=("First rest", "REST")) is None:
            return "the first step never showed"
        process.wait_settled(quiet=QUIET)
        times = []
        for step in ("Step 2 of 3", "Step 3 of 3"):
            sent = process.send("n")
            markers = (step, HALF_BLOCK) if pictures else (step,)
            if process.wait_for_text(*markers, timeout=10) is None:
                return f"{' and '.join(markers)} never showed"
            done = process.wait_settled(quiet=QUIET)
            times.append((done or sent) - sent)
        rss = process.peak_rss_kib()
        process.send("\x03")
        process.wait_exit(5)
        return times, rss


def run(bench: Bench) -> None:
    if why := bench.missing("homecare.ui.widgets.picture", "textual_image", "PIL"):
        for name in ("phase change to the first picture", "peak RSS with pictures"):
            bench.report.add(not_measured(SECTION, name, "—", why))
        return
    bench.report.command(
        SECTION,
        bench.shown(bench.homecare("run", "bench/out/pictures/with-pictures.toml")) + "   # n, n",
    )
    runs: dict[bool, list[tuple[list[float], int | None]]] = {True: [], False: []}
    for _ in range(bench.repeats(5, 2)):
        for pictures in (False, True):
            result = _session(bench, pictures)
            if isinstance(result, str):
                bench.report.add(not_measured(SECTION, "pictures on the run screen", "—", result))
                return
            runs[pictures].append(result)
    plain = Spread(tuple(times[0] for times, _ in runs[False]))
    first = Spread(tuple(times[0] for times, _ in runs[True]))
    second = Spread(tuple(times[1] for times, _ in runs[True]))
    bench.report.add(Row(SECTION, "phase change, no picture: key to redrawn", ms(plain), "—", INFO))
    bench.report.add(
        Row(
            SECTION,
            "phase change to the first picture shown (imports Pillow)",
            ms(first),
            f"≤ {PICTURE_LIMIT * 1000:.0f} ms",
            verdict(first.median <= PICTURE_LIMIT),
        )
    )
    bench.report.add(Row(SECTION, "phase change to the next picture shown", ms(second), "—", INFO))
    without = Spread(tuple(rss for _, rss in runs[False] if rss))
    with_pictures = Spread(tuple(rss for _, rss in runs[True] if rss))
    extra = with_pictures.median - without.median
    figure = (
        f"{with_pictures.show('MiB', 1 / 1024, 1)} vs {without.show('MiB', 1 / 1024, 1)} "
        f"without; +{extra / 1024:.1f} MiB"
    )
    bench.report.add(
        Row(
            "memory",
            "peak RSS: session with pictures",
            figure,
            f"≤ +{RSS_EXTRA_LIMIT // 1024} MiB",
            verdict(extra <= RSS_EXTRA_LIMIT),
        )
    )
