"""Real SQLite logs damaged as a disk or a bad copy damages them: pages overwritten."""

from __future__ import annotations

import random
from pathlib import Path

from benchlib.synthetic import fill_log
from homecare.log.store import open_store

PAGE = 4096


def damaged_log(path: Path | None = None, sessions: int = 3000, share=(0.4, 0.55)) -> Path:
    """A log of ``sessions`` sessions whose pages from ``share[0]`` to ``share[1]`` of the file
    are overwritten with random bytes (as ``dd if=/dev/urandom ... conv=notrunc`` does)."""
    with open_store(path) as store:
        fill_log(store, sessions)
        path = store.path
    size = path.stat().st_size
    first, last = int(size * share[0]) // PAGE, int(size * share[1]) // PAGE
    noise = random.Random(11)
    with path.open("r+b") as file:
        file.seek(first * PAGE)
        file.write(noise.randbytes((last - first) * PAGE))
    return path
