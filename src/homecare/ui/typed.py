"""The running app with its own type, for screens that use its services and state.

Textual types ``widget.app`` as a plain ``App``; this names it as the ``HomecareApp`` it is,
without importing the app module at run time (the app imports the screens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from homecare.ui.app import HomecareApp


def homecare_app(node: DOMNode) -> HomecareApp:
    return cast("HomecareApp", node.app)
