"""Pictures and routine files with pictures, made byte by byte for the tests (no image library).

``png`` makes a real, decodable PNG (a gradient); ``png_header`` only the header of one, which
is all the checks read: a decompression bomb is a header claiming a huge size over little data.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A PNG signature and IHDR claiming ``width`` x ``height`` (8-bit RGB)."""
    return PNG_SIGNATURE + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))


def png(width: int = 8, height: int = 6) -> bytes:
    """A small, valid RGB PNG: red rises left to right, blue top to bottom."""
    rows = b"".join(
        b"\x00"
        + b"".join(
            bytes((x * 255 // max(width - 1, 1), 40, y * 255 // max(height - 1, 1)))
            for x in range(width)
        )
        for y in range(height)
    )
    return png_header(width, height) + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"")


def jpeg_header(width: int, height: int, exif_bytes: int = 0) -> bytes:
    """SOI, an APP1 segment of ``exif_bytes`` filler, and a baseline SOF0 frame header."""
    app1 = b"\xff\xe1" + struct.pack(">H", exif_bytes + 2) + b"\x00" * exif_bytes
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app1 + sof + b"\xff\xd9"


ROUTINE = """format = {format}
id = "with-pictures"
title = "With pictures"
[[steps]]
type = "stretch"
name = "Knee to chest"
{picture}
[[steps]]
type = "rest"
seconds = 5
"""


def routine_text(
    image: str | None = "pics/knee.png", alt: str | None = "A knee pulled up", format: int = 2
) -> str:
    lines = []
    if image is not None:
        lines.append(f'image = "{image}"')
    if alt is not None:
        lines.append(f'image_alt = "{alt}"')
    return ROUTINE.format(format=format, picture="\n".join(lines))


def write_routine(folder: Path, pictures: dict[str, bytes] | None = None, **text) -> Path:
    """``folder/routine.toml`` and its pictures (default: a valid ``pics/knee.png``)."""
    pictures = {"pics/knee.png": png()} if pictures is None else pictures
    for name, data in pictures.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    path = folder / "routine.toml"
    path.write_text(routine_text(**text), encoding="utf-8")
    return path
