"""A routine and its pictures as one ``.homecare`` file to hand over: a zip with a manifest.

Layout: ``manifest.json`` (``{"homecare_pack": 1, "routine": "routine.toml"}``), the routine
file, and each picture under the path the routine gives it. Writing is deterministic (sorted
entries, a fixed timestamp), so packing the same routine twice gives the same bytes and
importing it again is recognised as unchanged.

A pack comes from outside, so reading trusts none of its headers: the file's size is bounded
before it is opened; entry names must be plain relative paths; there are at most
``MAX_ENTRIES``; every entry is read through a bounded stream, so an entry that inflates past
its limit (a zip bomb, or a header that lies about its size) is refused while reading, and so
is a total over ``MAX_UNPACKED_BYTES``. Nothing is ever extracted to disk: the pictures stay in
memory and go through the same checks as pictures beside a routine file.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from homecare.base.errors import UserError
from homecare.base.reading import Unreadable, read_bounded
from homecare.base.text import visible
from homecare.routine.model import MAX_FILE_BYTES, MAX_STEPS, Routine, RoutineFile
from homecare.routine.pictures import (
    MAX_PICTURE_BYTES,
    MAX_ROUTINE_PICTURE_BYTES,
    MiB,
    PictureReader,
    PictureRefused,
    check_name,
    folder_reader,
    picture_bytes,
)
from homecare.routine.problems import Problem, RoutineError

SUFFIX = ".homecare"
MANIFEST = "manifest.json"
ROUTINE_ENTRY = "routine.toml"
PACK_VERSION = 1
MAX_ENTRIES = MAX_STEPS + 2  # a picture per step, the routine and the manifest
MAX_MANIFEST_BYTES = 4096
MAX_UNPACKED_BYTES = MAX_ROUTINE_PICTURE_BYTES + MAX_FILE_BYTES + MAX_MANIFEST_BYTES
MAX_PACK_BYTES = MAX_UNPACKED_BYTES + MiB  # stored pictures barely compress
_ENTRY_LIMITS = {MANIFEST: MAX_MANIFEST_BYTES, ROUTINE_ENTRY: MAX_FILE_BYTES}
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Pack:
    """What a pack holds, read and bounded: the routine file's bytes and every other entry."""

    routine_data: bytes
    entries: dict[str, bytes]
    data: bytes = b""  # the whole file, for its hash

    def reader(self) -> PictureReader:
        def read(name: str) -> bytes:
            check_name(name)
            if name not in self.entries:
                raise PictureRefused("is not in the pack")
            return self.entries[name]

        return read


class PackError(ValueError):
    """A pack that cannot be read safely; the message says why."""


def is_pack(path: Path) -> bool:
    return path.suffix.lower() == SUFFIX


def reader_for(path: Path) -> PictureReader:
    """Where a loaded routine's pictures come from: its pack, or its folder."""
    if is_pack(path):
        return read_pack(path, visible(str(path), limit=200)).reader()
    return folder_reader(path.parent)


def routine_picture(path: Path, name: str) -> bytes:
    """One checked picture of the routine loaded from ``path`` (``PictureRefused`` if it fails)."""
    try:
        return picture_bytes(reader_for(path), name)
    except RoutineError as error:  # the pack changed or vanished since it was loaded
        raise PictureRefused(error.problems[0].message) from None


def routine_pictures(loaded: RoutineFile) -> dict[str, bytes]:
    """Every picture of a loaded routine, checked again; ``UserError`` if one fails now."""
    if not loaded.routine.has_pictures:
        return {}
    try:
        read = reader_for(loaded.path)
        names = dict.fromkeys(step.image for step in loaded.routine.all_steps if step.image)
        return {name: picture_bytes(read, name) for name in names}
    except (PictureRefused, RoutineError) as error:
        raise UserError(
            f"{visible(str(loaded.path), limit=200)}: a picture cannot be used now: {error}"
        ) from None


# --- writing ---------------------------------------------------------------------------------


def pack_bytes(routine_data: bytes, pictures: dict[str, bytes]) -> bytes:
    """The bytes of a pack holding ``routine_data`` and ``pictures`` (names already checked)."""
    manifest = {"homecare_pack": PACK_VERSION, "routine": ROUTINE_ENTRY}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _add(archive, MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"), compress=True)
        _add(archive, ROUTINE_ENTRY, routine_data, compress=True)
        for name in sorted(pictures):
            _add(archive, name, pictures[name], compress=False)  # PNG and JPEG are compressed
    return buffer.getvalue()


def _add(archive: zipfile.ZipFile, name: str, data: bytes, *, compress: bool) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o600 << 16  # private, like the library
    archive.writestr(info, data)


def pictures_beside(path: Path, routine: Routine) -> dict[str, bytes]:
    """The pictures of the routine file at ``path``, checked again as they are read."""
    read = folder_reader(path.parent)
    return {step.image: picture_bytes(read, step.image) for step in routine.all_steps if step.image}


def pack_file(loaded: RoutineFile, data: bytes) -> bytes:
    """A pack of ``loaded`` whose file's bytes are ``data``; a pack is already one."""
    if is_pack(loaded.path):
        return data
    return pack_bytes(data, pictures_beside(loaded.path, loaded.routine))


# --- reading ---------------------------------------------------------------------------------


def read_pack(path: Path, label: str) -> Pack:
    """Read every entry of the pack within the limits; ``RoutineError`` naming what is wrong.
    (``homecare.routine.loader`` turns its routine entry into a routine.)"""
    data = _file_bytes(path, label)
    return replace(_parse(data, label), data=data)


def unused_entries(pack: Pack, routine: Routine, label: str) -> list[Problem]:
    """A problem for each picture in the pack that no step of its routine shows."""
    extra = set(pack.entries) - {step.image for step in routine.all_steps}
    return [
        Problem(label, f'holds "{visible(name)}", which no step shows') for name in sorted(extra)
    ]


def _parse(data: bytes, label: str) -> Pack:
    try:
        return _read(data)
    except PackError as error:
        raise RoutineError([Problem(label, str(error))]) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        reason = visible(str(error), limit=120)
        message = f"is not a readable homecare pack ({reason})"
        raise RoutineError([Problem(label, message)]) from None


def _file_bytes(path: Path, label: str) -> bytes:
    """The pack file's bytes through the one safe reader (no FIFO, device or folder)."""
    try:
        return read_bounded(path, MAX_PACK_BYTES)
    except Unreadable as error:
        if error.reason.startswith("is too large"):
            raise RoutineError(
                [
                    Problem(
                        label,
                        f"is too large for a homecare pack (more than {MAX_PACK_BYTES // MiB} MiB)",
                    )
                ]
            ) from None
        raise RoutineError([Problem(label, error.reason)]) from None


def _read(data: bytes) -> Pack:
    _check_entry_count(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise PackError(
                f"has {len(infos)} entries, more than the {MAX_ENTRIES} a pack may hold"
            )
        names = [info.filename for info in infos]
        for info in infos:
            _check_entry(info, names)
        if MANIFEST not in names or ROUTINE_ENTRY not in names:
            raise PackError(f"is not a homecare pack (no {MANIFEST} and {ROUTINE_ENTRY})")
        left = MAX_UNPACKED_BYTES
        contents: dict[str, bytes] = {}
        for info in infos:
            own = _ENTRY_LIMITS.get(info.filename, MAX_PICTURE_BYTES)
            entry = _bounded_read(archive, info, min(own, left))
            if entry is None:
                shown = visible(info.filename, limit=80)
                too_much = (
                    f"more than {_size(own)}, the most it may hold"
                    if own <= left
                    else f"more than the {MAX_UNPACKED_BYTES // MiB} MiB a whole pack may unpack to"
                )
                raise PackError(f'entry "{shown}" unpacks to {too_much}')
            contents[info.filename] = entry
            left -= len(entry)
    _check_manifest(contents.pop(MANIFEST))
    return Pack(contents.pop(ROUTINE_ENTRY), contents)


def _check_entry_count(data: bytes) -> None:
    """Refuse too many entries from the zip's end record, before zipfile lists them all."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end != -1 and end + 12 <= len(data):
        (count,) = struct.unpack("<H", data[end + 10 : end + 12])
        if count > MAX_ENTRIES:  # 0xFFFF (zip64) too: homecare never writes that many
            raise PackError(f"has {count} entries, more than the {MAX_ENTRIES} a pack may hold")


def _check_entry(info: zipfile.ZipInfo, names: list[str]) -> None:
    name = info.filename
    shown = visible(name, limit=80)
    if info.flag_bits & 0x1:
        raise PackError(f'entry "{shown}" is encrypted')
    if names.count(name) > 1:
        raise PackError(f'entry "{shown}" appears twice')
    if (info.external_attr >> 16) & 0o170000 == 0o120000:
        raise PackError(f'entry "{shown}" is a symbolic link')
    if name in (MANIFEST, ROUTINE_ENTRY):
        return
    if info.is_dir() or len(name) > 200 or any(ord(c) < 32 or c == "\x7f" for c in name):
        raise PackError(f'entry "{shown}" has a name a pack may not use')
    try:
        check_name(name)
    except PictureRefused as refused:
        raise PackError(f'entry "{shown}" has an unsafe name: it {refused}') from None


def _size(limit: int) -> str:
    return f"{limit // MiB} MiB" if limit % MiB == 0 else f"{limit // 1024} KiB"


def _bounded_read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The entry's bytes, or None past ``limit``: counted as they inflate (headers may lie)."""
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    return data if len(data) <= limit else None


def _check_manifest(data: bytes) -> None:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackError(f"its {MANIFEST} is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("routine") != ROUTINE_ENTRY:
        raise PackError(f"its {MANIFEST} does not name {ROUTINE_ENTRY}")
    version = manifest.get("homecare_pack")
    if type(version) is not int or version < 1:
        raise PackError(f"its {MANIFEST} has no homecare_pack version")
    if version > PACK_VERSION:
        raise PackError(
            f"needs a newer homecare: it is pack version {version}, this homecare "
            f"reads version {PACK_VERSION}"
        )
