"""The countdown is the one thing that must always be visible, at any terminal size, and it uses
the room there is: larger digits on a larger terminal."""

from __future__ import annotations

import pytest

from homecare.ui.widgets.countdown import MAX_SCALE, block_lines, digit_lines, line_text, rendering

SIZES = [(80, 10), (80, 11), (80, 12), (60, 20), (80, 24), (160, 50)]


def countdown_rows(lines: list[str], face: str) -> int:
    """How many rows the countdown showing ``face`` takes on screen; 0 when it is not there
    whole (every rendering homecare has is looked for, row under row at the same column)."""
    renderings = [block_lines(face, scale) for scale in range(10, 0, -1)]
    renderings += [digit_lines(face), [line_text(face)]]
    for drawn in renderings:
        for top, line in enumerate(lines[: len(lines) - len(drawn) + 1]):
            column = line.find(drawn[0])
            while column >= 0:
                below = lines[top : top + len(drawn)]
                if all(
                    row[column : column + len(part)] == part
                    for row, part in zip(below, drawn, strict=False)
                ):
                    return len(drawn)
                column = line.find(drawn[0], column + 1)
    return 0


def test_the_largest_rendering_that_fits_is_chosen():
    assert [len(line) for line in block_lines("1:15", 1)] == [26] * 5  # 13 pixels, 2 columns each
    assert rendering("1:15", "1:15", 26, 5) == block_lines("1:15", 1)
    assert rendering("1:15", "1:15", 52, 10) == block_lines("1:15", 2)
    assert rendering("1:15", "1:15", 51, 10) == block_lines("1:15", 1)  # too narrow for 2
    assert rendering("1:15", "1:15", 25, 5) == digit_lines("1:15")  # too narrow for blocks
    assert rendering("1:15", "1:15", 80, 2) == ["1:15 left"]
    assert rendering("45", "45", 80, 1) == ["45 s left"]
    assert rendering("8", "8", 500, 500) == block_lines("8", MAX_SCALE)


def test_the_size_is_set_by_the_phase_s_longest_face():
    """1:00 turning into 59 does not make the digits jump to a larger size."""
    assert rendering("59", "1:00", 40, 10) == block_lines("59", 1)
    assert rendering("59", "59", 40, 10) == block_lines("59", 2)


def test_the_block_font_draws_each_digit():
    assert block_lines("5", 1) == ["██████", "██    ", "██████", "    ██", "██████"]
    assert block_lines("7:", 1) == [
        "██████    ",
        "    ██  ██",
        "    ██    ",
        "    ██  ██",
        "    ██    ",
    ]


async def start(pilot, clock) -> None:
    await pilot.press("enter", "1", "n", "3", "s")  # safety check; no pain rating
    clock.advance(3 + 1)  # 1 s into CONTRACT (5 s)
    pilot.app.screen.catch_up()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_countdown_is_always_visible(make_app, clock, screen, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await start(pilot, clock)
        assert countdown_rows(screen(app), "4"), "\n".join(screen(app))
        assert "CONTRACT" in "\n".join(screen(app))
        await pilot.press("s", "enter")  # on to ice (2 min): the pack on, then its timer
        clock.advance(1)
        app.screen.catch_up()
        await pilot.pause()
        assert countdown_rows(screen(app), "1:59"), "\n".join(screen(app))


@pytest.mark.parametrize(("size", "rows"), [((80, 24), 10), ((160, 50), 25)])
async def test_a_larger_terminal_gets_a_larger_countdown(make_app, clock, screen, size, rows):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await start(pilot, clock)
        assert countdown_rows(screen(app), "4") >= rows


async def test_the_log_warning_does_not_cover_the_countdown(
    make_app, clock, screen, tmp_path, monkeypatch
):
    from homecare.log.store import LogUnavailable

    def broken():
        raise LogUnavailable(
            "The session log could not be opened: /home/sam/.local/share/"
            "homecare/log.sqlite3 is on a read-only disk (errno 30, read-only "
            "file system). Ask whoever looks after this computer; your routines "
            "and settings are safe."
        )

    blocker = tmp_path / "file"  # the recorder's own tries fail too: no folder can be made
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("HOMECARE_DATA_DIR", str(blocker / "data"))
    app = make_app(open_log=broken)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start(pilot, clock)
        assert not app.session.recorder.flush(10)
        app.screen.catch_up()
        await pilot.pause()
        assert "cannot be created" in " ".join(line.strip() for line in screen(app)), "\n".join(
            screen(app)
        )
        assert countdown_rows(screen(app), "4"), "\n".join(screen(app))
