"""The handout: every step with timings, cues and instructions, safety rules, escaped text."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from homecare.base.text import md_escape
from homecare.clinician import handout
from homecare.routine.model import PirStep, Routine


class Page(HTMLParser):
    """Collects tags, visible text and the style sheet of an HTML page."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.open: list[str] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in ("meta", "br", "!doctype"):
            self.open.append(tag)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> does not close <{self.open[-1:]}>"
        self.open.pop()
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def test_html_has_every_step_timing_cue_instruction_and_the_schedule(routine):
    page = Page(handout.render(routine, ".html"))
    assert page.open == []  # every element closed, in order
    words = page.words
    assert "Lower back, week 1" in words
    assert "For Sam Lee" in words and "Prescribed by Dr. Rivera, DC" in words
    assert "Twice a day on Mon, Wed, Fri, from 2026-11-25 to 2026-12-15." in words
    for heading in (
        "1. Post-isometric relaxation (left side, then right side)",
        "2. Ice",
        "3. Rest",
        "4. Intervals",
    ):
        assert heading in words
    assert "(pir" not in words and "(ice)" not in words  # no internal labels
    assert "How long to contract gently: 10 seconds" in words
    assert "CONTRACT: Breathe in and contract gently" in words
    assert "Lie on your back, knee to chest." in words
    assert "goes on when you are ready" in words
    assert "Phase Walk, 30 s: slowly" in words
    assert "Spine Clinic, 555-0100" in words
    assert "plus the time you take where the routine waits for you" in words


def test_html_prints_on_any_paper_and_runs_no_script(routine):
    source = handout.render(routine, ".html")
    page = Page(source)
    page_rule = re.search(r"@page\s*{([^}]*)}", page.style)
    assert page_rule and "size" not in page_rule.group(1)  # the printer's paper: A4 or Letter
    assert "break-inside: avoid" in page.style
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert "default-src 'none'" in source


def test_safety_rules_follow_the_steps(routine, heat_routine):
    with_ice = Page(handout.render(routine, ".html")).words
    assert "Do not use ice if the area has poor circulation" in with_ice
    assert "Do not use heat" not in with_ice
    assert "Stop and contact your clinician if pain becomes sharp" in with_ice
    with_heat = Page(handout.render(heat_routine, ".html")).words
    assert "Do not use heat if the injury happened recently" in with_heat
    assert "use ice" not in with_heat.lower()
    plain = Routine(title="PIR", id="pir", steps=(PirStep(),))
    assert "Heat" not in Page(handout.render(plain, ".html")).tags  # no rules section needed
    assert "Stop and contact your clinician" in Page(handout.render(plain, ".html")).words


def test_html_shows_hostile_text_literally(routine, hostile):
    hostile = replace(
        routine,
        title=hostile,
        contact=hostile,
        steps=(replace(routine.steps[0], name=hostile[:60], instructions=hostile),),
    )
    page = Page(handout.render(hostile, ".html"))
    assert page.tags.count("script") == 0
    assert page.words.count('<script>alert("x")</script>') >= 3


def test_very_long_text_is_kept_whole(routine):
    notes = "word " * 399 + "END"
    long = replace(routine, notes=notes)
    assert "END" in Page(handout.render(long, ".html")).words
    assert "END" in handout.render(long, ".md")


def test_markdown_has_the_same_content(routine):
    text = handout.render(routine, ".md")
    assert text.startswith("# Lower back, week 1\n")
    assert "### 1. Post-isometric relaxation (left side, then right side)\n" in text
    assert "- CONTRACT: Breathe in and contract gently" in text
    assert "## Safety" in text and "### Ice" in text
    assert "Go gently.  \nStop if it hurts." in text  # a line break, not a joined paragraph


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("*bold* _it_", r"\*bold\* \_it\_"),
        ("[a](http://x)", r"\[a\](http://x)"),
        ("<b>&amp;", r"\<b\>\&amp;"),
        ("- item", r"\- item"),
        ("1. item", r"1\. item"),
        ("# heading", r"\# heading"),
        ("-5 degrees", "-5 degrees"),
        ("version 0.1.0", "version 0.1.0"),
        ("a|b `c` ~d~ \\e", r"a\|b \`c\` \~d\~ \\e"),
        ("first\n 2) then\n+ more", "first  \n 2\\) then  \n\\+ more"),
    ],
)
def test_markdown_escapes_what_would_change_the_page(raw, escaped):
    assert md_escape(raw) == escaped


def test_a_routine_with_the_psfs_tells_the_patient_when_and_what_it_asks(routine):
    from homecare.routine.model import FOLLOW_THROUGH_FORMAT, Psfs

    asked = replace(
        routine,
        format=FOLLOW_THROUGH_FORMAT,
        psfs=Psfs(activities=("Putting on <socks>", "Sitting"), every_days=14),
    )
    words = Page(handout.render(asked, ".html")).words
    assert "then every 14 days, homecare asks how well you can do these activities: " in words
    assert "Putting on <socks>; Sitting, from 0 (unable) to 10" in words
    named = handout.render(replace(asked, psfs=Psfs()), ".md")
    assert "every 7 days, homecare asks how well you can do a few activities" in named
    assert "homecare asks how well" not in handout.render(routine, ".md")
