"""Where homecare keeps things: the one place that knows about paths.

Config (settings.toml) lives in the platform's config directory, the log and the patient's
routine library in its data directory. Both can be moved with environment variables, which is
what tests and portable installs use: ``HOMECARE_DATA_DIR`` and ``HOMECARE_CONFIG_DIR``.
A ``--data-dir`` option on the command line sets ``HOMECARE_DATA_DIR`` for the process.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "homecare"


def data_dir() -> Path:
    """The directory for the session log and the imported routine library (not created here)."""
    override = os.environ.get("HOMECARE_DATA_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs  # here: with an override it is not needed, and it costs ~5 ms to import

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The directory for settings.toml (not created here)."""
    override = os.environ.get("HOMECARE_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    """The SQLite session log."""
    return data_dir() / "log.sqlite3"


def library_dir() -> Path:
    """Routines the patient imported (``homecare import``), one file per routine id."""
    return data_dir() / "routines"


def settings_path() -> Path:
    return config_dir() / "settings.toml"
