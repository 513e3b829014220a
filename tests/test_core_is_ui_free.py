"""The core must never import Textual: only `homecare.ui` (and the commands that open it) may."""

from __future__ import annotations

import subprocess
import sys

# Modules that exist to open the Textual UI; they import it lazily or directly by design.
UI_MODULES = ("homecare.ui", "homecare.commands.app", "homecare.commands.edit")

PROBE = f"""
import pkgutil, sys
import homecare
ui = {UI_MODULES!r}
names = [m.name for m in pkgutil.walk_packages(homecare.__path__, "homecare.")
         if not m.name.startswith(ui) and m.name != "homecare.__main__"]
for name in names:
    __import__(name)
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(len(names), loaded[:3])
raise SystemExit(1 if loaded else 0)
"""


def test_core_modules_do_not_load_textual():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert result.returncode == 0, (
        f"Textual was imported by the core: {result.stdout}{result.stderr}"
    )
    imported = int(result.stdout.split()[0])
    assert imported >= 5  # the walk really found the core modules


def test_version_command_does_not_load_textual():
    probe = (
        "import sys; from homecare.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit: pass\n"
        "assert 'textual' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True)
