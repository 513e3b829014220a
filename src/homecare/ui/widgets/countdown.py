"""The countdown, as large as its room allows: it must be readable from the floor mid-stretch.

The largest rendering that fits the widget's size is drawn: a block font scaled up (each of its
pixels two columns by one row, times the scale), then Textual's three-row digits, then one line
of text ("45 s left") when there is no room for more. The scale is chosen for the phase's
longest face (``widest``), so the digits do not grow as 1:00 turns into 59.

It changes every second of a session, so it draws its lines itself (Textual's line API), plain
text in one style, centred: going through a ``Text`` and Textual's wrapping and alignment each
second cost about 1 ms of the 2 ms the whole run screen takes a second (measured with bench/run).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.renderables.digits import Digits as DigitsRenderable
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

FONT_ROWS = 5
MAX_SCALE = 5  # 25 rows: larger, a digit outgrows every word on the screen
FONT = {  # 3 x 5 pixels (the colon 1 x 5), "#" is ink
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", "###", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
}


def block_lines(face: str, scale: int) -> list[str]:
    """``face`` in the block font, each pixel ``2 * scale`` columns by ``scale`` rows."""
    cell = 2 * scale
    lines = []
    for row in range(FONT_ROWS):
        glyphs = (
            "".join("█" * cell if ink == "#" else " " * cell for ink in FONT[char][row])
            for char in face
        )
        lines += [(" " * cell).join(glyphs)] * scale
    return lines


def digit_lines(face: str) -> list[str]:
    """``face`` in Textual's three-row digits."""
    drawn = "".join(
        segment.text
        for segment in DigitsRenderable(face).render(Style())
        if isinstance(segment, Segment)
    )
    return drawn.rstrip("\n").split("\n")


def line_text(face: str) -> str:
    """One line: "45 s left", "1:15 left"."""
    return f"{face} left" if ":" in face else f"{face} s left"


def rendering(face: str, widest: str, width: int, height: int) -> list[str]:
    """The largest rendering of ``face`` that fits, sized for ``widest`` (one line at least)."""
    for scale in range(min(MAX_SCALE, height // FONT_ROWS), 0, -1):
        if len(block_lines(widest, scale)[0]) <= width:
            return block_lines(face, scale)
    if height >= 3 and len(digit_lines(widest)[0]) <= width:
        return digit_lines(face)
    return [line_text(face)]


class Countdown(Widget):
    """The time left, e.g. "1:15" (``update`` it as Textual's Digits); ``widest`` is the longest
    face of the phase, which sets the size."""

    DEFAULT_CSS = """
    Countdown { width: 1fr; height: 1fr; text-style: bold; }  /* it centres itself */
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._value = ""
        self._widest = ""
        self._drawn: tuple[object, list[Strip]] = ((), [])  # (what was drawn, its lines)
        self._current: list[Strip] = []  # the lines of the frame being rendered

    @property
    def value(self) -> str:
        return self._value

    def update(self, value: str) -> None:
        """A repaint, never a layout (the size comes from the CSS); plain attributes, not
        reactives, as Textual's Digits: this runs every second."""
        if value != self._value:
            self._value = value
            self.refresh()

    @property
    def widest(self) -> str:
        return self._widest

    @widest.setter
    def widest(self, face: str) -> None:
        if face != self._widest:
            self._widest = face
            self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Once a frame, not once a line: is the drawing still right for this size and style?"""
        self._current = self._lines()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        lines = self._current
        return lines[y] if y < len(lines) else Strip.blank(self.size.width)  # during a resize

    def _lines(self) -> list[Strip]:
        """The face's lines, centred in the widget; drawn once per face, size and style."""
        style = self.visual_style
        width, height = self.size
        key = (self.value, self.widest, width, height, style)
        if key != self._drawn[0]:
            self._drawn = (key, self._draw(style, width, height))
        return self._drawn[1]

    def _draw(self, style: VisualStyle, width: int, height: int) -> list[Strip]:
        around = (style + VisualStyle(reverse=False)).rich_style  # as Textual pads content
        if not self.value:
            return [Strip.blank(width, around)] * height
        widest = self.widest if len(self.widest) >= len(self.value) else self.value
        faces = rendering(self.value, widest, width, height)[:height]
        ink = style.rich_style
        strips = [Strip([Segment(line, ink)]).crop(0, width) for line in faces]
        return list(Strip.align(strips, around, width, height, "center", "middle"))
