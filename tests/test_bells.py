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
