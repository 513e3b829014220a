"""What the log says before a session, one answer for the app and the plain runner: today's
stage, whether it is the routine's first session, and its latest PSFS; a log that fails answers
as a first session would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from homecare.log.before_session import BeforeSession, before_session
from homecare.log.store import PsfsRating
from homecare.routine.model import Psfs
from homecare.session.psfs import Taken

from .factories import finished
from .routines import BACK_FILE
from .test_stage_today import FILE as STAGED_FILE

DAY = date(2026, 5, 4)
MORNING = datetime(2026, 5, 4, 8, 0, tzinfo=timezone.utc)


def test_before_the_first_session_the_red_flags_are_due_and_the_routine_runs_as_it_is(store):
    assert before_session(store, BACK_FILE, DAY) == BeforeSession(BACK_FILE)


def test_a_session_of_the_routine_in_the_log_makes_the_next_one_not_the_first(store):
    store.add_sessions([finished(MORNING, BACK_FILE.routine.id)])
    assert not before_session(store, BACK_FILE, DAY).first_session
    other = replace(BACK_FILE, routine=replace(BACK_FILE.routine, id="another"))
    assert before_session(store, other, DAY).first_session


def test_the_last_psfs_is_read_only_for_a_routine_that_asks_it(store):
    asks = replace(BACK_FILE, routine=replace(BACK_FILE.routine, psfs=Psfs(("Socks",))))
    taken = replace(finished(MORNING, BACK_FILE.routine.id), psfs=(PsfsRating(0, "Socks", 4),))
    store.add_sessions([taken])
    assert before_session(store, asks, DAY + timedelta(days=1)).last_psfs == Taken(DAY, ("Socks",))
    assert before_session(store, BACK_FILE, DAY).last_psfs is None


def test_a_staged_routine_runs_todays_stage_and_says_where_it_is(store):
    store.add_sessions([finished(MORNING, STAGED_FILE.routine.id)])  # its first session starts it
    before = before_session(store, STAGED_FILE, DAY + timedelta(days=7))
    assert before.routine_file.stage == 2
    assert before.where == "week 2 of 3, stage 2: Stretch more"
    assert not before.first_session


def test_without_a_log_or_with_one_that_fails_it_answers_as_a_first_session(store):
    asks = replace(STAGED_FILE, routine=replace(STAGED_FILE.routine, psfs=Psfs()))
    store.add_sessions([finished(MORNING, asks.routine.id)])
    store.close()  # every query now fails
    for log in (None, store):
        before = before_session(log, asks, DAY + timedelta(days=7))
        assert before.first_session and before.last_psfs is None
        assert before.routine_file.stage == 1  # no start known: today starts stage 1
        assert before.where == "week 1 of 3, stage 1: Settle"
