"""The patient-facing wording of a session and its safety, in one place: app, plain runner,
help and handout use it.

Each sentence restates a rule of docs/clinical-basis.md (its id is given beside it), so a
change of wording is made once and reviewed against that document.
"""

from __future__ import annotations

# GEN-1: when to stop and call (the founding article's general safety message).
STOP_AND_CALL = (
    "Stop and contact your clinician if pain becomes sharp, spreads, or you feel numbness, "
    "tingling or weakness."
)
# GEN-2: the bundled routines are examples; the prescription is the clinician's.
FOLLOW_PRESCRIPTION = (
    "Follow your clinician's prescription: this guide never changes it. "
    "If you are unsure, ask your clinician."
)
EXAMPLES_ARE_EXAMPLES = (
    "Follow your clinician's prescription; the bundled routines are examples, not a prescription."
)
WORK_GENTLY = (
    "Work gently: never force a stretch, and contract with slight force only, without pain."
)
# PAIN-1: the alert after a session.
PAIN_HIGH = "Your pain is high or has gone up."
YOUR_CLINIC = "Your clinic: "
# The questions around a session (both front ends).
PAIN_NOW_BEFORE = "How much pain do you have right now?"
PAIN_NOW_AFTER = "How much pain do you have now?"
PAIN_SCALE = "0 = no pain, 5 = moderate, 10 = worst."
NOTE_PROMPT = "A note for your log (optional), then Enter:"


def steps_done(done: int, total: int, skipped: int) -> str:
    """The end of a session in numbers: "Done 2 of 3 steps, skipped 1"."""
    return f"Done {done} of {total} steps, skipped {skipped}"


# RED-1, RED-2: homecare's addition, from low-back-pain guidance (NICE NG59; NHS cauda equina).
RED_FLAGS_TITLE = "When to get urgent medical help instead of home treatment"
RED_FLAGS_URGENT = (
    "new difficulty passing urine, or loss of bladder or bowel control",
    "numbness around your back passage, genitals or inner thighs",
    "weakness or numbness in both legs, or in a leg that is getting worse",
)
RED_FLAGS_SOON = (
    "fever, or feeling very unwell",
    "back pain after a bad fall or an accident",
    "weight loss you cannot explain",
    "a history of cancer",
    "constant pain that is worse at night",
)
RED_FLAGS_SOURCE = (
    "This list is homecare's addition, from national low-back-pain guidance "
    "(NICE guideline NG59; NHS advice on cauda equina syndrome)."
)


RED_FLAGS_AT_ONCE = "Get help at once (emergency department or emergency number) if you have:"
RED_FLAGS_CALL_SOON = "See a doctor soon (call your clinic today) if you have:"


def red_flag_sentences() -> tuple[str, ...]:
    """The red flags as three sentences, for a printed list (the handout)."""
    return (
        f"{RED_FLAGS_AT_ONCE} {'; '.join(RED_FLAGS_URGENT)}.",
        f"{RED_FLAGS_CALL_SOON} {'; '.join(RED_FLAGS_SOON)}.",
        RED_FLAGS_SOURCE,
    )


def red_flags(contact: str = "") -> tuple[str, ...]:
    """The red flags as lines of plain text, ending with the clinic's contact if known."""
    lines = [
        RED_FLAGS_TITLE + ":",
        RED_FLAGS_AT_ONCE,
        *(f"  - {sign}" for sign in RED_FLAGS_URGENT),
        RED_FLAGS_CALL_SOON,
        *(f"  - {sign}" for sign in RED_FLAGS_SOON),
        RED_FLAGS_SOURCE,
    ]
    if contact:
        lines.append(f"{YOUR_CLINIC}{contact}")
    return tuple(lines)


# PACK-1 .. PACK-4: putting the pack on, taking it off, the skin checks, pausing.
PACK_NAMES = {"ice": "ice pack", "heat": "heat pack"}
PROTECT_SKIN = "wrapped in a thin towel, never straight on the skin"
SKIN_CHECK = "Check your skin"
SKIN_LOOK_FOR = {
    "ice": "take the ice off if your skin is white or blotchy, numb, or very painful",
    "heat": "take the heat off if your skin is bright red, blistered, or too hot to bear",
}


def pack_on(therapy: str, area: str = "") -> str:
    where = f" on your {area}" if area else ""
    return f"Put the {PACK_NAMES[therapy]}{where} ({PROTECT_SKIN}), then confirm"


# What to look for once the pack is off (PACK-2): a sign that stays is for the clinician.
SKIN_AFTER = {
    "ice": "if it stays white or blotchy, numb, or very painful, tell your clinician",
    "heat": "if it stays bright red, or blisters, tell your clinician",
}


def pack_off(therapy: str) -> str:
    return f"Take the {PACK_NAMES[therapy]} off now. Look at your skin: {SKIN_AFTER[therapy]}"


PAUSED_WITH_PACK = (
    "Take the {pack} off while you are paused: the timer has stopped, the pack has not. "
    "Put it back on when you go on."
)


def paused_with_pack(therapy: str) -> str:
    """What a pause during ice or heat says: the timer stops, the cold or heat does not."""
    return PAUSED_WITH_PACK.format(pack=PACK_NAMES[therapy])


# The cautions of the safety check and the guide (ICE-3 .. ICE-5, HEAT-3 .. HEAT-5).
NOT_ADVISED_TODAY = "{therapy} is not advised today, because:"
YOU_CHOOSE = (
    "Your clinician prescribed this step. You choose: skip it today, or go on anyway. "
    "Your choice is kept in your log for your clinician."
)
SKIP_TODAY = "Skip this step today"
GO_ON_ANYWAY = "Go on anyway"


def safety_check_title(therapies: tuple[str, ...]) -> str:
    """ "Safety check before ice and heat"."""
    return f"Safety check before {' and '.join(therapies)}"


def short_questions(count: int) -> str:
    return f"{count} short questions."


def not_advised_today(therapy: str) -> str:
    return NOT_ADVISED_TODAY.format(therapy=therapy.capitalize())


ICE_POOR_CIRCULATION = "Ice is not advised where circulation is poor."
ICE_CHRONIC = (
    "Ice is meant for recent problems. For a spasm older than two to three weeks, the usual "
    "advice is heat instead."
)
ICE_BODY_COLD = "Ice is not advised while your back or your whole body feels cold."
HEAT_RECENT = "Heat is not advised for an injury that happened recently (under about two weeks)."
HEAT_WARM_AREA = "Heat is not advised where the area is warm, red or swollen."
HEAT_SWELLING = "Heat is not advised where there is swelling or flushing (redness)."
HEAT_BODY_HOT = "Heat is not advised while your back or your whole body feels hot."
# SAFE-2: "not sure" on a question that guards against harm, in words.
NOT_SURE_AGE = (
    "You are not sure when the problem started. If you are not sure, ask your clinician "
    "before using {therapy}."
)
NOT_SURE_CIRCULATION = (
    "You are not sure about the circulation in that area. If you are not sure, ask your "
    "clinician before using ice."
)
NOT_SURE_SWELLING = (
    "You are not sure about swelling or redness. If you are not sure, ask your clinician "
    "before using heat."
)
# AGE-3: the grey zone between "recent" and "chronic".
GREY_ZONE = (
    "The problem started about two to three weeks ago: between the time for ice and the time "
    "for heat. Follow your prescription, and ask your clinician whether to change from ice to "
    "heat."
)
# AGE-4: an ice prescription more than two weeks old.
ICE_MAY_BE_OLD = (
    "This ice routine was prescribed more than two weeks ago. Ice is for a problem under about "
    "two weeks old: ask your clinician whether you should change to heat. Until then, follow "
    "your prescription."
)
NOT_SURE_AREA = (
    "You are not sure whether the area is warm, red or swollen. If you are not sure, ask your "
    "clinician before using heat."
)


# Why a session stopped, as the log keeps it and History shows it ("stopped: you chose to stop").
STOPPED_BY_YOU = "you chose to stop"
APP_CLOSED = "app closed"
CTRL_C = "Ctrl+C pressed"
OUTPUT_CLOSED = "output closed"
