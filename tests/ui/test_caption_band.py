"""The caption band under the map in presentation mode: each line must read as a sentence."""
from alliance_sandbox.engine.events import Event
from alliance_sandbox.ui.caption_band import CaptionBand

LINE = ("United States eases its commitment (0.65, West Germany's 0.75) to West Germany: common "
        "threat Soviet Union: to United States 0.30; desire +0.05 (Walt (1987))")


def test_a_narrow_band_drops_the_numbers_before_it_cuts_a_name(qtbot):
    band = CaptionBand()
    qtbot.addWidget(band)
    band.show()
    qtbot.waitExposed(band)
    event = Event("loosen", ("USA", "GFR"), LINE)
    band.resize(2000, 80)
    band.set_turn(8, [event])
    assert "(0.65, West Germany&#x27;s 0.75)" in band.text()  # room for all of it (HTML-escaped)
    short = "Turn 8 · LOOSEN United States eases its commitment to West Germany"
    band.resize(band.fontMetrics().horizontalAdvance(short) + 80, 80)  # room for the words, not the numbers
    band.set_turn(8, [event])
    assert "United States eases its commitment to West Germany" in band.text()
    assert "(0." not in band.text() and "…" not in band.text()
