"""Attaching a picture to a step in the editor: its problems as you type, a preview, format 2."""

from __future__ import annotations

import struct
import zlib

from test_editor import SIZE, status, tab_to, type_into  # this folder is on sys.path (rootdir)
from textual.widgets import Static

from homecare.routine.loader import load_file
from homecare.routine.model import Routine, StretchStep
from homecare.ui.screens.editor import EditorApp
from homecare.ui.widgets.picture import StepPicture


def small_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x20\x40\x80" * 6 for _ in range(4))
    header = struct.pack(">IIBBBBB", 6, 4, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


async def test_attach_a_picture_see_it_and_save_in_format_2(tmp_path):
    (tmp_path / "knee.png").write_bytes(small_png())
    path = tmp_path / "r.toml"
    app = EditorApp(path, Routine(title="Back", id="back", steps=(StretchStep(name="Knee"),)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # the step's form
        await type_into(pilot, "field-image", "kne.png")  # a typo first
        await pilot.pause()
        assert "image_alt: a step with an image needs image_alt" in status(app)
        await type_into(pilot, "field-image_alt", "A knee hugged to the chest")
        await pilot.pause()
        message = str(app.screen.query_one("#msg-image", Static).render())
        assert message == 'error: picture "kne.png" no such file beside the routine'
        await tab_to(pilot, "field-image")
        await pilot.press("end", "backspace", "backspace", "backspace", "backspace", *"e.png")
        await pilot.pause()
        assert "Valid; Ctrl+S saves." in status(app)
        picture = app.screen.query_one(StepPicture)
        assert picture.display and len(picture.query(".image")) == 1  # the preview
        await pilot.press("ctrl+s")
        await pilot.pause()
        await tab_to(pilot, "steps")
        await pilot.press("up")  # the routine's details: no step, no picture
        await pilot.pause()
        assert not picture.display
    loaded = load_file(path)
    assert loaded.routine.format == 2
    assert (loaded.routine.steps[0].image, loaded.routine.steps[0].image_alt) == (
        "knee.png",
        "A knee hugged to the chest",
    )
