"""The ice/heat screening follows clinical.md's "do not use" and "use when" lists."""

from __future__ import annotations

import pytest

from homecare.session import safety


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


def test_not_sure_never_warns():
    answers = {q.id: safety.NOT_SURE for q in safety.QUESTIONS}
    assert safety.check("ice", answers) == ()
    assert safety.check("heat", answers) == ()


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
    assert [q.id for q in safety.questions_for(["heat"])] == ["injury_age", "body", "swelling"]
    both = [q.id for q in safety.questions_for(["ice", "heat"])]
    assert both == ["injury_age", "circulation", "body", "swelling"]


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


def test_guide_never_claims_to_override_the_prescription():
    assert "never changes it" in safety.FOLLOW_PRESCRIPTION


@pytest.mark.parametrize(
    ("before", "after", "alert"),
    [(None, None, False), (3, None, False), (None, 6, False), (None, 7, True), (0, 7, True),
     (4, 5, False), (4, 6, True), (8, 7, True), (6, 5, False)],
)  # fmt: skip
def test_pain_alert_at_seven_or_a_rise_of_two(before, after, alert):
    assert safety.pain_needs_attention(before, after) is alert
