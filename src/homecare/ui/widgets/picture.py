"""The picture of the step being done, above the countdown on the run screen.

The picture is drawn by ``textual-image``: with the terminal's graphics protocol (Kitty's, or
Sixel) when it has one, in Unicode half blocks (two coloured pixels per cell) elsewhere. Its
image stack (Pillow and textual-image) is imported only when a step with a picture is first
shown, so starting homecare and the home screen never pay for it.

textual-image asks the terminal which protocol it speaks, and that question cannot be asked
once Textual reads the keyboard. ``detect_graphics`` asks it before the app starts (``homecare
run`` does, for a routine with pictures); imported later, from the home screen, it is not asked
and half blocks are used.

The words stand in for the picture when it cannot be shown: with ``NO_COLOR`` (half blocks are
colour), when the file fails its checks now (it is checked again as it is read), or when the
decoder refuses it. On a small terminal the picture gives way: the countdown matters more.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from homecare.routine.model import RoutineFile

# Below this the countdown, the cue and the keys need every row and column.
MIN_SCREEN_WIDTH = 60
MIN_SCREEN_HEIGHT = 24
_DETECTED = "homecare.detected_graphics"  # set on textual_image's module by detect_graphics


def detect_graphics() -> None:
    """Let textual-image ask the terminal for its best protocol, before Textual starts."""
    if sys.__stdout__ is not None and sys.__stdout__.isatty() and not _no_colour():
        import logging

        # A terminal that does not answer is normal (half blocks then); no warning on stderr.
        logging.getLogger("textual_image").setLevel(logging.ERROR)
        import textual_image.widget

        setattr(textual_image.widget, _DETECTED, True)


def _no_colour() -> bool:
    return bool(os.environ.get("NO_COLOR"))


def _image_widget_class() -> type:
    """textual-image's widget: the detected protocol's, or half blocks (never asking the
    terminal while Textual runs)."""
    if "textual_image.widget" not in sys.modules:
        import textual_image._terminal as terminal

        if not hasattr(terminal.get_cell_size, "_result"):  # would ask the terminal
            terminal.get_cell_size._result = terminal.CellSize(10, 20)  # type: ignore[attr-defined]
        asks = terminal.capture_terminal_response
        terminal.capture_terminal_response = _no_answer  # the protocol queries find nothing
        try:
            import textual_image.widget  # noqa: F401  (imported with the terminal queries off)
        finally:
            terminal.capture_terminal_response = asks
    module = sys.modules["textual_image.widget"]
    return module.Image if getattr(module, _DETECTED, False) else module.HalfcellImage


def _no_answer(*args: Any, **kwargs: Any) -> Any:
    import textual_image._terminal as terminal

    raise terminal.TerminalError("not asked while Textual runs")


def decode(data: bytes) -> Any:
    """The picture decoded by Pillow, within homecare's limits; ``ValueError`` if it fails."""
    from PIL import Image

    from homecare.routine.pictures import MAX_PIXELS

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # a bomb that slipped past the header check fails here
    try:
        image = Image.open(io.BytesIO(data), formats=["PNG", "JPEG"])
        image.load()
    except (OSError, SyntaxError, Image.DecompressionBombError, ValueError) as error:
        raise ValueError(str(error)) from None
    return image


class StepPicture(Vertical):
    """The current step's picture, or its words; hidden for a step without one."""

    DEFAULT_CSS = """
    StepPicture { height: 1fr; min-height: 6; align: center middle; display: none; }
    StepPicture.-words { height: auto; min-height: 0; }
    StepPicture > .image { width: auto; height: 1fr; }
    StepPicture > #picture-words { width: 100%; height: auto; text-align: center;
                                   padding: 0 2; text-style: italic; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._showing: tuple[Path, str, str] | None = None
        self._has_picture = False

    def compose(self) -> ComposeResult:
        yield Static(id="picture-words", markup=False)

    def show_step(self, routine_file: RoutineFile, step_index: int) -> None:
        """Show step ``step_index``'s picture; nothing changes while the step stays the same."""
        step = routine_file.routine.steps[step_index]
        self.show(routine_file.path, step.image, step.image_alt)

    def show(self, routine_path: Path, image: str, alt: str) -> None:
        """Show the picture ``image`` of the routine at ``routine_path`` ("" for none)."""
        wanted = (routine_path, image, alt)
        if wanted == self._showing:
            return
        self._showing = wanted
        self.query(".image").remove()
        self._has_picture = bool(image)
        words = self.query_one("#picture-words", Static)
        if not image:
            self._fit()
            return
        shown = None if _no_colour() else self._load(routine_path, image)
        if shown is not None:
            self.mount(shown, before=words)
        words.update(Text(f"Picture: {alt}"))
        words.display = shown is None
        self.set_class(shown is None, "-words")  # words take only the lines they need
        self._fit()

    def _load(self, path: Path, name: str) -> Any:
        from homecare.routine.pack import routine_picture
        from homecare.routine.pictures import PictureRefused

        try:
            return _image_widget_class()(decode(routine_picture(path, name)), classes="image")
        except (PictureRefused, ValueError):
            return None

    def on_mount(self) -> None:
        # Hidden widgets get no Resize: follow the screen's layout, which a resize refreshes.
        self.screen.screen_layout_refresh_signal.subscribe(self, lambda _screen: self._fit())

    def _fit(self) -> None:
        """Shown when the step has a picture and the screen has room for it and the countdown."""
        size = self.app.size
        roomy = size.width >= MIN_SCREEN_WIDTH and size.height >= MIN_SCREEN_HEIGHT
        self.display = self._has_picture and roomy
