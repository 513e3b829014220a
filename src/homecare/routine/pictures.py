"""Pictures of exercises in routine files: which files may be used, checked without decoding.

A step's ``image`` names a PNG or JPEG by a path relative to the routine file (or, in a
``.homecare`` pack, an entry of the pack). Pictures come from files a patient receives, so
before anything shows one it must pass every check here:

- the path stays inside the routine's folder: relative, no ``..``, forward slashes only, and no
  symbolic link that leads out of the folder;
- at most ``MAX_PICTURE_BYTES`` each and ``MAX_ROUTINE_PICTURE_BYTES`` for all of a routine's;
- the bytes are the kind the name claims (``.png`` starts like a PNG, ``.jpg``/``.jpeg`` like a
  JPEG);
- the width and height, read from the header (PNG IHDR, JPEG SOF) without decoding a pixel, are
  within ``MAX_SIDE`` and ``MAX_PIXELS``, so a small file that would decode to gigabytes (a
  decompression bomb) is refused before any decoder sees it.

Plain Python only: ``homecare check`` must not pay for an image library. Each refusal is a
``Problem`` naming the file, the step and the picture.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from homecare.base.text import visible
from homecare.routine.model import FORMAT_VERSION, PICTURES_FORMAT, Routine, Step
from homecare.routine.problems import Problem

MiB = 1024 * 1024
MAX_PICTURE_BYTES = 2 * MiB
MAX_ROUTINE_PICTURE_BYTES = 20 * MiB
MAX_SIDE = 4096  # pixels, either way: far more than any terminal or printed page shows
MAX_PIXELS = 12_000_000  # about 48 MB once decoded; a photo from a phone, scaled down, fits
SUFFIX_KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
# JPEG start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) are not frames.
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class PictureRefused(ValueError):
    """A picture that may not be used; the message says why, in words."""


@dataclass(frozen=True)
class PictureInfo:
    kind: str  # "PNG" or "JPEG"
    width: int
    height: int
    size: int  # bytes


# A way to read a picture's bytes by the name the routine gives: from a folder or a pack.
PictureReader = Callable[[str], bytes]


def check_name(name: str) -> PurePosixPath:
    """``name`` as a safe relative path; ``PictureRefused`` for one that could leave the folder."""
    if "\\" in name:
        raise PictureRefused("use / between folders, not \\")
    path = PurePosixPath(name)
    if path.is_absolute() or (path.parts and ":" in path.parts[0]):
        raise PictureRefused("must be a path relative to the routine file, not an absolute path")
    if ".." in path.parts:
        raise PictureRefused("must stay inside the routine's folder (no ..)")
    if not path.parts or path.name in ("", "."):
        raise PictureRefused("must name a file")
    if path.suffix.lower() not in SUFFIX_KINDS:
        raise PictureRefused("must be a .png, .jpg or .jpeg file")
    return path


def folder_reader(folder: Path) -> PictureReader:
    """Read pictures beside a routine file, refusing anything that resolves outside ``folder``."""
    root = folder.resolve()

    def read(name: str) -> bytes:
        relative = check_name(name)
        try:
            target = (root / relative).resolve()
        except (OSError, RuntimeError):  # a symlink loop
            raise PictureRefused("cannot be followed (a loop of links)") from None
        if not target.is_relative_to(root):
            raise PictureRefused("leads outside the routine's folder (through a link)")
        try:
            if not target.is_file():
                raise PictureRefused(
                    "no such file beside the routine"
                    if not target.exists()
                    else "is not a regular file"
                )
            with target.open("rb") as handle:
                return handle.read(MAX_PICTURE_BYTES + 1)
        except OSError as error:
            reason = visible(error.strerror or str(error))
            raise PictureRefused(f"cannot be read: {reason}") from None

    return read


def inspect(name: str, data: bytes) -> PictureInfo:
    """The kind and size of a picture, from its header; ``PictureRefused`` if it may not be used."""
    if len(data) > MAX_PICTURE_BYTES:
        raise PictureRefused(f"is larger than {MAX_PICTURE_BYTES // MiB} MiB; save it smaller")
    claimed = SUFFIX_KINDS[PurePosixPath(name).suffix.lower()]
    actual = None
    if data.startswith(_PNG_MAGIC):
        actual = "PNG"
    elif data.startswith(_JPEG_MAGIC):
        actual = "JPEG"
    if actual != claimed:
        found = f"a {actual}" if actual else "not a PNG or JPEG picture"
        raise PictureRefused(f"is named as a {claimed} but its contents are {found}")
    width, height = _png_size(data) if actual == "PNG" else _jpeg_size(data)
    if width < 1 or height < 1:
        raise PictureRefused("has no pixels (width or height 0)")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise PictureRefused(
            f"is {width} x {height} pixels, more than homecare shows "
            f"(at most {MAX_SIDE} on a side and {MAX_PIXELS // 1_000_000} million pixels); "
            "save it smaller"
        )
    return PictureInfo(actual, width, height, len(data))


def _png_size(data: bytes) -> tuple[int, int]:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise PictureRefused("is a damaged PNG (no image header)")
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Walk the JPEG's segments to its frame header; never decodes the picture."""
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            break
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _JPEG_SOF:
            if position + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        if marker == 0xDA or length < 2:  # image data before any frame header: damaged
            break
        position += 2 + length
    raise PictureRefused("is a damaged JPEG (no frame header)")


def _located(routine: Routine) -> Iterator[tuple[dict[str, Any], int, Step]]:
    """Each step of the routine, or of each of its stages, with its number and its stage (as
    ``Problem`` fields)."""
    parts: list[tuple[dict[str, Any], tuple[Step, ...]]] = [({}, routine.steps)]
    parts += [
        ({"stage": number, "stage_name": stage.name}, stage.steps)
        for number, stage in enumerate(routine.stages, start=1)
    ]
    for stage, steps in parts:
        for number, step in enumerate(steps, start=1):
            yield stage, number, step


def field_problems(routine: Routine, file: str) -> list[Problem]:
    """The rules that join picture fields: alt text with every picture, and format 2."""
    problems = [
        Problem(file, message, number, step.display_name, field, **stage)
        for stage, number, step in _located(routine)
        for field, message in _step_rules(step)
    ]
    if routine.has_pictures and routine.format < PICTURES_FORMAT:
        problems.append(
            Problem(
                file,
                f"a routine with pictures must say format = {PICTURES_FORMAT} (so an older "
                "homecare says it needs a newer version instead of refusing the image field)",
                field="format",
            )
        )
    return problems


def _step_rules(step: Step) -> list[tuple[str, str]]:
    """(field, message) for each picture rule ``step`` breaks."""
    found = []
    if step.image and not step.image_alt.strip():
        found.append(
            ("image_alt", "a step with an image needs image_alt: what the picture shows, in words")
        )
    if step.image_alt and not step.image:
        found.append(("image_alt", "image_alt describes a picture, but this step has no image"))
    if step.image:
        try:
            check_name(step.image)
        except PictureRefused as refused:
            found.append(("image", f'"{visible(step.image)}" {refused}'))
    return found


def check_pictures(routine: Routine, read: PictureReader, file: str) -> list[Problem]:
    """Every picture of ``routine`` read with ``read`` and checked; the problems found."""
    problems: list[Problem] = []
    total = 0
    seen: set[str] = set()
    for stage, number, step in _located(routine):
        if not step.image or step.image in seen:
            continue
        seen.add(step.image)
        try:
            total += inspect(step.image, read(step.image)).size
        except PictureRefused as refused:
            message = f'picture "{visible(step.image)}" {refused}'
            problems.append(Problem(file, message, number, step.display_name, "image", **stage))
    if total > MAX_ROUTINE_PICTURE_BYTES:
        problems.append(
            Problem(
                file,
                f"the pictures add up to {total / MiB:.1f} MiB, more than the "
                f"{MAX_ROUTINE_PICTURE_BYTES // MiB} MiB a routine may carry; save them smaller",
            )
        )
    return problems


def picture_bytes(read: PictureReader, name: str) -> bytes:
    """One picture's bytes, checked again (the file may have changed since the routine loaded)."""
    data = read(name)
    inspect(name, data)
    return data


def without_pictures(routine: Routine) -> Routine:
    """``routine`` with no pictures, in format 1: for a copy written away from its pictures."""
    steps = tuple(replace(step, image="", image_alt="") for step in routine.steps)
    if routine.stages:  # stages need format 3 whatever the pictures
        stages = tuple(
            replace(stage, steps=tuple(replace(s, image="", image_alt="") for s in stage.steps))
            for stage in routine.stages
        )
        return replace(routine, stages=stages)
    return replace(routine, steps=steps, format=FORMAT_VERSION)
