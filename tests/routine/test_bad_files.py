"""The corpus of malformed and hostile files: exact messages, and the schema agreeing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from homecare.routine.loader import parse_routine, slugify
from homecare.routine.problems import RoutineError

from .jsonschema_check import schema_errors

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

HERE = Path(__file__).parent
BAD = HERE / "bad"
EXPECTED = tomllib.loads((HERE / "bad-expected.toml").read_text(encoding="utf-8"))


def _problems(path: Path) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        parse_routine(path.read_bytes(), path.name, slugify(path.stem))
    return [str(problem) for problem in caught.value.problems]


def test_every_file_in_the_corpus_has_an_expectation_and_there_are_at_least_30():
    assert sorted(EXPECTED) == sorted(p.name for p in BAD.iterdir())
    assert len(EXPECTED) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loader_gives_exactly_the_expected_messages(name):
    assert _problems(BAD / name) == EXPECTED[name]["messages"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_schema_agrees_where_it_can_express_the_rule(name):
    verdict = EXPECTED[name]["schema"]
    try:
        table = tomllib.loads((BAD / name).read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        assert verdict == "unreadable"
        return
    assert verdict == ("rejects" if schema_errors(table) else "accepts")


def test_only_the_documented_gaps_are_accepted_by_the_schema():
    accepted = sorted(name for name, case in EXPECTED.items() if case["schema"] == "accepts")
    assert accepted == ["schedule-date-in-quotes.toml", "schedule-end-before-start.toml"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_message_carries_a_raw_control_character(name):
    for message in EXPECTED[name]["messages"]:
        assert message.isprintable(), message


# Hostile files too large or too odd to keep in the repository: built here.


def _problem_lines(data: bytes) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        parse_routine(data, "hostile.toml", "hostile")
    return [str(problem) for problem in caught.value.problems]


def test_a_file_over_one_mebibyte_is_refused_before_parsing():
    data = b'format = 1\ntitle = "big"\n' + b"# padding\n" * 110_000
    assert _problem_lines(data) == [
        "hostile.toml: is too large for a routine file (more than 1 MiB); "
        "a routine is a few kilobytes of text"
    ]


def test_deep_nesting_is_a_message_not_a_crash():
    data = b"format = 1\nx = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    lines = _problem_lines(data)
    assert lines == ["hostile.toml: not valid for homecare: values are nested too deeply"]


def test_an_enormous_integer_is_a_message_not_a_crash():
    data = b'format = 1\ntitle = "x"\n[[steps]]\ntype = "pir"\ncycles = 1' + b"0" * 5000 + b"\n"
    assert _problem_lines(data) == [
        "hostile.toml: not valid for homecare: a number in this file is far too long"
    ]


def test_a_huge_but_convertible_integer_is_not_echoed_in_full():
    data = b'format = 1\ntitle = "x"\n[[steps]]\ntype = "pir"\ncycles = 1' + b"0" * 40 + b"\n"
    assert _problem_lines(data) == [
        "hostile.toml, step 1 (Post-isometric relaxation), field cycles: "
        "must be between 1 and 10 cycles (found a number far too large)"
    ]


def test_thousands_of_problems_are_capped_with_a_note():
    data = b'format = 1\ntitle = "x"\n' + b"".join(b"k%d = 1\n" % i for i in range(5000))
    lines = _problem_lines(data)
    assert len(lines) == 101  # the first 100 problems, then the note, then nothing more
    assert lines[-1] == "hostile.toml: too many problems; fix these first"


def test_hostile_keys_are_shown_escaped():
    data = 'format = 1\ntitle = "x"\n"\\u001b[2Jwipe" = 1\n[[steps]]\ntype = "pir"\n'
    assert _problem_lines(data.encode()) == [
        "hostile.toml, field \\u001b[2Jwipe: unknown field; the fields here are title, id, "
        "prescribed_by, patient, contact, issued, notes, feedback, format, schedule, steps, "
        "stages, psfs"
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="no /dev/zero")
def test_an_endless_device_is_refused_not_read():
    from homecare.routine.loader import load_file

    with pytest.raises(RoutineError, match="^/dev/zero: is a device, not a regular file$"):
        load_file("/dev/zero")
