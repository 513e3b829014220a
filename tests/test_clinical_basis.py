"""docs/clinical-basis.md, rule by rule, against the code: the table's last column says what
each rule's code must do, and this test does it."""

from __future__ import annotations

import importlib
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from homecare.routine.model import STEP_TYPES, IceStep, Routine, Schedule
from homecare.routine.specs import NumberSpec, specced_fields
from homecare.session import bells, safety, wording
from homecare.session.kinds import PhaseKind
from homecare.session.plan import compile_plan

ALL_KINDS = tuple(PhaseKind)
DOC = Path(__file__).resolve().parents[1] / "docs" / "clinical-basis.md"
ROW = re.compile(r"^\| ([A-Z]+-\d+) \|.*\| `([^`]+)` \|$")


def rules() -> list[tuple[str, str]]:
    return [m.groups() for line in DOC.read_text("utf-8").splitlines() if (m := ROW.match(line))]


def test_the_document_lists_rules_with_unique_ids():
    ids = [rule_id for rule_id, _ in rules()]
    assert len(ids) >= 30
    assert len(ids) == len(set(ids))


def _answers(text: str) -> dict[str, str]:
    pairs = (item.split("=", 1) for item in text.split(","))
    return {key.strip(): value.strip() for key, value in pairs}


def _lookup(name: str) -> object:
    """``homecare.session.wording.STOP_AND_CALL`` or ``homecare.routine.model.PirStep.force``."""
    parts = name.split(".")
    for split in range(len(parts), 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[split:]:
            value = getattr(value, attribute)
        return value
    raise LookupError(name)


def _words(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_words(v) for v in value.values())
    return " ".join(_words(v) for v in value)  # type: ignore[union-attr]


def check_rule(rule_id: str, spec: str) -> None:
    kind, _, rest = spec.partition(" ")
    if kind == "caution":
        therapy, answers = rest.split(" ", 1)
        cautions = safety.check(therapy, _answers(answers))
        assert rule_id in [c.rule for c in cautions], cautions
    elif kind == "guide":
        answers, outcome = rest.split(" -> ")
        therapy = safety.suggest(_answers(answers)).therapy
        assert (therapy or "none") == outcome
    elif kind == "range":
        where, bounds = rest.split(" ")
        step_type, field_name = where.split(".")
        low, high = (float(b) if b else None for b in bounds.split(".."))
        spec_ = dict((f.name, s) for f, s in specced_fields(STEP_TYPES[step_type]))[field_name]
        assert isinstance(spec_, NumberSpec)
        assert (spec_.soft_low if low is not None else None) == low
        assert spec_.soft_high == high
        assert rule_id in spec_.why and "clinical-basis.md" in spec_.why  # the warning says why
    elif kind == "plan":
        step_type, kinds = rest.split(" ")
        routine = Routine(title="t", steps=(STEP_TYPES[step_type](),))
        assert [p.kind for p in compile_plan(routine).phases] == kinds.split(",")
    elif kind == "rings":
        phase_kind, times = rest.split(" ")
        assert PhaseKind(phase_kind).rings == int(times)
        others = {k.rings for k in ALL_KINDS if k != phase_kind}
        assert int(times) not in others | {bells.END_RINGS}  # a pattern of its own
    elif kind == "advice":
        days = int(rest)
        today = date(2026, 12, 1)
        for offset, expected in ((days, None), (days + 1, wording.ICE_MAY_BE_OLD)):
            started = Schedule(start=today - timedelta(days=offset))
            routine = Routine(title="t", schedule=started, steps=(IceStep(),))
            assert safety.ice_prescription_advice(routine, today) == expected
    elif kind == "pain":
        high, rise = (int(n) for n in rest.split(" "))
        alert = safety.pain_needs_attention
        assert alert(None, high) and not alert(None, high - 1)
        assert alert(3, 3 + rise) and not alert(3, 2 + rise)
    elif kind == "says":
        name, phrase = rest.split(" ", 1)
        assert phrase.strip('"') in _words(_lookup(name))
    else:
        raise AssertionError(f"{rule_id}: unknown check {spec!r}")


@pytest.mark.parametrize(("rule_id", "spec"), rules(), ids=[r for r, _ in rules()])
def test_each_rule_holds_in_the_code(rule_id, spec):
    check_rule(rule_id, spec)


def test_every_caution_and_reason_names_a_rule_of_the_document():
    ids = {rule_id for rule_id, _ in rules()}
    used = {rule.id for rule in (*safety._DO_NOT, *safety._USE_WHEN)}
    assert used <= ids


def test_nothing_points_outside_the_repository():
    root = DOC.parents[1]
    files = [
        root / "README.md",
        *(root / "docs").rglob("*.md"),
        *(root / "src").rglob("*.py"),
        *(root / "tests").rglob("*.py"),
    ]
    outside = "clinical" + ".md"  # spelled in two parts so this file does not match itself
    assert [f.name for f in files if outside in f.read_text("utf-8")] == []


def test_the_readme_links_the_document():
    assert "(docs/clinical-basis.md)" in (DOC.parents[1] / "README.md").read_text("utf-8")


@pytest.mark.parametrize(
    "name",
    ["STOP_AND_CALL", "PAIN_HIGH", "YOU_CHOOSE", "ICE_CHRONIC", "RED_FLAGS_TITLE", "PROTECT_SKIN"],
)
def test_the_patient_facing_safety_wording_has_one_home(name):
    words = getattr(wording, name)[:40]
    src = DOC.parents[1] / "src" / "homecare"
    copies = [
        p.name
        for p in src.rglob("*.py")
        if p.name != "wording.py" and words in p.read_text("utf-8")
    ]
    assert copies == []
