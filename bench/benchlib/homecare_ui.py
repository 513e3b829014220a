"""What the bench knows about homecare's screens: how to tell them apart and get through them.

Kept in one place so a change of wording in the app means one change here. The texts come from
homecare.ui (home.py, run.py, pain.py, red_flags.py, safety_check.py) and homecare.session.safety.
"""

from __future__ import annotations

import itertools
import time

from benchlib.term import PtyProcess

HOME = ("Your routines", "? help")  # the home screen's title and its key bar
# What is due today, shown under each routine once the log has been read: "1 of 2 done today",
# "not scheduled today", "an example: nothing due today" (every status says "today").
HOME_COMPLETE = (*HOME, "today")
PAIN_BEFORE = "Before you start"
PAIN_BEFORE_PLAIN = "How much pain do you have right now?"
SAFETY = "Safety check"
RED_FLAGS_READ = "I have read this"  # the red flags before a routine's first session (red_flags.py)
GO_ON = "Go on anyway"
RUNNING_ICE = ("ICE", "pause")  # the phase word in the band and the run screen's key bar
RUNNING_PIR = ("cycle", "pause")  # "cycle 1 of 5" on the step's line, and the key bar
RUN_KEYS = "pause"  # in the run screen's key bar
READY = "Press Enter when you are ready."  # a phase that waits for the patient: pack on (run.py)


def _safe_ice_answers() -> list[tuple[str, str]]:
    """(start of question text, key) answering the ice screening so ice is advised."""
    from homecare.session import safety

    questions = safety.questions_for([safety.ICE])
    for answers in itertools.product(*(question.answers for question in questions)):
        chosen = {q.id: a.value for q, a in zip(questions, answers, strict=True)}
        if not safety.check(safety.ICE, chosen):
            return [(q.text[:40], a.key) for q, a in zip(questions, answers, strict=True)]
    return [(q.text[:40], q.answers[0].key) for q in questions]


def start_session(
    process: PtyProcess,
    running: tuple[str, ...] = RUNNING_ICE,
    timeout: float = 30.0,
    also: tuple[PtyProcess, ...] = (),
) -> float | None:
    """Get from ``homecare run FILE`` to the running session: confirm the red flags (before a
    routine's first session), answer a safety check (if the routine has ice) so ice is advised,
    skip the pain rating, confirm the pack is on. Returns when the run screen shows ``running``
    and counts down (waits for no one), or None."""
    answers = _safe_ice_answers()
    deadline = time.monotonic() + timeout
    last_answered = None
    red_flags_read = False
    confirmed: set[str] = set()  # the "Press Enter when you are ready" screens answered
    while time.monotonic() < deadline and process.exit is None:
        screen = process.screen.text()
        waiting = READY in screen
        if all(marker in screen for marker in running) and SAFETY not in screen and not waiting:
            return time.monotonic()
        if waiting:
            if screen not in confirmed:
                process.send("\r")
                confirmed.add(screen)
        elif RED_FLAGS_READ in screen:
            if not red_flags_read:
                process.send("\r")
                red_flags_read = True
        elif SAFETY in screen:
            shown = " ".join(screen.split())
            asked = next((a for a in answers if " ".join(a[0].split()) in shown), None)
            if GO_ON in screen:
                process.send("g")
            elif asked is not None and asked != last_answered:
                process.send(asked[1])
                last_answered = asked
        elif PAIN_BEFORE in screen:
            process.send("s")
        process.wait_for(lambda p: False, 0.15, also)  # let the screen change
    return None


HISTORY_KEY = "h"  # on the home screen
HISTORY = ("History",)  # the history screen's title

PLAIN_COMPLETE = "Session complete"  # the plain runner's last line when a session completes

# The plain runner on a terminal asks questions, each answered by a line (homecare/plain/runner.py).
PLAIN_KEYS = "Keys: Enter = done"  # printed once the questions are over and the session starts
PLAIN_PAIN_AFTER = "How much pain do you have now?"
PLAIN_NOTE = "A note for your log"


def answer_plain(
    process: PtyProcess, timeout: float = 20.0, also: tuple[PtyProcess, ...] = ()
) -> float | None:
    """Answer the plain runner's questions before a session: the safety check so ice is advised,
    no pain rating. Returns when the session has started, or None."""
    answers = [key for _, key in _safe_ice_answers()]
    sent: list[str] = []  # every answer typed so far, one line each
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.exit is None:
        output = process.output()
        if PLAIN_KEYS in output:
            return time.monotonic()
        questions = min(output.count("Question "), len(answers))
        wanted = answers[:questions] + ["g"] * output.count(GO_ON)
        wanted += [""] if PAIN_BEFORE_PLAIN in output else []
        for answer in wanted[len(sent) :]:
            process.send(answer + "\r")
            sent.append(answer)
        process.wait_for(lambda p: False, 0.1, also)
    return None


def finish_plain(process: PtyProcess, answered: set[str]) -> None:
    """After a completed session, skip the pain rating and the note (once each), so it exits."""
    output = process.output()
    for prompt in (PLAIN_PAIN_AFTER, PLAIN_NOTE):
        if prompt in output and prompt not in answered:
            answered.add(prompt)
            process.send("\r")
