"""The pain chart of the HTML report: inline SVG, no script, readable when printed in grey.

"Before" and "after" differ by marker shape (circle, square) and line style (dashed, solid) as
well as colour, and the legend says which is which in words.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta
from html import escape

from homecare.log.report.build import PainDay

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 28, 44
MAX_LABELS = 8
SHORTEST_SPAN_DAYS = 6  # a shorter run of rated days is centred on an axis this long
BEFORE_COLOUR, AFTER_COLOUR = "#b2182b", "#2166ac"


def pain_chart(days: list[PainDay]) -> str:
    """An SVG chart of mean pain before and after per day (``days`` oldest first, not empty).

    The axis spans the rated days, not the report's period, so one session or a hundred fill
    the chart; a single day sits in the middle of a week.
    """
    out, x, y = _frame(
        days[0].day,
        days[-1].day,
        "pain",
        "Pain before and after sessions: mean rating per day, 0 (none) to 10 (worst)",
    )
    out += _series(days, lambda d: d.before, x, y, BEFORE_COLOUR, "4 3", _circle)
    out += _series(days, lambda d: d.after, x, y, AFTER_COLOUR, None, _square)
    out += _legend()
    out += ["</g>", "</svg>"]
    return "\n".join(out)


def psfs_chart(scores: list[tuple[date, float]], mark: float) -> str:
    """An SVG chart of the PSFS mean score of each taking (oldest first, not empty), joined by
    a line, with dotted lines ``mark`` points above and below the first: a change reaching them
    is at least the commonly cited minimal detectable change (PSFS-4)."""
    out, x, y = _frame(
        scores[0][0],
        scores[-1][0],
        "psfs",
        "PSFS mean score per taking, 0 (unable) to 10 (as before the problem)",
        y_label="score",
    )
    first = scores[0][1]
    for level in (first - mark, first + mark):
        if 0 <= level <= 10:
            out.append(
                f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(level):.1f}" y2="{y(level):.1f}" '
                'stroke="#000" stroke-width="1" stroke-dasharray="1 3"/>'
            )
    points = [(x(day), y(score)) for day, score in scores]
    out += [_line(points, AFTER_COLOUR, ""), *(_circle(px, py, AFTER_COLOUR) for px, py in points)]
    out.append(
        f'<text x="{WIDTH - RIGHT}" y="16" text-anchor="end">circles and line: the mean score; '
        f"dotted: {mark:g} points from the first</text>"
    )
    out += ["</g>", "</svg>"]
    return "\n".join(out)


def _frame(
    first: date, last: date, name: str, title: str, y_label: str = "pain"
) -> tuple[list[str], Callable[[date], float], Callable[[float], float]]:
    """The start of a 0-to-10 chart over ``first``..``last``: the SVG's opening, its title, the
    grid and the axes; and the functions placing a day (x) and a value (y)."""
    if (last - first).days < SHORTEST_SPAN_DAYS:
        middle = first + (last - first) / 2
        first = middle - timedelta(days=SHORTEST_SPAN_DAYS // 2)
        last = first + timedelta(days=SHORTEST_SPAN_DAYS)
    span = (last - first).days
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + (day - first).days / span * plot_w

    def y(value: float) -> float:
        return TOP + (10 - value) / 10 * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{name}-title" class="chart">',
        f'<title id="{name}-title">{escape(title)}</title>',
        '<g font-family="sans-serif" font-size="11" fill="#000">',
    ]
    for value in range(0, 11, 2):
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            'stroke="#ccc" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{value}</text>'
        )
    for day in _date_ticks(first, last):
        out.append(
            f'<line x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{TOP + plot_h}" '
            f'y2="{TOP + plot_h + 4}" stroke="#000"/>'
            f'<text x="{x(day):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">'
            f"{escape(day.isoformat())}</text>"
        )
    out.append(
        f'<text x="{LEFT - 34}" y="{TOP - 12}">{y_label}</text>'
        f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" text-anchor="end">day</text>'
    )
    return out, x, y


def _series(
    days: list[PainDay],
    value_of: Callable[[PainDay], float | None],
    x: Callable[[date], float],
    y: Callable[[float], float],
    colour: str,
    dashes: str | None,
    marker: Callable[[float, float, str], str],
) -> list[str]:
    """Lines joining consecutive rated days, broken where a day has no rating, and markers."""
    out: list[str] = []
    run: list[tuple[float, float]] = []
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    previous: date | None = None
    for day in days:
        value = value_of(day)
        if value is None or (previous is not None and (day.day - previous).days > 7):
            out.append(_line(run, colour, dash))
            run = []
        if value is not None:
            run.append((x(day.day), y(value)))
            previous = day.day
    out.append(_line(run, colour, dash))
    for day in days:
        value = value_of(day)
        if value is not None:
            out.append(marker(x(day.day), y(value), colour))
    return [part for part in out if part]


def _line(points: list[tuple[float, float]], colour: str, dash: str) -> str:
    if len(points) < 2:
        return ""
    coordinates = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    return (
        f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="1.5"{dash}/>'
    )


def _circle(px: float, py: float, colour: str) -> str:
    return f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>'


def _square(px: float, py: float, colour: str) -> str:
    return f'<rect x="{px - 3:.1f}" y="{py - 3:.1f}" width="6" height="6" fill="{colour}"/>'


def _legend() -> list[str]:
    left = WIDTH - RIGHT - 370
    return [
        f'<line x1="{left}" x2="{left + 24}" y1="12" y2="12" stroke="{BEFORE_COLOUR}" '
        'stroke-width="1.5" stroke-dasharray="4 3"/>',
        _circle(left + 12, 12, BEFORE_COLOUR),
        f'<text x="{left + 30}" y="16">before (circles, dashed)</text>',
        f'<line x1="{left + 200}" x2="{left + 224}" y1="12" y2="12" stroke="{AFTER_COLOUR}" '
        'stroke-width="1.5"/>',
        _square(left + 212, 12, AFTER_COLOUR),
        f'<text x="{left + 230}" y="16">after (squares, solid)</text>',
    ]


def _date_ticks(first: date, last: date) -> list[date]:
    """At most MAX_LABELS evenly spaced days, a whole number of weeks apart when long."""
    span = (last - first).days
    step = max(1, math.ceil(span / (MAX_LABELS - 1)))
    if step > 7:
        step = math.ceil(step / 7) * 7
    return [first + timedelta(days=n) for n in range(0, span + 1, step)]
