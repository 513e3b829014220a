"""Bell patterns: each kind of phase is told apart by ear."""

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
