"""``.homecare`` packs: the round trip through pack, check, show, import and run, and every
refusal of a hostile pack (made here, entry by entry)."""

from __future__ import annotations

import io
import json
import os
import zipfile

import pytest

from homecare.base import locations
from homecare.cli import main
from homecare.routine import library
from homecare.routine.importing import import_routine
from homecare.routine.loader import load_file
from homecare.routine.pack import (
    MAX_ENTRIES,
    pack_bytes,
    read_pack,
    routine_picture,
)
from homecare.routine.pictures import MAX_PICTURE_BYTES
from homecare.routine.problems import RoutineError

from .picturefiles import png, routine_text, write_routine


@pytest.fixture
def packed(tmp_path):
    """A routine with a picture, packed with ``homecare pack``."""
    source = write_routine(tmp_path / "clinic" if (tmp_path / "clinic").mkdir() is None else None)
    out = tmp_path / "knee.homecare"
    assert main(["pack", str(source), "-o", str(out)]) == 0
    return out


def test_pack_holds_a_manifest_the_routine_and_its_pictures(packed, tmp_path):
    with zipfile.ZipFile(packed) as archive:
        assert archive.namelist() == ["manifest.json", "routine.toml", "pics/knee.png"]
        assert json.loads(archive.read("manifest.json")) == {
            "homecare_pack": 1,
            "routine": "routine.toml",
        }
        assert archive.read("pics/knee.png") == png()


def test_packing_twice_gives_the_same_bytes(packed, tmp_path):
    again = tmp_path / "again.homecare"
    assert main(["pack", str(tmp_path / "clinic" / "routine.toml"), "-o", str(again)]) == 0
    assert again.read_bytes() == packed.read_bytes()


def test_check_show_and_handout_read_a_pack_like_a_routine_file(packed, tmp_path, capsys):
    assert main(["check", str(packed)]) == 0
    assert main(["show", str(packed)]) == 0
    assert main(["handout", str(packed), "-o", str(tmp_path / "h.html")]) == 0
    out = capsys.readouterr().out
    assert f"{packed}: ok" in out and "With pictures" in out
    assert "       Picture: pics/knee.png (A knee pulled up)" in out
    assert "data:image/png;base64," in (tmp_path / "h.html").read_text(encoding="utf-8")


def test_import_keeps_the_pictures_beside_the_routine_and_run_finds_them(packed):
    result = import_routine(packed)
    assert result.destination == locations.library_dir() / "with-pictures.homecare"
    loaded = library.resolve("with-pictures")
    assert loaded.origin == "library" and loaded.routine.steps[0].image == "pics/knee.png"
    assert routine_picture(loaded.path, "pics/knee.png") == png()
    assert import_routine(packed).unchanged  # the same pack again changes nothing


def test_a_pack_without_pictures_is_kept_as_a_pack(tmp_path):
    source = write_routine(tmp_path, {}, image=None, alt=None, format=1)
    packed = tmp_path / "plain.homecare"
    assert main(["pack", str(source), "-o", str(packed)]) == 0
    result = import_routine(packed)
    assert result.destination.name == "with-pictures.homecare"
    assert result.destination.read_bytes() == packed.read_bytes()
    assert library.resolve("with-pictures").routine.title == "With pictures"


def test_importing_a_routine_file_with_pictures_packs_it_into_the_library(tmp_path):
    source = write_routine(tmp_path)
    result = import_routine(source)
    assert result.destination.suffix == ".homecare"
    assert routine_picture(result.destination, "pics/knee.png") == png()
    assert import_routine(source).unchanged  # packing is deterministic


def test_a_routine_that_gains_pictures_replaces_its_toml_and_the_old_one_is_kept(tmp_path):
    plain = tmp_path / "plain"
    plain.mkdir()
    import_routine(write_routine(plain, {}, image=None, alt=None, format=1))
    library_dir = locations.library_dir()
    assert (library_dir / "with-pictures.toml").is_file()
    import_routine(write_routine(tmp_path), replace=True)
    assert not (library_dir / "with-pictures.toml").exists()
    assert (library_dir / "with-pictures.homecare").is_file()
    assert len(list((library_dir / "replaced").glob("with-pictures-*.toml"))) == 1
    assert [r.path.name for r in library.available() if r.origin == "library"] == [
        "with-pictures.homecare"
    ]


def test_pack_refuses_an_output_that_is_not_a_homecare_file(tmp_path, capsys):
    assert main(["pack", "demo", "-o", str(tmp_path / "x.zip")]) == 2
    assert "the pack must end in .homecare" in capsys.readouterr().err


# --- hostile packs -----------------------------------------------------------------------


def zip_of(entries: list[tuple[str, bytes]], compress=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


GOOD = [
    ("manifest.json", b'{"homecare_pack": 1, "routine": "routine.toml"}'),
    ("routine.toml", routine_text().encode()),
    ("pics/knee.png", png()),
]
BOMB = b"\x00" * (64 * 1024 * 1024)  # 64 MiB of zeros deflates to about 64 KiB

HOSTILE_PACKS = {
    "dot-dot entry": (GOOD + [("../evil.png", png())], 'entry "../evil.png" has an unsafe name'),
    "absolute entry": (
        GOOD + [("/etc/evil.png", png())],
        'entry "/etc/evil.png" has an unsafe name',
    ),
    "drive entry": (GOOD + [("C:/evil.png", png())], 'entry "C:/evil.png" has an unsafe name'),
    "backslash entry": (GOOD + [("pics\\evil.png", png())], "has an unsafe name: it use / between"),
    "control character": (GOOD + [("pics/\x1b[2J.png", png())], "has a name a pack may not use"),
    "not a picture entry": (GOOD + [("run.sh", b"rm -rf ~")], 'entry "run.sh" has an unsafe name'),
    "twice": (GOOD + [("pics/knee.png", png())], 'entry "pics/knee.png" appears twice'),
    "too many entries": (
        GOOD + [(f"p{i}.png", png()) for i in range(MAX_ENTRIES)],
        "more than the 52 a pack may hold",
    ),
    "zip bomb": (
        GOOD[:2] + [("pics/knee.png", BOMB)],
        'entry "pics/knee.png" unpacks to more than 2 MiB, the most it may hold',
    ),
    "routine bomb": (
        GOOD[:1] + [("routine.toml", BOMB)] + GOOD[2:],
        'entry "routine.toml" unpacks to more than 1 MiB, the most it may hold',
    ),
    "no manifest": (GOOD[1:], "is not a homecare pack (no manifest.json and routine.toml)"),
    "bad manifest": ([("manifest.json", b"{")] + GOOD[1:], "its manifest.json is not valid JSON"),
    "newer pack": (
        [("manifest.json", b'{"homecare_pack": 2, "routine": "routine.toml"}')] + GOOD[1:],
        "needs a newer homecare: it is pack version 2",
    ),
    "unused entry": (
        GOOD + [("pics/other.png", png())],
        'holds "pics/other.png", which no step shows',
    ),
    "picture missing": (GOOD[:2], 'picture "pics/knee.png" is not in the pack'),
    "hostile picture": (
        GOOD[:2] + [("pics/knee.png", b"MZ\x90\x00")],
        "is named as a PNG but its contents are not",
    ),
}


@pytest.mark.filterwarnings("ignore:Duplicate name")  # the "twice" pack, made on purpose
@pytest.mark.parametrize("case", sorted(HOSTILE_PACKS))
def test_hostile_packs_are_refused_with_a_clear_message(tmp_path, case, capsys):
    entries, why = HOSTILE_PACKS[case]
    path = tmp_path / "hostile.homecare"
    path.write_bytes(zip_of(entries))
    with pytest.raises(RoutineError) as caught:
        load_file(path)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert text.startswith(str(path)) and why in text
    assert main(["check", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_pictures_over_the_total_unpacked_size_are_refused_while_reading(tmp_path):
    big = png(4, 4) + b"\x00" * (MAX_PICTURE_BYTES - 200)
    entries = GOOD[:2] + [(f"p{i}.png", big) for i in range(12)]
    path = tmp_path / "big.homecare"
    path.write_bytes(zip_of(entries))  # small on disk, 24 MiB unpacked
    with pytest.raises(
        RoutineError, match="unpacks to more than the 21 MiB a whole pack may unpack to"
    ):
        read_pack(path, "big.homecare")


def test_an_entry_whose_header_lies_about_its_size_is_refused(tmp_path):
    data = bytearray(zip_of(GOOD[:2] + [("pics/knee.png", BOMB[: 4 * 1024 * 1024])]))
    # Every header of the picture says 100 bytes; the data inflates to 4 MiB.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = data.find(
            signature, data.find(b"pics/knee.png") - 60 if signature == b"PK\x03\x04" else 0
        )
        while start != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + 13] == b"pics/knee.png":
                data[start + offset : start + offset + 4] = (100).to_bytes(4, "little")
            start = data.find(signature, start + 4)
    path = tmp_path / "liar.homecare"
    path.write_bytes(bytes(data))
    with pytest.raises(RoutineError) as caught:
        load_file(path)
    assert str(path) in str(caught.value)


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "x.homecare"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(RoutineError, match="is not a readable homecare pack"):
        load_file(path)


def test_pack_bytes_round_trip_through_read_pack(tmp_path):
    path = tmp_path / "p.homecare"
    path.write_bytes(pack_bytes(b"format = 2", {"a/b.png": png()}))
    pack = read_pack(path, "p")
    assert pack.routine_data == b"format = 2" and pack.entries == {"a/b.png": png()}


def test_a_zip_listing_thousands_of_entries_is_refused_from_its_end_record(tmp_path):
    path = tmp_path / "many.homecare"
    path.write_bytes(zip_of(GOOD + [(f"p{i}.png", b"") for i in range(5000)]))
    with pytest.raises(RoutineError, match="has 5003 entries, more than the 52"):
        read_pack(path, "many.homecare")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_a_pack_is_refused_without_waiting(tmp_path, capsys):
    fifo = tmp_path / "routine.homecare"
    os.mkfifo(fifo)
    assert main(["check", str(fifo)]) == 2
    assert "is a named pipe (FIFO), not a regular file" in capsys.readouterr().out
