"""The frame shared by the handout and the report: offline, escaped, printable."""

from __future__ import annotations

from html.parser import HTMLParser

from homecare.base.html_page import html_page


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_the_page_wraps_the_body_and_escapes_the_title():
    page = html_page("Back & <b>neck</b>", "h1 { color: #000; }", ["<h1>Hi</h1>"])
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</body>\n</html>\n")
    assert "<title>Back &amp; &lt;b&gt;neck&lt;/b&gt;</title>" in page
    assert "<body>\n<h1>Hi</h1>\n</body>" in page


def test_the_page_loads_nothing_and_runs_nothing():
    parser = Tags()
    parser.feed(html_page("T", "", []))
    metas = [attrs for tag, attrs in parser.tags if tag == "meta"]
    assert {"charset": "utf-8"} in metas
    policy = next(a["content"] for a in metas if a.get("http-equiv") == "Content-Security-Policy")
    assert policy == "default-src 'none'; style-src 'unsafe-inline'"


def test_print_rules_come_after_the_page_style_so_they_win():
    page = html_page("T", "body { max-width: 48em; }", [])
    assert page.index("max-width: 48em") < page.index("@media print")
    assert "@page { margin: 15mm; }" in page
