"""The caption band under the map in presentation mode: each line must read as a sentence."""
from PySide6.QtGui import QFontMetrics

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


def test_a_band_too_narrow_for_the_kind_word_drops_it_before_it_cuts_a_name(qtbot):
    """The 1914 gallery at 1024 x 768 read "TIGHTEN Italy formalises an alliance with United Kin…":
    the verb already says what the kind word says, so it goes first."""
    band = CaptionBand()
    qtbot.addWidget(band)
    band.show()
    qtbot.waitExposed(band)
    event = Event("tighten", ("ITA", "UKG"), "Italy formalises an alliance (0.60) with United Kingdom: common "
                  "threat Germany: to Italy 0.30; desire +0.20 (Snyder (1984))")
    sentence = "Turn 8 · Italy formalises an alliance with United Kingdom"
    bold = band.font()
    bold.setBold(True)
    band.resize(QFontMetrics(bold).horizontalAdvance(sentence) + 40, 80)  # not room for "TIGHTEN " too
    band.set_turn(8, [event])
    assert "Italy formalises an alliance with United Kingdom" in band.text() and "…" not in band.text()
    assert "TIGHTEN" not in band.text()
    band.resize(2000, 80)  # with room, the kind word stays
    band.set_turn(8, [event])
    assert "TIGHTEN" in band.text()
