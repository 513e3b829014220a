"""Drive whole sessions through the app with a fake clock and a counting bell."""

from __future__ import annotations

from homecare.ui.screens.home import HomeScreen
from homecare.ui.screens.run import RunScreen


async def test_home_lists_routines(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = str(app.screen.query_one("#summary").render())
        assert "Test back routine" in text
