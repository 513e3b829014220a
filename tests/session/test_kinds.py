"""Phase kinds: each carries its label, bell pattern (told apart by ear), tone and preparation."""

from __future__ import annotations

import pytest

from homecare.session.bells import END_RINGS
from homecare.session.kinds import PhaseKind


def test_contract_and_relax_sound_different():
    assert PhaseKind.CONTRACT.rings == 1
    assert PhaseKind.RELAX.rings == 2
    assert PhaseKind.SWITCH_SIDES.rings == 3
    assert len({PhaseKind(k).rings for k in ("contract", "relax", "position")}) == 3


def test_an_unknown_kind_is_an_error_not_a_silent_default():
    with pytest.raises(ValueError):
        PhaseKind("something new")


def test_every_phase_kind_has_a_label_rings_and_a_tone():
    for kind in PhaseKind:
        assert kind.rings >= 1
        assert kind.label or kind is PhaseKind.INTERVAL  # an interval is labelled by its file
    preparation = {kind for kind in PhaseKind if kind.preparation}
    assert preparation == {"position", "switch-sides", "pack-on", "pack-off"}  # not the ice


def test_taking_the_pack_off_rings_a_pattern_of_its_own():
    others = [kind.rings for kind in PhaseKind if kind is not PhaseKind.PACK_OFF]
    assert PhaseKind.PACK_OFF.rings not in [*others, END_RINGS]


def test_a_kind_is_its_old_name_as_text():
    assert PhaseKind.PACK_ON == "pack-on" and f"{PhaseKind.PACK_ON}" == "pack-on"
    assert str(PhaseKind.ICE) == "ice" and PhaseKind.ICE.thermal and not PhaseKind.REST.thermal


def test_the_kinds_table_of_docs_engine_md_is_the_enum():
    from pathlib import Path

    docs = Path(__file__).parents[2] / "docs" / "engine.md"
    text = docs.read_text(encoding="utf-8")
    table = text.split("## Phase kinds", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:-1] for line in table.splitlines() if line.startswith("| `")]
    documented = {}
    for kinds, labels, _meaning, rings in rows:
        names = [name.strip(" `") for name in kinds.split(",")]
        words = [word.strip() for word in labels.split(",")]
        for name, label in zip(
            names, words if len(words) == len(names) else words * len(names), strict=False
        ):
            documented[name] = (label, int(rings))
    assert documented == {
        kind.value: (kind.label or "the file's label", kind.rings) for kind in PhaseKind
    }
