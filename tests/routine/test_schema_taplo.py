"""The schema as clinicians' editors see it: the real Taplo CLI (``@taplo/cli`` from npm).

Taplo is the checker behind VS Code's Even Better TOML and the Taplo language server. It is
installed once per test session into pytest's temporary folder when ``node`` and ``npm`` are on
the machine; without them, or when npm cannot reach its registry, these tests are skipped and
say why. The jsonschema tests (test_schema.py, test_bad_files.py) run everywhere.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from homecare.routine import library
from homecare.routine.model import IceStep, PirStep, Routine
from homecare.routine.schema import schema_json
from homecare.routine.writer import SCHEMA_FILE_NAME, dumps_routine

from .test_bad_files import BAD, EXPECTED

TAPLO_PACKAGE = "@taplo/cli@0.7.0"  # pinned: its messages are what these tests read
INSTALL_TIMEOUT = 120  # seconds; a cold npm cache downloads about 5 MB
CHECK_TIMEOUT = 60
ONE_OF_NOISE = "is not valid under any of the schemas"

# "error: MESSAGE" then "┌─ PATH:LINE:COLUMN" (one per place Taplo underlines), and one
# "invalid file error=REASON path=..." log line for every file Taplo refuses.
_DIAGNOSTIC = re.compile(
    r"^error: (?P<message>.*)\n\s*┌─ (?P<path>.+):(?P<line>\d+):\d+$", re.MULTILINE
)
_REFUSED = re.compile(r'invalid file error=(?P<reason>.*?) path="(?P<path>[^"]+)"')


@dataclass
class Verdict:
    """What Taplo said about one file."""

    refused: str = ""  # Taplo's reason ("schema validation failed", "syntax errors found")
    diagnostics: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


@pytest.fixture(scope="session")
def taplo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Taplo executable, installed from npm once per session."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        pytest.skip("the Taplo CLI tests need node and npm on PATH (they install @taplo/cli)")
    prefix = tmp_path_factory.mktemp("taplo-cli")
    command = [
        npm,
        "install",
        "--prefix",
        str(prefix),
        "--no-audit",
        "--no-fund",
        "--no-save",
        "--prefer-offline",
        "--fetch-retries=0",
        "--fetch-timeout=30000",
        "--loglevel=error",
        TAPLO_PACKAGE,
    ]
    env = {**os.environ, "npm_config_update_notifier": "false"}
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=INSTALL_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        pytest.skip(f"npm install {TAPLO_PACKAGE} took over {INSTALL_TIMEOUT} s (offline?)")
    bin_dir = prefix / "node_modules" / ".bin"
    found = shutil.which("taplo", path=str(bin_dir))
    if done.returncode != 0 or found is None:
        first = (done.stderr.strip().splitlines() or ["no message"])[0]
        pytest.skip(f"npm could not install {TAPLO_PACKAGE} (offline?): {first}")
    return Path(found)


def run_taplo(
    taplo: Path, files: list[Path], cwd: Path, *, own_config: bool = False
) -> dict[str, Verdict]:
    """``taplo check`` over ``files`` in one run from ``cwd``: each file name with what Taplo
    said. Taplo reads ``cwd/.taplo.toml`` only with ``own_config``."""
    command = [str(taplo), "check", "--colors", "never"]
    if not own_config:
        command.append("--no-auto-config")
    done = subprocess.run(
        [*command, *map(str, files)],
        capture_output=True,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=CHECK_TIMEOUT,
    )
    output = (done.stdout + done.stderr).decode("utf-8", errors="replace")
    verdicts = {path.name: Verdict() for path in files}
    for match in _DIAGNOSTIC.finditer(output):
        verdicts[Path(match["path"]).name].diagnostics.append(
            (int(match["line"]), match["message"])
        )
    for match in _REFUSED.finditer(output):
        verdicts[Path(match["path"]).name].refused = match["reason"]
    assert (done.returncode != 0) == any(v.refused for v in verdicts.values()), output
    return verdicts


def write_schema(folder: Path) -> None:
    """The schema beside the routines, as ``homecare new`` and ``homecare schema -o`` put it."""
    (folder / SCHEMA_FILE_NAME).write_text(schema_json(), encoding="utf-8")


# docs/clinicians.md gives this .taplo.toml for routine files without a #:schema line.
TAPLO_CONFIG = f'[schema]\npath = "./{SCHEMA_FILE_NAME}"\n'


@pytest.fixture(scope="session")
def corpus_verdicts(taplo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Verdict]:
    """Taplo on every file of the bad-file corpus. They have no ``#:schema`` line: Taplo runs
    from a folder holding the schema and the .taplo.toml the clinicians' guide suggests."""
    folder = tmp_path_factory.mktemp("schema")
    write_schema(folder)
    (folder / ".taplo.toml").write_text(TAPLO_CONFIG, encoding="utf-8")
    return run_taplo(taplo, sorted(BAD.iterdir()), folder, own_config=True)


# A clinician's file as ``homecare new`` writes it, with a misspelt key and a value too large.
SAM_BACK = (
    dumps_routine(Routine(title="Back", steps=(PirStep(cycles=5), IceStep(minutes=15))))
    .replace("cycles = 5", "cycle = 5")
    .replace("minutes = 15", "minutes = 90")
)


@pytest.fixture(scope="session")
def folder_verdicts(taplo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Verdict]:
    """Taplo on a folder of routines with the schema beside them, following each ``#:schema``
    line (no --schema, no network): the bundled routines, one with a typo, and SAM_BACK."""
    folder = tmp_path_factory.mktemp("routines")
    examples = sorted(library.examples_dir().glob("*.toml"))
    assert len(examples) >= 6
    for path in examples:
        shutil.copy(path, folder / path.name)
    typo = examples[0].read_text(encoding="utf-8").replace("\ntitle =", "\ntitel =")
    (folder / "zz-typo.toml").write_text(typo, encoding="utf-8")
    (folder / "zz-sam-back.toml").write_text(SAM_BACK, encoding="utf-8")
    write_schema(folder)
    return run_taplo(taplo, sorted(folder.glob("*.toml")), folder)


def test_taplo_accepts_every_bundled_routine_through_its_schema_line(folder_verdicts):
    verdicts = dict(folder_verdicts)
    assert verdicts.pop("zz-typo.toml").refused == "schema validation failed"  # line followed
    del verdicts["zz-sam-back.toml"]
    assert len(verdicts) >= 6
    assert {name: v for name, v in verdicts.items() if v.refused or v.diagnostics} == {}


def test_a_misspelt_key_and_an_out_of_range_value_are_named_at_their_lines(folder_verdicts):
    found = set(folder_verdicts["zz-sam-back.toml"].diagnostics)
    lines = SAM_BACK.split("\n")
    assert (
        lines.index("cycle = 5") + 1,
        "Additional properties are not allowed ('cycle' was unexpected)",
    ) in found
    assert (lines.index("minutes = 90") + 1, "90 is greater than the maximum of 30") in found
    assert not any(ONE_OF_NOISE in message for _line, message in found)


def _field_of(problem: str) -> str | None:
    """The key a loader message is about: ``field schedule.start`` gives start; a step, steps."""
    if found := re.search(r", field ([\w.]+)", problem):
        return found[1].rsplit(".", 1)[-1]
    return "steps" if re.search(r", step \d+", problem) else None


def _key_lines(text: str, key: str) -> set[int]:
    """Lines where ``key`` is written: ``key = …``, ``[key]`` or ``[[key]]``."""
    written = re.compile(rf"^\s*(\[\[?\s*)?{re.escape(key)}\s*(=|\]\]?)")
    return {number for number, line in enumerate(text.split("\n"), 1) if written.match(line)}


def _is_precise(problem: str, text: str, verdict: Verdict) -> bool:
    """Taplo names the key the loader names, or underlines a line where that key is written."""
    key = _field_of(problem)
    lines = _key_lines(text, key)
    return any(
        f"'{key}'" in message or f'"{key}"' in message or line in lines
        for line, message in verdict.diagnostics
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_taplo_agrees_with_the_loader_on_the_bad_file_corpus(name, corpus_verdicts):
    verdict, case = corpus_verdicts[name], EXPECTED[name]
    if case["schema"] == "accepts":  # the documented gaps of JSON Schema, the same for Taplo
        assert not verdict.refused, verdict
        return
    assert verdict.refused, f"Taplo accepted {name}"
    assert not any(ONE_OF_NOISE in message for _line, message in verdict.diagnostics)
    if case["schema"] == "unreadable":  # not UTF-8 or not TOML; for TOML, Taplo says where
        for problem in case["messages"]:
            if "not valid TOML" in problem:
                line = int(re.search(r", line (\d+)", problem)[1])
                assert line in {line for line, _message in verdict.diagnostics}, problem
        return
    assert verdict.refused == "schema validation failed"
    text = (BAD / name).read_bytes().decode("utf-8-sig")
    for problem in case["messages"]:
        assert _is_precise(problem, text, verdict), (problem, verdict.diagnostics)


def test_the_corpus_exercises_keys_values_and_tables():
    """Each rejected file's problems can be located: a key, a step or a table the test checks."""
    for case in EXPECTED.values():
        if case["schema"] == "rejects":
            assert all(_field_of(problem) for problem in case["messages"]), case


def test_the_clinicians_guide_gives_the_taplo_config_tested_here():
    guide = (Path(__file__).resolve().parents[2] / "docs" / "clinicians.md").read_text("utf-8")
    assert TAPLO_CONFIG in guide
