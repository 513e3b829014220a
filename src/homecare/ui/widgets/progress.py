"""A session's overall progress: a bar and a percentage, redrawn only when the percentage moves.

Textual's ProgressBar looks the same but runs a timer of its own, once a second, to estimate the
time left (which homecare does not show): over a 20-minute session that timer cost about
0.08 CPU-seconds a minute, a third of what the whole app used (measured with bench/run).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
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

    percent: reactive[int] = reactive(0)  # whole percent, 0 to 100

    def render(self) -> Text:
        label = f"{self.percent:>4}%"
        width = max(0, self.size.width - len(label))
        done = width * self.percent // 100
        name = "progress-line--complete" if self.percent >= 100 else "progress-line--bar"
        colours = self.get_component_rich_style(
            name
        )  # as ProgressBar: the rest in the background colour
        return Text.assemble(
            (BAR * done, Style.from_color(colours.color)),
            (BAR * (width - done), Style.from_color(colours.bgcolor)),
            label,
            no_wrap=True,
        )
