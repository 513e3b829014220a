"""The ice/heat screening follows the "do not use" and "use when" rules (docs/clinical-basis.md)."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from homecare.routine.model import HeatStep, IceStep, Routine, Schedule
from homecare.session import safety, wording


@pytest.mark.parametrize(
    ("therapy", "answers", "reasons"),
    [
        ("ice", {"circulation": "yes"}, ["poor circulation"]),
        ("ice", {"injury_age": "chronic"}, ["problem is chronic"]),
        ("ice", {"body": "cold"}, ["body feels cold"]),
        ("ice", {"body": "hot", "swelling": "yes", "injury_age": "recent"}, []),
        ("heat", {"injury_age": "recent"}, ["injury is recent"]),
        ("heat", {"swelling": "yes"}, ["swelling or flushing"]),
        ("heat", {"body": "hot"}, ["body feels hot"]),
        ("heat", {"body": "cold", "circulation": "yes", "injury_age": "chronic"}, []),
        ("heat", {"injury_age": "recent", "body": "hot"}, ["injury is recent", "body feels hot"]),
    ],
)
def test_check_warns_exactly_on_the_listed_answers(therapy, answers, reasons):
    assert [c.reason for c in safety.check(therapy, answers)] == reasons


def test_not_sure_on_a_question_that_guards_against_harm_is_a_caution():
    answers = {q.id: safety.NOT_SURE for q in safety.QUESTIONS}
    ice = [c.reason for c in safety.check("ice", answers)]
    heat = [c.reason for c in safety.check("heat", answers)]
    assert ice == ["not sure when it started", "not sure about circulation"]
    assert heat == [
        "not sure when it started",
        "not sure how the area looks",
        "not sure about swelling",
    ]
    for caution in safety.check("heat", answers):
        assert "If you are not sure, ask your clinician before using heat." in caution.explanation


def test_log_reason_names_the_safety_check_and_the_choice():
    cautions = safety.check("ice", {"body": "cold", "circulation": "yes"})
    skipped = safety.Decision(2, "ice", cautions, skipped=True)
    assert skipped.log_reason == "safety check: poor circulation, body feels cold"
    went_on = safety.Decision(2, "ice", cautions[1:], skipped=False)
    assert went_on.log_reason == "safety check: body feels cold; went on anyway"


def test_check_refuses_other_therapies():
    with pytest.raises(ValueError):
        safety.check("pir", {})


def test_questions_asked_are_only_those_that_can_warn():
    assert [q.id for q in safety.questions_for(["ice"])] == ["injury_age", "circulation", "body"]
    heat = [q.id for q in safety.questions_for(["heat"])]
    assert heat == ["injury_age", "area", "body", "swelling"]
    both = [q.id for q in safety.questions_for(["ice", "heat"])]
    assert both == ["injury_age", "area", "circulation", "body", "swelling"]


def test_answer_keys_are_unique_within_each_question():
    for question in safety.QUESTIONS:
        keys = [a.key for a in question.answers]
        assert len(keys) == len(set(keys)), question.id


def test_guide_suggests_ice_for_a_fresh_warm_problem_and_explains():
    suggestion = safety.suggest({"injury_age": "recent", "area": "warm", "body": "neither"})
    assert suggestion.therapy == "ice"
    assert "ICE" in suggestion.headline
    assert any("recent" in reason for reason in suggestion.reasons)
    assert any("warm, red or swollen" in reason for reason in suggestion.reasons)


def test_guide_suggests_heat_for_an_old_cold_problem():
    suggestion = safety.suggest({"injury_age": "chronic", "area": "cold", "swelling": "no"})
    assert suggestion.therapy == "heat"


def test_guide_does_not_suggest_a_therapy_it_warns_against():
    # Recent (suits ice) but the body feels cold (warns against ice): no clear suggestion.
    suggestion = safety.suggest({"injury_age": "recent", "body": "cold"})
    assert suggestion.therapy is None
    assert "ask your clinician" in suggestion.headline
    assert [c.reason for c in suggestion.cautions] == ["body feels cold", "injury is recent"]


def test_guide_weighs_warnings_over_signs():
    # Recent suits ice and warns against heat, so a cold area does not tip it to heat.
    assert safety.suggest({"injury_age": "recent", "area": "cold"}).therapy == "ice"


def test_guide_with_no_signs_asks_the_clinician():
    suggestion = safety.suggest({q.id: safety.NOT_SURE for q in safety.QUESTIONS})
    assert suggestion.therapy is None
    assert suggestion.reasons == ()


def test_the_grey_zone_has_its_own_answer_and_advice():
    (between,) = [a for a in safety.INJURY_AGE.answers if a.value == "between"]
    assert "two to three weeks" in between.label
    (caution,) = safety.check("ice", {"injury_age": "between"})
    assert caution.explanation == wording.GREY_ZONE
    assert "ask your clinician whether to change from ice to heat" in caution.explanation
    assert safety.check("heat", {"injury_age": "between"}) == ()


def test_the_issue_example_warm_area_never_points_to_heat():
    # g, then 2 (long ago), 1 (warm, red or swollen), n, 3 (neither), n
    answers = {
        "injury_age": "chronic",
        "area": "warm",
        "circulation": "no",
        "body": "neither",
        "swelling": "no",
    }
    suggestion = safety.suggest(answers)
    assert suggestion.therapy is None
    assert "Heat is not advised where the area is warm, red or swollen." in [
        c.explanation for c in suggestion.cautions
    ]


# Every combination of answers, against an oracle written from docs/clinical-basis.md.
ALL_ANSWERS = [
    dict(zip([q.id for q in safety.QUESTIONS], values, strict=True))
    for values in itertools.product(*([a.value for a in q.answers] for q in safety.QUESTIONS))
]
SURE = safety.NOT_SURE


def expected(answers):
    age, area = answers["injury_age"], answers["area"]
    ice_suits = age == "recent" or area == "warm"
    heat_suits = age == "chronic" or area == "cold"
    ice_not = (
        answers["circulation"] in ("yes", SURE)
        or age in ("chronic", "between", SURE)
        or answers["body"] == "cold"
    )
    heat_not = (
        age in ("recent", SURE)
        or area in ("warm", SURE)
        or answers["swelling"] in ("yes", SURE)
        or answers["body"] == "hot"
    )
    fits = [
        t
        for t, suits, not_ in (("ice", ice_suits, ice_not), ("heat", heat_suits, heat_not))
        if suits and not not_
    ]
    return (fits[0] if len(fits) == 1 else None), ice_not, heat_not


def test_there_are_all_the_combinations():
    assert len(ALL_ANSWERS) == 4 * 4 * 3 * 3 * 3


@pytest.mark.parametrize("answers", ALL_ANSWERS, ids=lambda a: ",".join(a.values()))
def test_guide_and_safety_check_agree_with_the_rules(answers):
    therapy, ice_not, heat_not = expected(answers)
    suggestion = safety.suggest(answers)
    assert suggestion.therapy == therapy
    assert bool(safety.check("ice", answers)) is ice_not
    assert bool(safety.check("heat", answers)) is heat_not
    if suggestion.therapy is not None:  # SAFE-1: never a therapy it warns against
        assert not safety.check(suggestion.therapy, answers)
    assert suggestion.therapy != "heat" or answers["area"] != "warm"
    for t in safety.THERAPIES:  # the safety check asks fewer questions, and concludes the same
        asked = {q.id for q in safety.questions_for([t])}
        assert safety.check(t, {k: v for k, v in answers.items() if k in asked}) == safety.check(
            t, answers
        )
    for caution in suggestion.cautions:  # each caution in plain words, with its rule's id
        assert caution.explanation.endswith(".") and caution.rule
        if caution.reason.startswith("not sure"):
            assert f"ask your clinician before using {caution.therapy}" in caution.explanation


def test_guide_never_claims_to_override_the_prescription():
    assert "never changes it" in safety.FOLLOW_PRESCRIPTION


@pytest.mark.parametrize(
    ("before", "after", "alert"),
    [
        (None, None, False),
        (3, None, False),
        (None, 6, False),
        (None, 7, True),
        (0, 7, True),
        (4, 5, False),
        (4, 6, True),
        (8, 7, True),
        (6, 5, False),
    ],
)
def test_pain_alert_at_seven_or_a_rise_of_two(before, after, alert):
    assert safety.pain_needs_attention(before, after) is alert


@pytest.mark.parametrize(
    ("routine", "advice"),
    [
        (Routine(title="t", issued=date(2026, 11, 16), steps=(IceStep(),)), None),
        (Routine(title="t", issued=date(2026, 11, 15), steps=(IceStep(),)), wording.ICE_MAY_BE_OLD),
        (
            Routine(
                title="t",
                issued=date(2026, 1, 1),
                schedule=Schedule(start=date(2026, 11, 20)),
                steps=(IceStep(),),
            ),
            None,
        ),  # the schedule's start comes first
        (Routine(title="t", issued=date(2026, 1, 1), steps=(HeatStep(),)), None),
        (Routine(title="t", steps=(IceStep(),)), None),  # no date: nothing to say
    ],
)
def test_an_ice_prescription_over_two_weeks_old_suggests_asking_about_heat(routine, advice):
    assert safety.ice_prescription_advice(routine, date(2026, 11, 30)) == advice
