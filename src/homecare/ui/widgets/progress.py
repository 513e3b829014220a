"""A session's overall progress: a bar and a percentage, redrawn only when the percentage moves.

Textual's ProgressBar looks the same but runs a timer of its own, once a second, to estimate the
time left (which homecare does not show): over a 20-minute session that timer cost about
0.08 CPU-seconds a minute, a third of what the whole app used (measured with bench/run).

It draws its one line itself (Textual's line API), as the countdown does: in PIR cycles of a
few minutes the percentage moves every two seconds, and going through a ``Text`` and Textual's
rendering of it each time cost about as much as the countdown's own second.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

BAR = "━"


class ProgressLine(Widget):
    COMPONENT_CLASSES = {"progress-line--bar", "progress-line--complete"}
    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
        &> .progress-line--bar { color: $primary; background: $surface; }
        &> .progress-line--complete { color: $success; background: $surface; }
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._percent = 0
        self._drawn: tuple[object, Strip] = ((), Strip([]))  # (what was drawn, the line)

    @property
    def percent(self) -> int:
        """Whole percent, 0 to 100."""
        return self._percent

    @percent.setter
    def percent(self, value: int) -> None:
        if value != self._percent:
            self._percent = value
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = ((), Strip([]))  # a new theme: new colours

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._drawn[0] != (self._percent, width):
            self._drawn = ((self._percent, width), self._line(width))
        return self._drawn[1]

    def _line(self, width: int) -> Strip:
        label = f"{self._percent:>4}%"
        bar = max(0, width - len(label))
        done = bar * self._percent // 100
        name = "progress-line--complete" if self._percent >= 100 else "progress-line--bar"
        colours = self.get_component_rich_style(
            name
        )  # as ProgressBar: the rest in the background colour
        around = self.visual_style.rich_style
        line = Strip(
            [
                Segment(BAR * done, around + Style.from_color(colours.color)),
                Segment(BAR * (bar - done), around + Style.from_color(colours.bgcolor)),
                Segment(label, around),
            ]
        )
        return line.adjust_cell_length(width, around)
