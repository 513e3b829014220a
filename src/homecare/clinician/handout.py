"""A printable handout of a routine for the patient, as HTML or Markdown.

The content is gathered once into a ``Handout`` (steps with their timings, cues and
instructions, the schedule, the safety rules that apply, the clinic's contact) and then
rendered; both renderers escape every piece of text from the routine file. The safety wording
comes from ``homecare.session.wording`` (docs/clinical-basis.md), as in the app. It speaks to the
patient: "you", and no internal labels such as step types.
A step's picture is embedded in the HTML page as a ``data:`` URI
(the page still loads nothing) and referenced by its path in Markdown, whose pictures the
``handout`` command writes beside it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from homecare import __version__
from homecare.base.durations import duration_words
from homecare.base.html_page import html_page
from homecare.base.text import md_escape
from homecare.routine import stages, words
from homecare.routine.model import HeatStep, IceStep, IntervalStep, Routine, Step
from homecare.session import psfs, wording
from homecare.session.plan import Plan, compile_plan
from homecare.session.safety import prescribed_on

GENERAL_SAFETY = (
    wording.STOP_AND_CALL,
    "Follow your clinician's prescription. " + wording.WORK_GENTLY,
)
STAGES_INTRO = (
    "Your exercises change as you get better: each stage follows the one before. "
    "homecare runs the stage of the day; the last stage goes on to the end of your prescription."
)
_PROTECT = "Wrap the pack in a thin towel: never put it straight on your skin."
_ON_AND_OFF = (
    "Start the timer once the pack is on, take the pack off when told (five rings), "
    "and take it off too if you pause."
)
ICE_RULES = (
    "Ice",
    (
        "Use ice when the injury is recent (less than about two weeks old), or the area is "
        "warm, red, swollen or painful.",
        "Do not use ice if the area has poor circulation, the spasm is chronic (older than "
        "about two to three weeks), or your back or whole body feels cold.",
        _PROTECT,
        _ON_AND_OFF,
        f"Check your skin at every reminder and when you take the pack off: "
        f"{wording.SKIN_LOOK_FOR['ice']}.",
    ),
)
HEAT_RULES = (
    "Heat",
    (
        "Use heat when the problem is chronic or keeps coming back (older than about two to "
        "three weeks), or the area is cold, pale, tight or painful.",
        "Do not use heat if the injury happened recently, there is swelling or redness, or "
        "your back or whole body feels hot.",
        _PROTECT + " Use warm, not hot, and never fall asleep on a heat pack.",
        _ON_AND_OFF,
        f"Check your skin at every reminder and when you take the pack off: "
        f"{wording.SKIN_LOOK_FOR['heat']}.",
    ),
)


@dataclass(frozen=True)
class StepSection:
    number: int
    name: str
    kind: str  # "pir, left then right": for the clinician's preview, not the handout
    sides: str  # "left side, then right side": what the handout says
    timing: str
    settings: tuple[tuple[str, str], ...]
    phases: tuple[str, ...]  # an interval step's phases, one line each
    cues: tuple[str, ...]
    instructions: str
    image: str = ""  # the picture's path as the routine gives it
    image_alt: str = ""


@dataclass(frozen=True)
class StageSection:
    """One stage of a routine that progresses: when it runs, its rhythm, its steps."""

    number: int
    name: str
    when: str  # "2 weeks, 2026-03-02 to 2026-03-15", or the length alone
    schedule: str  # the stage's own sessions per day and weekdays; "" when the routine's apply
    session_time: str
    steps: tuple[StepSection, ...]


@dataclass(frozen=True)
class Handout:
    title: str
    details: tuple[tuple[str, str], ...]  # (label, value): patient, prescribed by, issued
    schedule: str
    session_time: str  # "" for a routine with stages: each stage says its own
    notes: str
    steps: tuple[StepSection, ...]
    safety: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, rules)
    contact: str
    stages: tuple[StageSection, ...] = ()
    progress: str = ""  # the PSFS, when the routine asks it (homecare.session.psfs)


def build(routine: Routine, plan: Plan | None = None) -> Handout:
    """Everything the handout says, in order, from a validated routine."""
    plan = plan or compile_plan(routine)
    staged = _stages(routine)
    details = (
        ("For", routine.patient),
        ("Prescribed by", routine.prescribed_by),
        ("Issued", routine.issued.isoformat() if routine.issued else ""),
    )
    return Handout(
        title=routine.title,
        details=tuple((label, val) for label, val in details if val),
        schedule=words.schedule(routine.schedule),
        session_time="" if staged else _session_time(plan),
        notes=routine.notes,
        steps=tuple(_step_section(plan, i) for i in range(len(routine.steps))),
        safety=_safety(routine),
        contact=routine.contact,
        stages=staged,
        progress=psfs.handout_words(routine.psfs) if routine.psfs else "",
    )


def _stages(routine: Routine) -> tuple[StageSection, ...]:
    """Every stage with its dates when the routine gives its start (the schedule's start, or
    the day it was issued), else with its length: it then starts at the first session."""
    sections = []
    for span in stages.stage_spans(routine, prescribed_on(routine)):
        plan = compile_plan(stages.stage_routine(routine, span.number))
        own = span.stage.schedule
        sections.append(
            StageSection(
                number=span.number,
                name=span.name,
                when=stages.span_words(span),
                schedule=words.schedule(own) if own is not None else "",
                session_time=_session_time(plan),
                steps=tuple(_step_section(plan, i) for i in range(len(plan.routine.steps))),
            )
        )
    return tuple(sections)


def _session_time(plan: Plan) -> str:
    text = f"about {duration_words(plan.total_seconds)}"
    if any(p.seconds is None for p in plan.phases):
        text += ", plus the time you take where the routine waits for you"
    return text + "."


def _step_section(plan: Plan, index: int) -> StepSection:
    step = plan.routine.steps[index]
    phases = plan.step_phases(index)
    timed = sum(p.seconds for p in phases if p.seconds is not None)
    timing = duration_words(timed) if timed else ""
    if any(p.seconds is None for p in phases):
        timing = (timing + ", then " if timing else "") + "goes on when you are ready"
    cues: list[str] = []
    for phase in phases:
        lines = [f"{phase.label}: {phase.cue}" if phase.cue else phase.label]
        lines += [reminder.text for reminder in phase.reminders]
        cues += [line for line in dict.fromkeys(lines) if line not in cues]
    interval_phases: tuple[str, ...] = ()
    if isinstance(step, IntervalStep):
        interval_phases = tuple(
            f"{p.label}, {duration_words(p.seconds)}" + (f": {p.cue}" if p.cue else "")
            for p in step.phases
        )
    return StepSection(
        number=index + 1,
        name=step.display_name,
        kind=words.step_kind(step),
        sides=_sides(step),
        timing=timing,
        settings=tuple((_to_you(label), val) for label, val in words.settings(step))
        + tuple(words.rating(plan.routine, step)),
        phases=interval_phases,
        cues=tuple(cues),
        instructions=step.instructions,
        image=step.image,
        image_alt=step.image_alt,
    )


def _safety(routine: Routine) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The general rules, then ice and heat rules only if the routine has such a step."""
    rules: list[tuple[str, tuple[str, ...]]] = [("Always", GENERAL_SAFETY)]
    if any(isinstance(s, IceStep) for s in routine.all_steps):
        rules.append(ICE_RULES)
    if any(isinstance(s, HeatStep) for s in routine.all_steps):
        rules.append(HEAT_RULES)
    rules.append((wording.RED_FLAGS_TITLE, wording.red_flag_sentences()))
    return tuple(rules)


def _sides(step: Step) -> str:
    """The sides in words ("left side, then right side"), or "" for a step without one."""
    sides = [f"{side} side" for side in step.sides if side]
    return ", then ".join(sides)


def _to_you(text: str) -> str:
    """A field's help text (written for clinicians) addressed to the patient."""
    return text.replace("the patient says", "you say").replace("the patient", "you")


# --- HTML ---------------------------------------------------------------------------------

_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; font-size: 12pt; line-height: 1.4;
       color: #000; background: #fff; margin: 0 auto; max-width: 48em; padding: 1em; }
h1 { font-size: 20pt; margin: 0 0 0.3em; }
h2 { font-size: 15pt; margin: 1.2em 0 0.4em; border-bottom: 1px solid #000; }
h3 { font-size: 13pt; margin: 0.8em 0 0.2em; }
dl.details { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; }
dt { font-weight: bold; }
dd { margin: 0; }
section.step, section.safety { break-inside: avoid; page-break-inside: avoid; }
.timing { font-weight: bold; }
.instructions, .notes { white-space: pre-wrap; }
.contact { border: 2px solid #000; padding: 0.5em; break-inside: avoid; }
footer { margin-top: 2em; font-size: 9pt; }
figure { margin: 0.5em 0; }
figure img { display: block; max-width: 100%; max-height: 7cm; border: 1px solid #999; }
figcaption { font-size: 10pt; font-style: italic; }
"""


def to_html(handout: Handout, pictures: Mapping[str, bytes] | None = None) -> str:
    """A standalone HTML page: no scripts, no external resources, every text escaped.

    ``pictures`` (by the path the routine gives) are embedded; a step whose picture is not
    there shows its description instead.
    """
    pictures = pictures or {}
    e = html.escape
    out = [f"<h1>{e(handout.title)}</h1>"]
    if handout.details:
        out.append('<dl class="details">')
        out += [f"<dt>{e(label)}</dt><dd>{e(val)}</dd>" for label, val in handout.details]
        out.append("</dl>")
    out += ["<h2>When</h2>", f"<p>{e(handout.schedule)}</p>"]
    if handout.session_time:
        out.append(f"<p>Each session takes {e(handout.session_time)}</p>")
    if handout.progress:
        out.append(f"<p>{e(handout.progress)}</p>")
    if handout.notes:
        out += ["<h2>Notes</h2>", f'<p class="notes">{e(handout.notes)}</p>']
    if handout.steps:
        out.append("<h2>Steps</h2>")
    for step in handout.steps:
        out += _html_step(step, pictures.get(step.image))
    if handout.stages:
        out += ["<h2>Stages</h2>", f"<p>{e(STAGES_INTRO)}</p>"]
    for stage in handout.stages:
        out += [
            f"<h3>Stage {stage.number}: {e(stage.name)}</h3>",
            f'<p class="timing">{e(stage.when)}</p>',
        ]
        if stage.schedule:
            out.append(f"<p>{e(stage.schedule)}</p>")
        out.append(f"<p>Each session takes {e(stage.session_time)}</p>")
        for step in stage.steps:
            out += _html_step(step, pictures.get(step.image), "h4")
    out.append("<h2>Safety</h2>")
    for heading, rules in handout.safety:
        out += [f'<section class="safety"><h3>{e(heading)}</h3>', "<ul>"]
        out += [f"<li>{e(rule)}</li>" for rule in rules]
        out += ["</ul>", "</section>"]
    if handout.contact:
        out += [
            "<h2>Contact</h2>",
            f'<p class="contact">{e(handout.contact)}</p>',
        ]
    out.append(f"<footer>Made with homecare {e(__version__)}.</footer>")
    return html_page(handout.title, _CSS, out, data_images=bool(pictures))


def _html_step(step: StepSection, picture: bytes | None = None, heading: str = "h3") -> list[str]:
    e = html.escape
    out = [
        '<section class="step">',
        f"<{heading}>{step.number}. {e(step.name)}"
        + (f" <small>({e(step.sides)})</small>" if step.sides else "")
        + f"</{heading}>",
    ]
    if step.timing:
        out.append(f'<p class="timing">{e(step.timing)}</p>')
    if step.settings or step.phases:
        out.append("<ul>")
        out += [f"<li>{e(label)}: {e(val)}</li>" for label, val in step.settings]
        out += [f"<li>Phase {e(p)}</li>" for p in step.phases]
        out.append("</ul>")
    if step.cues:
        out.append("<p>What you will hear and see:</p>")
        out.append("<ul>" + "".join(f"<li>{e(c)}</li>" for c in step.cues) + "</ul>")
    if step.instructions:
        out.append(f'<p class="instructions">{e(step.instructions)}</p>')
    if picture is not None:
        out.append(
            f'<figure><img src="{_data_uri(step.image, picture)}" alt="{e(step.image_alt)}">'
            f"<figcaption>{e(step.image_alt)}</figcaption></figure>"
        )
    elif step.image_alt:
        out.append(f'<p class="picture">Picture: {e(step.image_alt)}</p>')
    out.append("</section>")
    return out


def _data_uri(name: str, data: bytes) -> str:
    import base64

    kind = "png" if name.lower().endswith(".png") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


# --- Markdown -----------------------------------------------------------------------------


def to_markdown(handout: Handout) -> str:
    m = md_escape
    out = [f"# {m(handout.title)}", ""]
    out += [f"- **{m(label)}:** {m(val)}" for label, val in handout.details]
    out += ["", "## When", "", m(handout.schedule)]
    if handout.session_time:
        out += ["", f"Each session takes {m(handout.session_time)}"]
    if handout.progress:
        out += ["", m(handout.progress)]
    if handout.notes:
        out += ["", "## Notes", "", m(handout.notes)]
    if handout.steps:
        out += ["", "## Steps"]
    for step in handout.steps:
        out += _md_step(step, "###")
    if handout.stages:
        out += ["", "## Stages", "", m(STAGES_INTRO)]
    for stage in handout.stages:
        out += ["", f"### Stage {stage.number}: {m(stage.name)}", "", f"**{m(stage.when)}**"]
        if stage.schedule:
            out += ["", m(stage.schedule)]
        out += ["", f"Each session takes {m(stage.session_time)}"]
        for step in stage.steps:
            out += _md_step(step, "####")
    out += ["", "## Safety"]
    for heading, rules in handout.safety:
        out += ["", f"### {m(heading)}", ""]
        out += [f"- {m(rule)}" for rule in rules]
    if handout.contact:
        out += ["", "## Contact", "", m(handout.contact)]
    out += ["", f"*Made with homecare {m(__version__)}.*", ""]
    return "\n".join(out)


def _md_step(step: StepSection, heading: str) -> list[str]:
    m = md_escape
    sides = f" ({m(step.sides)})" if step.sides else ""
    out = ["", f"{heading} {step.number}. {m(step.name)}{sides}", ""]
    if step.timing:
        out += [f"**{m(step.timing)}**", ""]
    out += [f"- {m(label)}: {m(val)}" for label, val in step.settings]
    out += [f"- Phase {m(p)}" for p in step.phases]
    if step.cues:
        out += ["", "What you will hear and see:", ""]
        out += [f"- {m(c)}" for c in step.cues]
    if step.instructions:
        out += ["", m(step.instructions)]
    if step.image:
        out += ["", f"![{m(step.image_alt)}](<{_md_path(step.image)}>)"]
    return out


def _md_path(path: str) -> str:
    """A picture's (checked, relative) path as a Markdown link target: no < > or newline."""
    return path.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


FORMATS = (".html", ".htm", ".md")  # the output file suffixes a handout can be written as


def render(routine: Routine, suffix: str, pictures: Mapping[str, bytes] | None = None) -> str:
    """The handout in the format named by an output file's suffix (``.html`` or ``.md``).

    ``pictures`` are embedded in HTML; Markdown names their files, which go beside it.
    """
    handout = build(routine)
    if suffix.lower() == ".md":
        return to_markdown(handout)
    return to_html(handout, pictures)
