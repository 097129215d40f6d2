"""The charts dock: the per-turn cache follows the history; curves, titles and hover follow it."""

import json
import re

import numpy as np
import peek
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt

from alliance_sandbox.scenario import loads_scenario
from alliance_sandbox.ui.charts import TOP_STATES, ChartsDock, SeriesCache, nice_ceiling

# The offscreen platform cannot pass a window's size limits on; harmless, and not ours.
pytestmark = pytest.mark.qt_log_ignore(r"does not support propagateSizeHints")


def many_states(base, n=12):
    """`base` (the dock scenario) with small states added up to n."""
    states = base["states"]
    for k in range(len(states), n):
        states.append({"id": f"S{k}", "name": f"State {k}", "capability": 0.2 + 0.05 * k,
                       "lon": -20 + 4 * k, "lat": 40 + (k % 5)})
    return base


@pytest.fixture
def charts(show_dock, controller):
    return show_dock(ChartsDock(controller), 600, 800)


def allied_mean(record, name):
    tied = (record.world.tie_kind != 0).any(axis=1)
    values = getattr(record.risks, name)
    return float(values[tied].mean()) if tied.any() else 0.0


def test_point_count_follows_step_back_and_reset(charts, controller):
    assert peek.point_count(charts) == 1
    controller.step(5)
    assert peek.point_count(charts) == 6
    assert set(peek.curve_point_counts(charts).values()) == {6}
    controller.back()
    assert peek.point_count(charts) == 5
    assert set(peek.curve_point_counts(charts).values()) == {5}
    controller.step(2)
    assert peek.point_count(charts) == 7
    controller.reset()
    assert peek.point_count(charts) == 1


def test_the_cache_appends_only_new_turns(charts, controller):
    controller.step(3)
    rows = list(charts.cache._records)
    controller.step(2)
    assert charts.cache._records[:4] == rows  # the first four rows were not recomputed
    assert charts.cache.count == 6
    # after Back + a different run, the rows follow the new records
    controller.back()
    controller.back()
    controller.step(1)
    history = controller.history
    assert charts.cache.count == 5
    np.testing.assert_allclose(charts.cache.share[:5], [r.world.share for r in history])


def test_system_mean_then_the_selected_state(charts, controller):
    controller.step(5)
    history = controller.history
    assert "mean" in peek.risk_title(charts)
    abandon, entrap = peek.risk_series(charts)
    np.testing.assert_allclose(abandon, [allied_mean(r, "abandonment") for r in history])
    np.testing.assert_allclose(entrap, [allied_mean(r, "entrapment") for r in history])

    controller.select("C")
    i = controller.history[-1].world.index["C"]
    assert "Caledon" in peek.risk_title(charts)
    assert "mean" not in peek.risk_title(charts)
    abandon, entrap = peek.risk_series(charts)
    np.testing.assert_allclose(abandon, [r.risks.abandonment[i] for r in history])
    np.testing.assert_allclose(entrap, [r.risks.entrapment[i] for r in history])

    controller.select("")
    assert "mean" in peek.risk_title(charts)


def test_an_edit_of_the_latest_turn_redraws_it(charts, controller):
    controller.step(2)
    controller.select("D")
    i = controller.history[-1].world.index["D"]
    controller.edit_state("D", capability=6.0)
    assert peek.point_count(charts) == 3
    share_line = peek.share_curve(charts, "D")
    assert share_line.yData[-1] == pytest.approx(100 * controller.record.world.share[i])
    controller.undo_stack.undo()
    share_line = peek.share_curve(charts, "D")
    assert share_line.yData[-1] == pytest.approx(100 * controller.record.world.share[i])


def test_share_lines_top_states_plus_others(qtbot, make_controller, dock_scenario):
    controller = make_controller(many_states(dock_scenario, 12))
    charts = ChartsDock(controller)
    qtbot.addWidget(charts)
    controller.step(3)
    shown = peek.shown_states(charts)
    assert len(shown) == TOP_STATES
    latest = controller.record.world.share
    ids = controller.record.world.ids
    top = sorted(range(len(ids)), key=lambda i: -latest[i])[:TOP_STATES]
    assert shown == [ids[i] for i in top]
    others = charts.others_curve.yData
    assert others[-1] == pytest.approx(100 * (1 - latest[top].sum()))
    # the selected state always has a line, drawn thicker
    smallest = ids[int(np.argmin(latest))]
    controller.select(smallest)
    assert smallest in peek.shown_states(charts)
    line = peek.share_curve(charts, smallest)
    assert line.opts["pen"].widthF() > peek.share_curve(charts, shown[0]).opts["pen"].widthF()


def test_hover_shows_the_values_at_the_turn(qtbot, charts, controller):
    pg.setConfigOption("mouseRateLimit", -1)
    controller.step(5)
    controller.select("B")
    qtbot.wait(10)
    vb = charts.risk_plot.getViewBox()
    scene_pos = vb.mapViewToScene(QPointF(3.1, 0.5))
    pos = charts.view.mapFromScene(scene_pos)
    qtbot.mouseMove(charts.view.viewport(), pos)
    text = peek.hover_text(charts)
    assert "Turn 3" in text
    i = controller.history[-1].world.index["B"]
    assert f"abandonment {controller.history[3].risks.abandonment[i]:.2f}" in text
    assert re.search(r"\d+\.\d+ %", text)  # a share
    assert all(line.isVisible() for line in charts._hover_lines)
    assert charts._hover_lines[0].value() == 3
    charts.clear_hover()
    assert peek.hover_text(charts) == ""


def test_marker_at_the_turn_on_view(charts, controller):
    controller.step(5)
    assert not any(m.isVisible() for m in charts._markers)
    controller.view(2)
    assert all(m.isVisible() and m.value() == 2 for m in charts._markers)
    assert peek.point_count(charts) == 6  # scrubbing does not cut the curves
    controller.view(5)
    assert not any(m.isVisible() for m in charts._markers)


def test_ranges_are_explicit_and_coarse(charts, controller):
    controller.step(12)
    x0, x1 = charts.risk_plot.viewRange()[0]
    assert x0 == pytest.approx(-0.5) and x1 == pytest.approx(nice_ceiling(12) + 0.5)
    assert charts.risk_plot.viewRange()[1] == pytest.approx([-0.02, 1.02])
    assert nice_ceiling(11) == 12 and nice_ceiling(13) == 15 and nice_ceiling(0.31) == pytest.approx(0.4)


def test_load_starts_over(charts, controller, dock_scenario):
    controller.step(4)
    controller.load(loads_scenario(json.dumps(many_states(dock_scenario, 10))))
    assert peek.point_count(charts) == 1
    assert charts.cache.n_states == 10


def test_presentation_thickens_lines_and_fonts(charts, controller):
    controller.step(2)
    width = charts.abandonment_curve.opts["pen"].widthF()
    charts.set_presentation(True)
    assert charts.presentation
    assert charts.abandonment_curve.opts["pen"].widthF() > 1.5 * width
    assert charts.risk_plot.getAxis("left").style["tickFont"].pointSizeF() >= 14
    charts.set_presentation(False)
    assert charts.abandonment_curve.opts["pen"].widthF() == pytest.approx(width)


def test_series_cache_without_qt(controller):
    cache = SeriesCache()
    controller.step(4)
    assert cache.sync(controller.history) == 0  # the first row that changed
    assert cache.sync(controller.history) is None
    assert cache.count == 5
    np.testing.assert_array_equal(cache.realignments[:5], [r.realignments for r in controller.history])
    blocs = [sum(1 for g in r.world.blocs() if len(g) > 1) for r in controller.history]
    np.testing.assert_array_equal(cache.blocs[:5], blocs)
    # growing past the initial capacity keeps the old rows
    controller.step(100)
    assert cache.sync(controller.history) == 5
    np.testing.assert_allclose(cache.share[:105], [r.world.share for r in controller.history])


def drawn(curve):
    """The y values a _LiveCurve draws: its cached body then its live tail."""
    tail = curve.tail.yData
    if not curve.body.isVisible():
        return np.asarray(tail)
    body = curve.body.yData if curve.step else curve.body.yData[:-1]  # a line's body and tail share a point
    return np.concatenate([body, tail])


def test_cached_bodies_and_live_tails_draw_the_whole_series(qtbot, make_controller, dock_scenario):
    controller = make_controller(many_states(dock_scenario, 12))
    charts = ChartsDock(controller)
    qtbot.addWidget(charts)
    controller.select("C")
    controller.step(150)

    def check(sid="C"):
        history = controller.history
        n = len(history)
        i = controller.history[-1].world.index[sid]
        assert charts.abandonment_curve.body.isVisible() == (n - 2 >= 64)
        np.testing.assert_allclose(drawn(charts.abandonment_curve), [r.risks.abandonment[i] for r in history])
        np.testing.assert_allclose(drawn(peek.share_curve(charts, sid)), [100 * r.world.share[i] for r in history])
        assert len(drawn(charts.others_curve)) == n
        np.testing.assert_allclose(drawn(charts.realign_curve), [r.realignments for r in history])
        assert len(charts.bloc_curve.tail.xData) == len(charts.bloc_curve.tail.yData) + 1
        for curve in (charts.abandonment_curve, charts.bloc_curve, *charts.share_curves):
            if curve.isVisible():
                assert len(curve.tail.yData) <= 64 + 1  # only the tail is redrawn each turn

    check()
    # back across a body boundary, then a new run: the bodies must not keep the old rows
    controller.view(40)
    controller.step(1)
    assert peek.point_count(charts) == 42
    check()
    controller.step(100)
    check()
    controller.select("D")  # another series: bodies redrawn for it
    check("D")


def test_one_chart_alone_fills_the_dock(qtbot, charts, controller):
    controller.step(3)
    for key in ("risks", "blocs"):  # two charts switched off: the third fills the dock
        qtbot.mouseClick(charts.plot_buttons[key], Qt.MouseButton.LeftButton)
    qtbot.wait(20)
    assert charts.shown_plots() == ["shares"]
    assert not charts.risk_plot.isVisible() and not charts.bloc_plot.isVisible()
    assert charts.share_plot.height() > 0.7 * charts.view.height()
    assert charts.share_plot.getAxis("bottom").labelText == "turn"
    # the last chart cannot be switched off
    qtbot.mouseClick(charts.plot_buttons["shares"], Qt.MouseButton.LeftButton)
    assert charts.plot_buttons["shares"].isChecked()
    assert charts.shown_plots() == ["shares"]
    qtbot.mouseClick(charts.plot_buttons["risks"], Qt.MouseButton.LeftButton)
    assert charts.shown_plots() == ["risks", "shares"]
    qtbot.mouseClick(charts.plot_buttons["blocs"], Qt.MouseButton.LeftButton)
    qtbot.wait(20)
    assert all(plot.isVisible() for plot in charts.plots)
    assert charts.share_plot.height() < 0.5 * charts.view.height()


def test_small_dock_shows_one_chart_at_a_time_and_wide_dock_side_by_side(qtbot, charts, controller):
    controller.step(3)
    charts.resize(380, 300)
    qtbot.wait(20)
    assert charts.shown_plots() == ["risks"]
    assert [k for k, b in charts.plot_buttons.items() if b.isChecked()] == ["risks"]
    qtbot.mouseClick(charts.plot_buttons["blocs"], Qt.MouseButton.LeftButton)  # works like a tab
    assert charts.shown_plots() == ["blocs"]
    assert charts.bloc_plot.isVisible() and not charts.risk_plot.isVisible()
    charts.resize(600, 800)
    qtbot.wait(20)
    assert charts.shown_plots() == ["risks", "shares", "blocs"]
    assert not charts.horizontal
    charts.resize(1400, 380)
    qtbot.wait(20)
    assert charts.horizontal
    tops = {round(plot.geometry().top()) for plot in charts.plots}
    assert len(tops) == 1  # side by side
    assert peek.point_count(charts) == 4


def shown_titles(charts):
    return [plot.titleLabel for plot in charts.plots if plot.isVisible()]


@pytest.mark.parametrize("presentation", [False, True])
@pytest.mark.parametrize("size", [(380, 300), (600, 800), (1400, 380), (340, 600), (900, 330)])
def test_titles_fit_their_plots_at_every_size(qtbot, charts, controller, presentation, size):
    controller.step(3)
    charts.set_presentation(presentation)
    charts.resize(*size)
    qtbot.wait(20)
    for select in ("", "C"):
        controller.select(select)
        qtbot.wait(10)
        for label in shown_titles(charts):
            assert label.itemRect().width() <= label.width() + 1, label.text
    # the long wording when there is room, a shorter one or a cut one ("…") when not
    controller.select("")
    assert "mean" in peek.risk_title(charts) or "…" in peek.risk_title(charts)


def test_a_narrow_projector_column_shows_one_chart_with_its_legend_below(qtbot, charts, controller):
    controller.step(3)
    charts.set_presentation(True)
    charts.resize(340, 600)
    qtbot.wait(20)
    arrangement = charts.arrangement
    assert arrangement.single and arrangement.legend_below
    assert charts.shown_plots() == ["risks"]
    qtbot.mouseClick(charts.plot_buttons["shares"], Qt.MouseButton.LeftButton)  # a tab
    qtbot.wait(20)
    assert charts.shown_plots() == ["shares"]
    title = charts.share_plot.titleLabel
    assert title.itemRect().width() <= title.width() + 1
    legend = charts._legends[1]
    assert legend.itemRect().width() <= legend.width() + 1  # in columns that fit: not cut
    assert legend.mapRectToScene(legend.itemRect()).bottom() <= charts.view.height() + 1
    assert charts.share_plot.height() > 0.5 * charts.view.height()


def test_arrangement_for_strips_columns_and_small_docks():
    from alliance_sandbox.ui.chart_parts import LegendSize, arrange

    legends = [LegendSize((90.0, 80.0), 15.0), LegendSize((100.0,) * 9, 15.0), LegendSize((40.0, 90.0), 15.0)]
    every = [0, 1, 2]
    wide = arrange(1400, 350, every, 0, legends, (200, 110))
    assert wide.horizontal and wide.legend_below and not wide.single
    assert wide.columns[1] >= 3  # the nine share entries in a few rows under their plot
    tall = arrange(600, 770, every, 0, legends, (200, 110))
    assert not tall.horizontal and not tall.legend_below and tall.shown == (0, 1, 2)
    strip = arrange(1000, 200, every, 1, legends, (300, 170))
    assert strip.single and strip.shown == (1,) and not strip.legend_below  # legend beside it
    column = arrange(330, 560, every, 1, legends, (300, 170))
    assert column.single and column.legend_below
    alone = arrange(330, 560, [2], 2, legends, (300, 170))
    assert not alone.single and alone.shown == (2,)  # one chart asked for is not "single"
