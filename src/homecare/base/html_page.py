"""The frame of the standalone HTML pages homecare writes (the handout, the report).

A page is one file that works offline and prints on A4 or Letter: no script and no external
resource (its Content-Security-Policy forbids both), the style inline, the title escaped. A page
with pictures (a handout) embeds them as ``data:`` URIs, the only images its policy allows.
"""

from __future__ import annotations

from html import escape

# After the page's own style, so that printing drops its screen margins and width.
_PRINT_CSS = """
@page { margin: 15mm; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
"""


def html_page(title: str, css: str, body: list[str], *, data_images: bool = False) -> str:
    """A whole page around ``body`` (lines of HTML, already escaped), styled by ``css``.

    ``data_images`` lets the page show images embedded in it, and nothing from elsewhere.
    """
    policy = "default-src 'none'; style-src 'unsafe-inline'"
    if data_images:
        policy += "; img-src data:"
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{css}{_PRINT_CSS}</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>", ""])
