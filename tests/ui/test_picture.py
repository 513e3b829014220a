"""The step's picture on the run screen: shown in half blocks, words instead where it can't be."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib

import pytest

from homecare.routine.loader import load_file
from homecare.ui.screens.pain import PainBeforeScreen
from homecare.ui.screens.run import RunScreen
from homecare.ui.widgets.picture import StepPicture


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def figure_png(width: int = 24, height: int = 16) -> bytes:
    """A dark cross on white: a picture whose half-block rendering is easy to recognise."""

    def pixel(x, y):
        on = abs(x - width // 2) < 2 or abs(y - height // 2) < 2
        return b"\x1e\x3c\x6e" if on else b"\xff\xff\xff"

    rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


ROUTINE = """format = 2
id = "pictured"
title = "Pictured"
[[steps]]
type = "stretch"
name = "Knee to chest"
image = "{image}"
image_alt = "A person lying on their back, hugging one knee"
setup_seconds = 0
hold_seconds = 30
reps = 1
[[steps]]
type = "rest"
seconds = 5
"""


@pytest.fixture
def pictured(tmp_path):
    """A loaded routine whose first step has a picture; its file can be spoilt afterwards."""
    (tmp_path / "knee.png").write_bytes(figure_png())
    path = tmp_path / "pictured.toml"
    path.write_text(ROUTINE.format(image="knee.png"), encoding="utf-8")
    return load_file(path)


async def start(pilot) -> None:
    await pilot.press("enter")  # the only routine: no ice or heat, so the pain question
    assert isinstance(pilot.app.screen, PainBeforeScreen)
    await pilot.press("s")  # skip it
    assert isinstance(pilot.app.screen, RunScreen)
    await pilot.pause()


async def test_the_picture_is_shown_above_the_countdown_in_half_blocks(make_app, pictured):
    app = make_app(routines=[pictured])
    async with app.run_test(size=(80, 30)) as pilot:
        await start(pilot)
        panel = app.screen.query_one(StepPicture)
        (image,) = panel.query(".image")
        assert type(image).__name__ == "HalfcellImage" and panel.display
        assert panel.region.bottom <= app.screen.query_one("#countdown").region.y
        assert not panel.query_one("#picture-words").display


async def test_the_picture_goes_when_the_step_has_none(make_app, pictured, clock):
    app = make_app(routines=[pictured])
    async with app.run_test(size=(80, 30)) as pilot:
        await start(pilot)
        await pilot.press("n")  # skip the hold: on to the rest
        await pilot.pause()
        assert app.screen.session.engine.snapshot().phase.step_index == 1
        assert not app.screen.query_one(StepPicture).display


async def test_at_60x20_the_picture_gives_way_to_the_countdown(make_app, pictured):
    app = make_app(routines=[pictured])
    async with app.run_test(size=(60, 20)) as pilot:
        await start(pilot)
        assert not app.screen.query_one(StepPicture).display
        assert app.screen.query_one("#countdown").region.height >= 3  # the countdown keeps its rows
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        assert app.screen.query_one(StepPicture).display


async def test_no_color_shows_the_words_instead(make_app, pictured, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(routines=[pictured])
    async with app.run_test(size=(80, 30)) as pilot:
        await start(pilot)
        panel = app.screen.query_one(StepPicture)
        assert panel.display and not panel.query(".image")
        words = str(panel.query_one("#picture-words").render())
        assert words == "Picture: A person lying on their back, hugging one knee"
        assert panel.region.height == 1  # the words take one line, the countdown the rest


@pytest.mark.parametrize(
    "spoil",
    [
        lambda path: path.write_bytes(b"not a picture any more"),  # fails the checks again
        lambda path: path.write_bytes(figure_png()[:60]),  # a valid header, no pixels to decode
        lambda path: path.unlink(),
    ],
    ids=["replaced", "truncated", "deleted"],
)
async def test_a_picture_that_changed_since_loading_shows_words_never_a_traceback(
    make_app, pictured, spoil
):
    spoil(pictured.path.parent / "knee.png")
    app = make_app(routines=[pictured])
    async with app.run_test(size=(80, 30)) as pilot:
        await start(pilot)
        panel = app.screen.query_one(StepPicture)
        assert not panel.query(".image") and panel.query_one("#picture-words").display


def test_start_up_never_imports_the_image_stack(tmp_path):
    """`homecare check` and the home screen (with a routine that has pictures) load no PIL."""
    probe = f"""
import sys, asyncio
from homecare.cli import main
main(["check", {str(tmp_path / "r.toml")!r}])
from homecare.ui.app import create_app
app = create_app()
async def home():
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen", app.screen
asyncio.run(home())
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PIL", "textual_image"))
print("loaded:", loaded)
"""
    (tmp_path / "knee.png").write_bytes(figure_png())
    (tmp_path / "r.toml").write_text(ROUTINE.format(image="knee.png"), encoding="utf-8")
    env_dir = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={
            "HOMECARE_DATA_DIR": str(env_dir),
            "HOMECARE_CONFIG_DIR": str(tmp_path / "cfg"),
            "PATH": "",
            "SYSTEMROOT": __import__("os").environ.get("SYSTEMROOT", ""),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "r.toml: ok" in result.stdout
    assert result.stdout.strip().endswith("loaded: []")


def test_snapshot_of_the_run_screen_with_a_picture(snap_compare, make_app, pictured, clock):
    """Half blocks at 80x30 with a frozen clock (update with --snapshot-update after a change)."""

    async def run_before(pilot) -> None:
        await start(pilot)
        clock.advance(3)
        pilot.app.screen.catch_up()
        await pilot.pause()

    assert snap_compare(
        make_app(routines=[pictured]), run_before=run_before, terminal_size=(80, 30)
    )


async def test_a_packed_library_routine_is_not_opened_in_the_editor(make_app, pictured, tmp_path):
    """Saving would write TOML over the pack; the clinician edits the .toml and imports again."""
    from dataclasses import replace

    from homecare.ui.screens.home import HomeScreen

    packed = replace(pictured, path=tmp_path / "pictured.homecare", origin="library")
    app = make_app(routines=[packed])
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        (notice,) = [str(n.message) for n in app._notifications]
        assert notice.startswith("This routine is packed with its pictures")
