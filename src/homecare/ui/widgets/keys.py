"""The screen's keys in one line at the bottom, drawn with the screen's first frame.

It shows what Textual's Footer shows (each key and what it does, greyed when unavailable, the
command palette key on the right) but as one widget holding one line of text. The Footer builds
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
        height: 1;
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
        keys = Text(no_wrap=True, end="")
        for binding, enabled in shown.values():
            keys.append_text(self._key(binding, enabled))
        right = Text.assemble(("▏", "dim"), self._key(*palette)) if palette else Text()
        keys.truncate(max(0, self.size.width - right.cell_len), pad=True)
        return keys + right

    def _key(self, binding: Binding, enabled: bool) -> Text:
        key = Text(f" {self.app.get_key_display(binding)} ",
                   style=self.get_component_rich_style("key-bar--key"))  # fmt: skip
        key.append(f"{binding.description} ",
                   style=self.get_component_rich_style("key-bar--description"))  # fmt: skip
        if not enabled:
            key.stylize("dim")
        return key
