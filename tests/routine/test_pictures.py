"""Pictures in routine files: what loads, and every refusal, each named by file, step and picture."""

from __future__ import annotations

import os
import sys

import pytest

from homecare.cli import main
from homecare.routine.loader import check_file, load_file
from homecare.routine.pictures import (
    MAX_PICTURE_BYTES,
    MAX_SIDE,
    PictureRefused,
    inspect,
)
from homecare.routine.problems import RoutineError

from .picturefiles import jpeg_header, png, png_header, write_routine


def messages(path) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load_file(path)
    return [str(problem) for problem in caught.value.problems]


def test_a_step_with_a_png_beside_the_routine_loads_in_format_2(tmp_path):
    loaded = load_file(write_routine(tmp_path))
    step = loaded.routine.steps[0]
    assert (step.image, step.image_alt) == ("pics/knee.png", "A knee pulled up")
    assert loaded.routine.format == 2 and loaded.routine.has_pictures


def test_a_jpeg_with_a_large_exif_block_before_its_frame_header_loads(tmp_path):
    picture = jpeg_header(640, 480, exif_bytes=60_000)
    assert inspect("a.jpeg", picture).width == 640
    load_file(write_routine(tmp_path, {"p.jpg": picture}, image="p.jpg"))


def test_format_1_files_without_pictures_load_as_before(tmp_path):
    path = write_routine(tmp_path, {}, image=None, alt=None, format=1)
    assert load_file(path).routine.format == 1


def test_pictures_need_format_2_so_older_homecare_says_it_needs_a_newer_version(tmp_path):
    (problem,) = messages(write_routine(tmp_path, format=1))
    assert "field format: a routine with pictures must say format = 2" in problem


@pytest.mark.parametrize(
    ("image", "alt", "expected"),
    [
        ("pics/knee.png", None, "field image_alt: a step with an image needs image_alt"),
        ("pics/knee.png", "  ", "field image_alt: a step with an image needs image_alt"),
        (
            None,
            "A knee",
            "field image_alt: image_alt describes a picture, but this step has no image",
        ),
    ],
)
def test_alt_text_goes_with_a_picture(tmp_path, image, alt, expected):
    (problem,) = messages(write_routine(tmp_path, image=image, alt=alt))
    assert "step 1 (Knee to chest), " + expected in problem


@pytest.mark.parametrize(
    ("image", "why"),
    [
        ("../knee.png", "must stay inside the routine's folder (no ..)"),
        ("pics/../../knee.png", "must stay inside the routine's folder (no ..)"),
        ("/etc/knee.png", "must be a path relative to the routine file, not an absolute path"),
        ("C:/knee.png", "must be a path relative to the routine file, not an absolute path"),
        ("pics\\\\knee.png", "use / between folders, not \\"),
        ("knee.gif", "must be a .png, .jpg or .jpeg file"),
        ("pics/", "must be a .png, .jpg or .jpeg file"),
    ],
)
def test_paths_that_could_leave_the_folder_are_refused_before_reading(tmp_path, image, why):
    (problem,) = messages(write_routine(tmp_path, image=image))
    assert problem.endswith(why)
    assert "step 1 (Knee to chest), field image:" in problem


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symbolic_link_leading_out_of_the_folder_is_refused(tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(png())
    folder = tmp_path / "routine"
    folder.mkdir()
    try:
        (folder / "knee.png").symlink_to(outside)
    except OSError:
        pytest.skip("this system does not allow symbolic links")
    (problem,) = messages(write_routine(folder, {}, image="knee.png"))
    assert problem.endswith(
        'picture "knee.png" leads outside the routine\'s folder (through a link)'
    )


HOSTILE = {
    "missing": (None, "no such file beside the routine"),
    "too large": (png(4, 4) + b"\x00" * MAX_PICTURE_BYTES, "is larger than 2 MiB; save it smaller"),
    "jpeg named png": (jpeg_header(10, 10), "is named as a PNG but its contents are a JPEG"),
    "text named png": (
        b"<svg onload=alert(1)>",
        "is named as a PNG but its contents are not a PNG or JPEG picture",
    ),
    "empty": (b"", "is named as a PNG but its contents are not a PNG or JPEG picture"),
    "damaged png": (b"\x89PNG\r\n\x1a\n", "is a damaged PNG (no image header)"),
    "no pixels": (png_header(0, 10), "has no pixels (width or height 0)"),
    "too wide": (
        png_header(MAX_SIDE + 1, 10),
        f"is {MAX_SIDE + 1} x 10 pixels, more than homecare shows",
    ),
    "too many pixels": (png_header(4000, 4000), "is 4000 x 4000 pixels, more than homecare shows"),
    "decompression bomb": (
        png_header(2**31 - 1, 2**31 - 1) + b"\x00" * 64,
        "pixels, more than homecare shows",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_pictures_are_refused_with_a_clear_message(tmp_path, case):
    data, why = HOSTILE[case]
    pictures = {} if data is None else {"pics/knee.png": data}
    (problem,) = messages(write_routine(tmp_path, pictures))
    assert problem.startswith(
        f"{tmp_path / 'routine.toml'}, step 1 (Knee to chest), field image: "
        'picture "pics/knee.png" '
    )
    assert why in problem


def test_a_jpeg_named_jpg_without_a_frame_header_is_refused():
    with pytest.raises(PictureRefused, match="damaged JPEG"):
        inspect("x.jpg", b"\xff\xd8\xff\xda\x00\x02" + b"\x00" * 100)


def test_a_folder_named_like_a_picture_is_not_a_regular_file(tmp_path):
    (tmp_path / "pics" / "knee.png").mkdir(parents=True)
    (problem,) = messages(write_routine(tmp_path, {}))
    assert problem.endswith("is not a regular file")


def test_all_of_a_routines_pictures_together_are_limited_to_20_mib(tmp_path):
    big = png(4, 4) + b"\x00" * (MAX_PICTURE_BYTES - 200)
    steps = "".join(
        f'[[steps]]\ntype = "rest"\nseconds = 5\nimage = "p{i}.png"\nimage_alt = "picture {i}"\n'
        for i in range(11)
    )
    for i in range(11):
        (tmp_path / f"p{i}.png").write_bytes(big)
    path = tmp_path / "many.toml"
    path.write_text(f'format = 2\ntitle = "Many"\n{steps}', encoding="utf-8")
    (problem,) = messages(path)
    assert "the pictures add up to 22.0 MiB, more than the 20 MiB a routine may carry" in problem


def test_the_same_picture_on_several_steps_counts_once(tmp_path):
    text = "".join(
        '[[steps]]\ntype = "rest"\nseconds = 5\nimage = "p.png"\nimage_alt = "same"\n'
        for _ in range(15)
    )
    (tmp_path / "p.png").write_bytes(png(4, 4) + b"\x00" * (MAX_PICTURE_BYTES - 200))
    path = tmp_path / "same.toml"
    path.write_text(f'format = 2\ntitle = "Same"\n{text}', encoding="utf-8")
    assert len(load_file(path).routine.steps) == 15


def test_check_lists_picture_problems_without_a_traceback(tmp_path, capsys):
    path = write_routine(tmp_path, {"pics/knee.png": b"GIF89a"})
    assert check_file(path)[0] is None
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert 'step 1 (Knee to chest), field image: picture "pics/knee.png" is named as a PNG' in out
    assert "Traceback" not in out + err


def test_every_bundled_example_with_pictures_loads_and_describes_them():
    from homecare.routine import library

    examples = [r for r in library.available() if r.origin == "example" and r.routine.has_pictures]
    assert len(examples) >= 5
    for loaded in examples:
        for step in loaded.routine.steps:
            if step.image:
                assert step.image.startswith("images/")
                assert step.image_alt.startswith("Example drawing: ")


def test_the_schema_knows_pictures_and_that_alt_text_goes_with_them():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib

    from .jsonschema_check import schema_errors
    from .picturefiles import routine_text

    assert schema_errors(tomllib.loads(routine_text())) == []
    assert schema_errors(tomllib.loads(routine_text(alt=None))) != []
    assert schema_errors(tomllib.loads(routine_text(image=None))) != []
    assert schema_errors(tomllib.loads(routine_text(format=4))) != []
