"""A clinician's whole path: new -> check -> import -> the patient runs it (engine, fake clock)."""

from __future__ import annotations

from homecare.routine import library
from homecare.session.clock import FakeClock
from homecare.session.engine import Engine, SessionCompleted, StepCompleted
from homecare.session.plan import compile_plan


def test_new_check_import_then_run(cli, tmp_path, monkeypatch):
    written = tmp_path / "sam-back.toml"
    code, _, err = cli(
        "new",
        written,
        "--from",
        "lower-back-pir",
        "--patient",
        "Sam Lee",
        "--prescribed-by",
        "Dr Rivera",
        "--times-per-day",
        "2",
        "--weeks",
        "3",
        "--step",
        "rest",
    )
    assert code == 0, err
    assert cli("check", "--strict", written)[0] == 0

    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    code, out, _ = cli("import", written)
    assert code == 0 and "Added to your library as sam-back.toml" in out

    found = library.resolve("sam-back")  # by id, as the app and `homecare run` find it
    assert found.origin == "library" and found.routine.patient == "Sam Lee"
    code, shown, _ = cli("show", "sam-back")
    assert code == 0 and "Sam Lee" in shown

    plan = compile_plan(found.routine)
    clock = FakeClock()
    engine = Engine(plan, clock)
    events = engine.start()
    for _ in range(len(plan.phases) * 2):  # untimed phases wait for the patient to confirm
        if any(isinstance(e, SessionCompleted) for e in events):
            break
        clock.advance(plan.total_seconds)
        events += engine.update()
        if engine.snapshot().phase is not None and engine.snapshot().phase.seconds is None:
            events += engine.confirm()
    completed = {e.step_index for e in events if isinstance(e, StepCompleted)}
    assert completed == set(range(len(found.routine.steps)))
    assert any(isinstance(e, SessionCompleted) for e in events)
