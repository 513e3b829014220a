"""Handouts with pictures: embedded in HTML (still loading nothing), named in Markdown."""

from __future__ import annotations

import base64
from html.parser import HTMLParser

from homecare.cli import main
from homecare.clinician.handout import render
from homecare.routine.loader import load_file

from .picturefiles import png, write_routine


class Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.policy = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            self.policy = attrs["content"]


def parsed(page: str) -> Images:
    parser = Images()
    parser.feed(page)
    return parser


def test_the_html_handout_embeds_each_picture_as_a_data_uri(tmp_path):
    source = write_routine(tmp_path, alt="Knee 'up' <b>&</b>")
    out = tmp_path / "handout.html"
    assert main(["handout", str(source), "-o", str(out)]) == 0
    page = parsed(out.read_text(encoding="utf-8"))
    (image,) = page.images
    assert image["src"] == "data:image/png;base64," + base64.b64encode(png()).decode()
    assert image["alt"] == "Knee 'up' <b>&</b>"  # escaped in the file, the same text once parsed
    assert page.policy == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def test_a_handout_without_pictures_keeps_the_strict_policy(tmp_path):
    routine = load_file(write_routine(tmp_path, {}, image=None, alt=None, format=1)).routine
    page = parsed(render(routine, ".html"))
    assert page.images == [] and page.policy == "default-src 'none'; style-src 'unsafe-inline'"


def test_the_markdown_handout_names_the_pictures_written_beside_it(tmp_path):
    source = write_routine(tmp_path / "clinic" if (tmp_path / "clinic").mkdir() is None else None)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    assert main(["handout", str(source), "-o", str(out_dir / "h.md")]) == 0
    text = (out_dir / "h.md").read_text(encoding="utf-8")
    assert "![A knee pulled up](<pics/knee.png>)" in text
    assert (out_dir / "pics" / "knee.png").read_bytes() == png()
    # Again: the same picture is already there, so no --force is needed for it.
    assert main(["handout", str(source), "-o", str(out_dir / "h2.md")]) == 0


def test_a_picture_already_beside_a_markdown_handout_is_not_replaced_without_force(
    tmp_path, capsys
):
    source = write_routine(tmp_path / "clinic" if (tmp_path / "clinic").mkdir() is None else None)
    (tmp_path / "out" / "pics").mkdir(parents=True)
    (tmp_path / "out" / "pics" / "knee.png").write_bytes(b"someone else's picture")
    assert main(["handout", str(source), "-o", str(tmp_path / "out" / "h.md")]) == 2
    assert "already exists; add --force" in capsys.readouterr().err
