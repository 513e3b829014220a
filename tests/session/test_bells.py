"""Bell patterns: each kind of phase is told apart by ear."""

from __future__ import annotations

from homecare.session.bells import rings_for


def test_contract_and_relax_sound_different():
    assert rings_for("contract") == 1
    assert rings_for("relax") == 2
    assert rings_for("switch-sides") == 3
    assert len({rings_for(k) for k in ("contract", "relax", "position")}) == 3


def test_an_unknown_kind_rings_once():
    assert rings_for("something new") == 1


def test_every_phase_kind_has_an_entry_in_every_kind_table():
    from homecare.plain import runner as plain
    from homecare.session import bells
    from homecare.session.engine import PREPARATION_KINDS
    from homecare.session.plan import LABELS
    from homecare.ui.screens.run import KIND_CLASSES

    kinds = {*LABELS, "interval"}  # an interval phase is labelled by its routine file
    assert set(bells._RINGS_BY_KIND) == kinds
    assert set(KIND_CLASSES) == kinds
    assert set(plain.COLOURS) == kinds - {"interval"}  # interval labels are the file's words
    assert PREPARATION_KINDS <= kinds
    assert {"pack-on", "pack-off"} <= PREPARATION_KINDS  # putting on a pack is not the ice


def test_taking_the_pack_off_rings_a_pattern_of_its_own():
    from homecare.session.bells import _RINGS_BY_KIND, END_RINGS

    others = [times for kind, times in _RINGS_BY_KIND.items() if kind != "pack-off"]
    assert rings_for("pack-off") not in [*others, END_RINGS]
