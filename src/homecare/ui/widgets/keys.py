"""The screen's keys at the bottom, on one line where they fit, drawn with the screen's first frame.

It shows what Textual's Footer shows (each key and what it does, greyed when unavailable, the
command palette key on the right) but as one widget holding a line of text (two when the screen is too narrow for every key). The Footer builds
a widget per key and fills itself in only after the screen's first refresh: measured on a
2-core machine, that put the home screen's keys on screen about 100 ms later, and rebuilt those
widgets at every phase change of a session. Keys here are read, not clicked (nothing needs a
mouse).
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget


class KeyBar(Widget):
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def render(self) -> Text:
        shown: dict[str, tuple[Binding, bool]] = {}  # first binding of each action, as Footer
        palette: tuple[Binding, bool] | None = None
        for key, (_, binding, enabled, _) in self.screen.active_bindings.items():
            if binding.show:
                shown.setdefault(binding.action, (binding, enabled))
            elif key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = (binding, enabled)
        items = [self._key(binding, enabled) for binding, enabled in shown.values()]
        right = Text.assemble(("▏", "dim"), self._key(*palette)) if palette else Text()
        width = max(1, self.size.width)
        if sum(item.cell_len for item in items) + right.cell_len <= width:
            keys = Text(no_wrap=True, end="").join(items)
            keys.pad_right(width - right.cell_len - keys.cell_len)
            return keys + right  # one line, the palette key on the right as in Footer
        return Text("\n", no_wrap=True, end="").join(_wrapped([*items, right], width))

    def _key(self, binding: Binding, enabled: bool) -> Text:
        key = Text(
            f" {self.app.get_key_display(binding)} ",
            style=self.get_component_rich_style("key-bar--key"),
        )
        key.append(
            f"{binding.description} ", style=self.get_component_rich_style("key-bar--description")
        )
        if not enabled:
            key.stylize("dim")
        return key


def _wrapped(items: list[Text], width: int) -> list[Text]:
    """Keys in as many lines as ``width`` needs: every key stays visible on a narrow screen."""
    lines = [Text(no_wrap=True, end="")]
    for item in items:
        if lines[-1].cell_len and lines[-1].cell_len + item.cell_len > width:
            lines.append(Text(no_wrap=True, end=""))
        lines[-1].append_text(item)
    return lines
