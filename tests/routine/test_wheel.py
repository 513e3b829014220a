"""The bundled routines ship in the wheel and load from an installed copy (not the checkout)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]

PROBE = """
import homecare, sys
from homecare.routine import library
assert homecare.__file__.startswith(sys.argv[1]), homecare.__file__
print(library.examples_dir())
for loaded in library.available():
    print(loaded.origin, loaded.routine.id, len(loaded.routine.steps))
"""


def test_wheel_contains_the_routines_and_they_load_from_it(tmp_path):
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(CHECKOUT),
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = (tmp_path / "dist").glob("homecare-*.whl")
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    # Only the unpacked wheel and the dependencies; -S keeps the editable install's .pth away.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(unpacked), sysconfig.get_path("purelib")]),
    }
    result = subprocess.run(
        [sys.executable, "-S", "-c", PROBE, str(unpacked)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == str(unpacked / "homecare" / "routines")
    shipped = sorted(p.stem for p in (CHECKOUT / "routines").glob("*.toml"))
    assert sorted(line.split()[1] for line in lines[1:]) == shipped
    assert all(line.startswith("example ") for line in lines[1:])
