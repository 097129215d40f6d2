"""The map view: real mouse drags, clicks, zoom and fit, and what each state and tie looks like."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QHelpEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from alliance_sandbox.engine.world import World
from alliance_sandbox.ui.map_demo import demo_world
from alliance_sandbox.ui.map_view import MapView
from alliance_sandbox.ui.palette import UNALIGNED_COLOR


def make_world(capability=(30, 25, 20, 10, 8)) -> World:
    """A and B allied, C and D allied, A-C entente, B-E coalition, D-E alignment."""
    n = 5
    world = World(
        ids=["A", "B", "C", "D", "E"],
        names=["Avalon", "Brigadoon", "Cockaigne", "Duloc", "Erewhon"],
        capability=np.array(capability, float),
        lon=np.array([-2.0, 12.0, 25.0, 5.0, 30.0]),
        lat=np.array([50.0, 48.0, 55.0, 42.0, 40.0]),
        offense=np.full(n, 0.5), aggression=np.full(n, 0.3),
        satisfaction=np.array([0.5, -0.5, 0.2, 0.1, -0.2]),
        tie_kind=np.zeros((n, n), np.int8), commitment=np.zeros((n, n)),
        affinity=np.zeros((n, n)),
    )
    ix = world.index
    for a, b, kind, c in [("A", "B", "alliance", 0.8), ("C", "D", "alliance", 0.5),
                          ("A", "C", "entente", 0.4), ("B", "E", "coalition", 0.5),
                          ("D", "E", "alignment", 0.2)]:
        world.set_tie(ix[a], ix[b], kind, c)
    return world


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def view(qtbot, world):
    v = MapView()
    qtbot.addWidget(v)
    v.resize(900, 600)
    v.set_world(world, {"abandonment": np.full(5, 0.25), "entrapment": np.full(5, 0.125)})
    v.show()
    qtbot.waitExposed(v)
    v.fit_all()
    return v


def disc_point(view: MapView, state_id: str) -> QPoint:
    return view.mapFromScene(view.state_item(state_id).scenePos())


def empty_point(view: MapView) -> QPoint:
    """A viewport point with no state on it (the top-right corner after a fit)."""
    point = QPoint(view.viewport().width() - 6, 6)
    assert view._state_at(point) is None
    return point


def path_points(path) -> list[tuple[float, float]]:
    return [(path.elementAt(k).x, path.elementAt(k).y) for k in range(path.elementCount())]


def near(points, x, y, tol=1e-6) -> bool:
    return any(abs(px - x) < tol and abs(py - y) < tol for px, py in points)


def wheel(view: MapView, pos: QPoint, delta: int) -> None:
    event = QWheelEvent(QPointF(pos), QPointF(view.viewport().mapToGlobal(pos)), QPoint(0, 0),
                        QPoint(0, delta), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


# ---------------------------------------------------------------- dragging


def test_drag_emits_state_moved_once_with_drop_point_and_start(qtbot, view):
    vp = view.viewport()
    moved = []
    view.stateMoved.connect(lambda *args: moved.append(args))
    start = disc_point(view, "B")
    drop = start + QPoint(60, 40)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for k in (1, 2, 3):
        qtbot.mouseMove(vp, start + QPoint(20 * k, 13 * k + (1 if k == 3 else 0)))
    qtbot.mouseMove(vp, drop)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=drop)
    assert len(moved) == 1
    sid, lon, lat, old_lon, old_lat = moved[0]
    target = view.mapToScene(drop)
    degree_per_px = 1 / view.zoom_level()
    assert sid == "B"
    assert lon == pytest.approx(target.x(), abs=2 * degree_per_px)
    assert lat == pytest.approx(-target.y(), abs=2 * degree_per_px)
    assert (old_lon, old_lat) == (12.0, 48.0)


def test_ties_follow_a_state_during_the_drag(qtbot, view):
    vp = view.viewport()
    start = disc_point(view, "A")
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, start + QPoint(30, 10))
    qtbot.mouseMove(vp, start + QPoint(80, 50))
    pos = view.state_item("A").pos()
    assert (pos.x(), pos.y()) != (-2.0, -50.0)  # the disc follows the pointer
    paths = view.tie_paths()
    assert near(path_points(paths["alliance"]), pos.x(), pos.y())  # A-B
    assert near(path_points(paths["entente"]), pos.x(), pos.y())  # A-C
    assert not near(path_points(paths["alliance"]), -2.0, -50.0)  # not left behind
    # Ties not touching A stay where they were.
    assert near(path_points(paths["alliance"]), 25.0, -55.0)  # C-D
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(80, 50))
    assert near(path_points(view.tie_paths()["alliance"]), pos.x(), pos.y())


def test_drag_clamps_to_the_world(qtbot, view):
    view.fit_all()
    lo, _hi = view._scale_limits()
    view.setTransform(view.transform().fromScale(lo, lo))
    view.centerOn(180.0, 0.0)
    moved = []
    view.stateMoved.connect(lambda *args: moved.append(args))
    vp = view.viewport()
    start = disc_point(view, "E")
    end = QPoint(vp.width() - 3, 3)  # beyond lon 180 and (near) the top
    assert view.mapToScene(end).x() > 180
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, start + QPoint(10, -5))
    qtbot.mouseMove(vp, end)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)
    assert len(moved) == 1
    _sid, lon, lat, _old_lon, _old_lat = moved[0]
    assert lon == 180.0
    assert -90.0 <= lat <= 90.0


def test_a_click_is_not_a_move(qtbot, view):
    moved = []
    view.stateMoved.connect(lambda *args: moved.append(args))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=disc_point(view, "C"))
    assert moved == []


# ---------------------------------------------------------------- selecting


def test_click_selects_and_click_on_empty_map_deselects(qtbot, view):
    selected = []
    view.stateSelected.connect(selected.append)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=disc_point(view, "C"))
    assert selected == ["C"]
    assert view.selected() == "C"
    assert view.state_item("C").ring.isVisible()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=empty_point(view))
    assert selected == ["C", ""]
    assert not view.state_item("C").ring.isVisible()


def test_panning_the_map_keeps_the_selection(qtbot, view):
    view.select("A")
    vp = view.viewport()
    p = empty_point(view)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=p)
    qtbot.mouseMove(vp, p + QPoint(-40, 30))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=p + QPoint(-40, 30))
    assert view.selected() == "A"


def test_select_programmatically_emits_only_on_change(view):
    selected = []
    view.stateSelected.connect(selected.append)
    view.select("D")
    view.select("D")
    assert selected == ["D"]
    assert view.state_item("D").ring.isVisible()
    view.select("")
    assert selected == ["D", ""]


def test_highlight_marks_states(view):
    view.set_highlight(["A", "E"])
    assert view.state_item("A").glow.isVisible() and view.state_item("E").glow.isVisible()
    assert not view.state_item("B").glow.isVisible()
    view.set_highlight([])
    assert not view.state_item("A").glow.isVisible()


# ---------------------------------------------------------------- zoom and fit


def test_wheel_zooms_under_the_mouse(view):
    before = view.zoom_level()
    pos = disc_point(view, "D")
    scene_before = view.mapToScene(pos)
    wheel(view, pos, 120)
    assert view.zoom_level() > before * 1.1
    after = view.mapFromScene(scene_before)
    assert abs(after.x() - pos.x()) <= 2 and abs(after.y() - pos.y()) <= 2
    wheel(view, pos, -240)
    assert view.zoom_level() < before


def test_ctrl_plus_and_minus_zoom(qtbot, view):
    before = view.zoom_level()
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_level() > before
    zoomed = view.zoom_level()
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_level() < zoomed


def all_visible(view: MapView) -> bool:
    rect = view.viewport().rect()
    for sid in "ABCDE":
        p = disc_point(view, sid)
        r = view.state_item(sid).radius
        if not rect.contains(p) or p.x() - r < 0 or p.y() - r < 0:
            return False
        if p.x() + r > rect.width() or p.y() + r > rect.height():
            return False
    return True


@pytest.mark.parametrize("key", [Qt.Key.Key_F, Qt.Key.Key_Home])
def test_fit_all_shows_every_state(qtbot, view, key):
    for _ in range(12):
        view.zoom_in()
    view.centerOn(-120.0, 30.0)
    assert not all_visible(view)
    qtbot.keyClick(view, key)
    assert all_visible(view)
    # Labels too (the fit leaves room for them).
    vp = view.viewport().rect()
    for sid in "ABCDE":
        label = view.label_item(sid)
        if label.isVisible():
            box = label.pixel_rect().translated(QPointF(disc_point(view, sid)))
            assert vp.contains(box.toRect())


def test_fit_all_without_states_shows_the_world(qtbot):
    v = MapView()
    qtbot.addWidget(v)
    v.resize(800, 500)
    v.show()
    qtbot.waitExposed(v)
    v.fit_all()
    rect = v.viewport().rect()
    assert rect.contains(v.mapFromScene(-179.0, -80.0))
    assert rect.contains(v.mapFromScene(179.0, 80.0))


# ---------------------------------------------------------------- what is drawn


def test_reuses_items_when_ids_are_unchanged(view, world):
    item = view.state_item("A")
    w = world.copy()
    w.lon[0] = 8.0
    view.set_world(w)
    assert view.state_item("A") is item
    assert item.pos().x() == 8.0
    assert near(path_points(view.tie_paths()["alliance"]), 8.0, -50.0)
    fewer = make_world()
    fewer.ids[4] = "F"
    fewer.index = {sid: i for i, sid in enumerate(fewer.ids)}
    view.set_world(fewer)
    assert view.state_item("A") is not item


def test_more_capability_makes_a_bigger_disc(view, world):
    before = view.state_item("D").boundingRect().width()
    area_before = view.state_item("D").radius ** 2
    w = world.copy()
    w.capability[3] *= 4
    view.set_world(w)
    item = view.state_item("D")
    assert item.boundingRect().width() > before
    # Area follows the capability share.
    share_ratio = w.share[3] / world.share[3]
    assert item.radius ** 2 / area_before == pytest.approx(share_ratio, rel=0.02)


def test_tiny_states_stay_visible(view, world):
    w = world.copy()
    w.capability[4] = 1e-6
    view.set_world(w)
    assert view.state_item("E").radius >= view.theme.min_radius


def test_allies_share_a_colour_and_blocs_differ(view):
    color = view.state_color
    assert color("A") == color("B")
    assert color("C") == color("D")
    assert color("A") != color("C")
    assert color("E") == UNALIGNED_COLOR
    assert view.state_item("A").brush().color() == view.state_item("B").brush().color()


def test_bloc_colours_stay_when_blocs_reorder(view, world):
    before = view.state_color("C")
    w = world.copy()
    w.capability[2] = w.capability[3] = 200  # C-D becomes the biggest bloc
    view.set_world(w)
    assert view.state_color("C") == before


def test_tie_kinds_have_their_pen_styles(view):
    pens = view.tie_pens()
    assert pens["alliance"].style() == Qt.PenStyle.SolidLine
    assert pens["entente"].style() == Qt.PenStyle.DashLine
    assert pens["coalition"].style() == Qt.PenStyle.DotLine
    assert pens["alignment"].style() == Qt.PenStyle.SolidLine
    assert pens["alignment"].widthF() < pens["alliance"].widthF()
    paths = view.tie_paths()
    assert near(path_points(paths["coalition"]), 12.0, -48.0)  # B-E
    assert near(path_points(paths["alignment"]), 30.0, -40.0)  # D-E


def test_tie_width_follows_commitment(view, world):
    def alliance_width():
        items = view.ties.items
        return max(items[key].pen().widthF() for key in items
                   if key[0] == 4 and not items[key].path().isEmpty())

    def with_commitment(c):
        w = world.copy()
        w.commitment[0, 1] = w.commitment[1, 0] = c
        w.commitment[2, 3] = w.commitment[3, 2] = c
        view.set_world(w)
        return alliance_width()

    assert with_commitment(0.2) < with_commitment(0.55) < with_commitment(0.95)


def test_presentation_mode_is_bigger_and_bolder(view):
    label = view.label_item("A")
    px, height = label.px, label.form_size(False)[1]
    radius = view.state_item("A").radius
    tie = view.tie_pens()["alliance"].widthF()
    view.set_presentation(True)
    assert view.presentation()
    assert label.px > px and label.form_size(False)[1] > height
    assert view.state_item("A").radius > radius
    assert view.tie_pens()["alliance"].widthF() > tie
    view.set_presentation(False)
    assert label.px == px


def test_tooltip_tells_the_numbers_and_risks(view):
    text = view.tooltip_text("B")
    for part in ("Brigadoon", "Capability: 25", "26.9%", "Offense: 0.50", "Aggression: 0.30",
                 "revisionist", "Abandonment risk: 25%", "Entrapment risk: 12%"):
        assert part in text, part
    assert "status quo" in view.tooltip_text("A")


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltips
def test_hovering_a_state_shows_its_tooltip(qtbot, view):
    pos = disc_point(view, "C")
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    try:
        assert QToolTip.isVisible()
        assert "Cockaigne" in QToolTip.text() and "Entrapment risk: 12%" in QToolTip.text()
    finally:
        QToolTip.hideText()


def test_legend_is_shown(view):
    assert view.legend.isVisible()
    assert view.legend.geometry().intersects(view.rect())


# ---------------------------------------------------------------- context menu


def test_context_menu_asks_for_ties(view):
    requested, removed = [], []
    view.tieRequested.connect(lambda *a: requested.append(a))
    view.tieRemoveRequested.connect(lambda *a: removed.append(a))
    menu = view.build_context_menu("E")
    subs = {a.text(): a.menu() for a in menu.actions() if a.menu() is not None}
    ally = {a.text(): a for a in subs["Ally with"].actions()}
    assert list(ally) == sorted(ally)  # sorted by name
    assert "Erewhon" not in ally
    ally["Avalon"].trigger()
    assert requested == [("E", "A", "alliance")]
    {a.text(): a for a in subs["Entente with"].actions()}["Duloc"].trigger()
    assert requested[-1] == ("E", "D", "entente")
    breaks = {a.text(): a for a in subs["Break tie with"].actions()}
    assert set(breaks) == {"Brigadoon (coalition)", "Duloc (alignment)"}
    breaks["Duloc (alignment)"].trigger()
    assert removed == [("E", "D")]


def test_ally_menu_is_short_in_a_big_world(qtbot):
    n = 60
    rng = np.random.default_rng(3)
    w = World(ids=[f"S{i}" for i in range(n)], names=[f"State {i}" for i in range(n)],
              capability=rng.uniform(1, 10, n), lon=rng.uniform(-170, 170, n),
              lat=rng.uniform(-60, 70, n), offense=np.zeros(n), aggression=np.zeros(n),
              satisfaction=np.zeros(n), tie_kind=np.zeros((n, n), np.int8),
              commitment=np.zeros((n, n)), affinity=np.zeros((n, n)))
    v = MapView()
    qtbot.addWidget(v)
    v.set_world(w)
    menu = v.build_context_menu(w.ids[0])
    sub = next(a.menu() for a in menu.actions() if a.text() == "Ally with")
    assert 0 < len(sub.actions()) <= 15


# ---------------------------------------------------------------- demo and big worlds


@pytest.fixture
def projector_demo(qtbot):
    """The demo world in presentation mode at the projector's 1024x768: (view, world)."""
    v = MapView()
    qtbot.addWidget(v)
    v.resize(1024, 768)
    w = demo_world()
    v.set_world(w)
    v.set_presentation(True)
    v.show()
    qtbot.waitExposed(v)
    return v, w


def test_demo_world_draws_and_drags_with_many_states(projector_demo):
    v, w = projector_demo
    assert v.grab().width() == 1024
    shown = [sid for sid in w.ids if v.label_item(sid).isVisible()]
    assert len(shown) >= 9  # labels make room for each other; a few small ones may wait for zoom


def test_labels_do_not_overlap_each_other_or_the_legend(projector_demo):
    v, w = projector_demo
    v.fit_all()
    boxes = [v.label_item(sid).pixel_rect().translated(QPointF(disc_point(v, sid)))
             for sid in w.ids if v.label_item(sid).isVisible()]
    assert len(boxes) == w.n  # all twelve find a place (some as a short form)
    legend = QRectF(v.legend.geometry())
    for k, a in enumerate(boxes):
        assert not a.intersects(legend)
        assert v.viewport().rect().contains(a.toRect())
        for b in boxes[k + 1:]:
            assert not a.intersects(b)


def test_ties_across_the_date_line_take_the_short_way(view):
    w = make_world()
    w.lon[0], w.lon[1] = 170.0, -170.0  # A-B alliance across the Pacific
    view.set_world(w)
    xs = [x for x, _y in path_points(view.tie_paths()["alliance"])]
    assert 190.0 in xs and -190.0 in xs  # leaves one edge of the map, comes back at the other
    pairs = set(zip(xs, xs[1:]))
    assert (170.0, -170.0) not in pairs and (-170.0, 170.0) not in pairs  # not across the world


def test_a_turn_arriving_mid_drag_keeps_the_drag(qtbot, view, world):
    vp = view.viewport()
    moved = []
    view.stateMoved.connect(lambda *args: moved.append(args))
    start = disc_point(view, "A")
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, start + QPoint(20, 20))
    w = world.copy()
    w.capability[1] += 5
    view.set_world(w)  # the simulation ticked
    qtbot.mouseMove(vp, start + QPoint(40, 30))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(40, 30))
    assert len(moved) == 1
    assert moved[0][3:] == (-2.0, 50.0)
    assert_all_drawn(view)


def assert_all_drawn(view: MapView) -> None:
    """Nothing left see-through by the still picture a drag shows (see MapView._freeze)."""
    assert view._frozen is None
    items = [view.ties.canvas, view.map_item]
    items += [view.state_item(sid) for sid in view._ids]
    assert all(item.isVisible() and item.opacity() == 1.0 for item in items)


def test_everything_is_drawn_again_after_a_drag_and_after_a_click(qtbot, view):
    vp = view.viewport()
    start = disc_point(view, "D")
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    assert view._frozen is not None  # during the drag the still map is one picture
    qtbot.mouseMove(vp, start + QPoint(25, 5))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(25, 5))
    assert_all_drawn(view)
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=disc_point(view, "C"))
    assert_all_drawn(view)
    image = view.grab().toImage()
    # The map is painted live again: the pixel under the dragged disc is its bloc colour.
    p = disc_point(view, "D")
    assert image.pixelColor(p).name().upper() == view.state_color("D").upper()
