"""A tiny terminal screen model: enough VT100 to know what a full-screen app has drawn.

Full-screen programs do not write their text in reading order: curses moves the cursor around
and skips cells that are already right, Textual writes styled segments line by line. To tell
when a frame is complete, the bench replays the byte stream onto a grid of cells and looks for
marker text in the rows. Only cursor movement, erasing and printable text matter here; every
other escape sequence (colours, modes, titles, queries) is parsed and ignored.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# CSI with parameters, OSC up to BEL or ST, DCS/APC/PM/SOS strings, charset selection, and
# two-byte escapes. Order matters: the longer forms first.
_ESCAPE = re.compile(
    r"\x1b\[(?P<params>[0-?]*)[ -/]*(?P<final>[@-~])"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[P_^X][^\x1b]*\x1b\\"
    r"|\x1b[()*+][0-~]"
    r"|\x1b[ -/]*[0-OQ-WYZ\\`-~]"  # not [ ] P X ^ _: those start the longer forms above
)


class Screen:
    """A rows x cols grid fed with the bytes a program writes to its terminal."""

    def __init__(self, cols: int = 80, rows: int = 24) -> None:
        self.cols = cols
        self.rows = rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.row = 0
        self.col = 0
        self.bells = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""  # an escape sequence cut in two by a read

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        position = 0
        while position < len(text):
            escape = text.find("\x1b", position)
            if escape < 0:
                self._write(text[position:])
                break
            self._write(text[position:escape])
            match = _ESCAPE.match(text, escape)
            if match is None:
                if len(text) - escape < 4096:  # probably incomplete: wait for the rest
                    self._pending = text[escape:]
                    break
                position = escape + 1  # junk: skip the ESC
                continue
            if match.group("final"):
                self._csi(match.group("params"), match.group("final"))
            position = match.end()

    def text(self) -> str:
        return "\n".join("".join(line) for line in self.grid)

    def contains(self, *markers: str) -> bool:
        screen = self.text()
        return all(marker in screen for marker in markers)

    def _write(self, text: str) -> None:
        for char in text:
            if char == "\r":
                self.col = 0
            elif char == "\n":
                self._line_feed()
            elif char == "\b":
                self.col = max(0, self.col - 1)
            elif char == "\a":
                self.bells += 1
            elif char == "\t":
                self.col = min(self.cols - 1, (self.col // 8 + 1) * 8)
            elif char >= " ":
                width = 2 if unicodedata.east_asian_width(char) in "WF" else 1
                if self.col + width > self.cols:
                    self.col = 0
                    self._line_feed()
                self.grid[self.row][self.col] = char
                if width == 2 and self.col + 1 < self.cols:
                    self.grid[self.row][self.col + 1] = ""
                self.col += width

    def _line_feed(self) -> None:
        if self.row == self.rows - 1:
            self.grid.pop(0)
            self.grid.append([" "] * self.cols)
        else:
            self.row += 1

    def _csi(self, params: str, final: str) -> None:
        if params.startswith(("?", ">", "<", "=")):
            return  # private modes and queries: nothing drawn
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []

        def arg(index: int, default: int = 1) -> int:
            return numbers[index] if len(numbers) > index and numbers[index] else default

        if final in "Hf":
            self.row = min(self.rows, arg(0)) - 1
            self.col = min(self.cols, arg(1)) - 1
        elif final == "G" or final == "`":
            self.col = min(self.cols, arg(0)) - 1
        elif final == "d":
            self.row = min(self.rows, arg(0)) - 1
        elif final == "A":
            self.row = max(0, self.row - arg(0))
        elif final == "B":
            self.row = min(self.rows - 1, self.row + arg(0))
        elif final == "C":
            self.col = min(self.cols - 1, self.col + arg(0))
        elif final == "D":
            self.col = max(0, self.col - arg(0))
        elif final == "K":
            self._erase_line(arg(0, 0))
        elif final == "J":
            self._erase_screen(arg(0, 0))
        elif final == "X":
            end = min(self.cols, self.col + arg(0))
            self.grid[self.row][self.col : end] = [" "] * (end - self.col)

    def _erase_line(self, mode: int) -> None:
        line = self.grid[self.row]
        start, end = {0: (self.col, self.cols), 1: (0, self.col + 1)}.get(mode, (0, self.cols))
        line[start:end] = [" "] * (end - start)

    def _erase_screen(self, mode: int) -> None:
        if mode == 0:
            self._erase_line(0)
            rows = range(self.row + 1, self.rows)
        elif mode == 1:
            self._erase_line(1)
            rows = range(0, self.row)
        else:
            rows = range(self.rows)
        for row in rows:
            self.grid[row] = [" "] * self.cols
