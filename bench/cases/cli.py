"""CLI commands that need no UI: how long they take, and that they never import Textual.

Each command runs as a fresh process, as a patient or a script would run it, interleaved with
the references (``python -c pass`` and ``termdown --help``) so a noisy moment hits them all.
"""

from __future__ import annotations

import subprocess
import time

from benchlib.context import Bench
from benchlib.fixtures import log_data_dir, routine_path
from benchlib.results import INFO, Row, Spread, ms, not_measured, verdict

SECTION = "CLI"
RATIO = 4  # issue 17: every non-UI command at most 4x `python -c pass`


def _commands(bench: Bench) -> dict[str, tuple[str, list[str], str]]:
    """name -> (module that must exist, arguments, data folder)."""
    routine = str(routine_path("punctual"))
    return {
        "--version": ("homecare.cli", ["--version"], "empty"),
        "check": ("homecare.commands.check", ["check", routine], "empty"),
        "show": ("homecare.commands.show", ["show", routine], "empty"),
        "schema": ("homecare.commands.schema", ["schema"], "empty"),
        "history": ("homecare.commands.history", ["history"], "small"),
        "report": ("homecare.commands.report", ["report", "--format", "md"], "small"),
        "list": ("homecare.commands.list_routines", ["list"], "small"),
    }


def _timed(
    argv: list[str], env: dict[str, str] | None
) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    return time.perf_counter() - started, done


def _imports_textual(bench: Bench, argv: list[str], env: dict[str, str]) -> bool:
    """Run once under ``-X importtime`` and look for any textual module in the import list."""
    script = argv[1:] if argv[0] == bench.python else argv
    done = subprocess.run(
        [bench.python, "-X", "importtime", *script], env=env, capture_output=True, text=True
    )
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            module = line.rsplit("|", 1)[1].strip()
            if module == "textual" or module.startswith("textual."):
                return True
    return False


def run(bench: Bench) -> None:
    repeats = bench.repeats(20, 5)
    python_pass = bench.python_pass()
    termdown_help = bench.termdown("--help")
    runnable: dict[str, tuple[list[str], dict[str, str]]] = {}
    for name, (module, args, data) in _commands(bench).items():
        target = f"≤ {RATIO}× python -c pass, < termdown --help, no Textual"
        if why := bench.missing(module):
            bench.report.add(not_measured(SECTION, f"homecare {name}", target, why))
            continue
        log_data_dir(bench, data)
        env = bench.env(data)
        argv = bench.homecare(*args)
        _, trial = _timed(argv, env)
        if trial.returncode not in (0, 1):
            first = (trial.stderr.strip().splitlines() or ["no message"])[-1]
            why = f"exit code {trial.returncode}: {first[:120]}"
            bench.report.add(not_measured(SECTION, f"homecare {name}", target, why))
            continue
        runnable[name] = (argv, env)
        bench.report.command(SECTION, bench.shown(argv, env))

    times: dict[str, list[float]] = {name: [] for name in ["python -c pass", *runnable]}
    if termdown_help:
        times["termdown --help"] = []
    for _ in range(repeats):
        times["python -c pass"].append(_timed(python_pass, None)[0])
        if termdown_help:
            times["termdown --help"].append(_timed(termdown_help, None)[0])
        for name, (argv, env) in runnable.items():
            times[name].append(_timed(argv, env)[0])
    bench.report.command(SECTION, bench.shown(python_pass))

    base = Spread(tuple(times["python -c pass"]))
    bench.report.add(Row(SECTION, "python -c pass (reference)", ms(base), "—", INFO))
    termdown = None
    if termdown_help:
        termdown = Spread(tuple(times["termdown --help"]))
        bench.report.command(SECTION, bench.shown(termdown_help))
        bench.report.add(Row(SECTION, "termdown --help (reference)", ms(termdown), "—", INFO))
    limit = RATIO * base.median
    for name, (argv, env) in runnable.items():
        spread = Spread(tuple(times[name]))
        textual = _imports_textual(bench, argv, env)
        target = f"≤ {limit * 1000:.0f} ms ({RATIO}× python -c pass)"
        ok = spread.median <= limit and not textual
        if termdown is not None:
            target += f", < {termdown.median * 1000:.0f} ms (termdown --help)"
            ok = ok and spread.median < termdown.median
        target += ", no Textual"
        figure = f"{ms(spread)}; {spread.median / base.median:.1f}×"
        figure += "; imports Textual" if textual else "; no Textual"
        bench.report.add(Row(SECTION, f"homecare {name}", figure, target, verdict(ok)))
