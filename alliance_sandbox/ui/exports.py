"""Exports that match the screen: the map (SVG, PDF, PNG), the charts (SVG, PNG), the per-turn
series (CSV) and a one-page handout (PDF), from the app's File > Export or `alliance-sandbox export`.

Why the map is drawn by the app's own `MapView`, sized off screen: an export then looks like the
window (same discs, colours, tie styles and legend), at the size asked for a slide. The view's
state labels are text *paths* (for their halo), which an SVG or PDF would keep as curves nobody
can search or select; here they are hidden while the view paints, and written again as real text
at the places the view chose for them (`_visible_labels`). Items that cache their picture (the
backdrop, labels) would go into a vector file as bitmaps, so caching is off while painting.

The charts are the app's `ChartsDock`, exported by pyqtgraph's own exporters (SVGExporter,
ImageExporter), so they are what the dock shows. Nothing here needs a display: widgets are
shown with WA_DontShowOnScreen.
"""
from __future__ import annotations

import csv
import io
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import QApplication, QGraphicsItem, QWidget

from alliance_sandbox.scenario.atomic import write_atomic

from .map_view import MapView
from .series_cache import SeriesCache

MAP_SUFFIXES = (".svg", ".pdf", ".png")
CHART_SUFFIXES = (".svg", ".png")
#: The per-turn series file's columns (README: The command line).
SERIES_COLUMNS = ("turn", "year", "lens", "ties", "blocs", "realignments", "mean_abandonment", "mean_entrapment")
DEFAULT_SIZE = (1280, 720)
TITLE_PX = 22
TEXT_COLOR = QColor("#1A1A1A")


class ExportError(Exception):
    """`PATH: (file): reason`, for the command line and the app's message box."""


def font(px: float, bold: bool = False) -> QFont:
    f = QFont("DejaVu Sans")
    f.setPixelSize(max(1, round(px)))
    f.setBold(bold)
    return f


def turn_title(scenario_name: str, record) -> str:
    """"Europe 1914 · Balance of threat · turn 5 (1918)": what every exported picture is of."""
    year = f" ({record.year})" if record.year is not None else ""
    return f"{scenario_name} · {record.lens.name} · turn {record.turn}{year}"


# --- widgets drawn off screen ------------------------------------------------------------------
def _show_offscreen(widget: QWidget, size: tuple[int, int]) -> None:
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    widget.resize(*size)
    widget.show()
    for _ in range(3):  # layouts settle over a few passes
        QApplication.processEvents()


def map_view_for(record, size: tuple[int, int], presentation: bool = False) -> MapView:
    """A `MapView` of `size` pixels showing `record`'s world, fitted; the caller deletes it."""
    view = MapView()
    _show_offscreen(view, size)
    view.set_presentation(presentation)
    view.set_world(record.world, {"abandonment": record.risks.abandonment,
                                  "entrapment": record.risks.entrapment})
    view.fit_all()
    QApplication.processEvents()
    return view


def _visible_labels(view: MapView, world) -> list[tuple[str, QRectF]]:
    """(text, rectangle in viewport pixels) of every state label the view shows now."""
    out = []
    for sid in world.ids:
        label = view.label_item(sid)
        if not label.isVisible():
            continue
        anchor = QPointF(view.mapFromScene(view.state_item(sid).scenePos()))
        text = label.short_text if label.short else label.text
        out.append((text, label.pixel_rect().translated(anchor)))
    return out


def _labels_of(view: MapView, world) -> list:
    return [view.label_item(sid) for sid in world.ids]


@contextmanager
def _vector_ready(scene, labels=()):
    """No cached bitmaps in a vector file, and `labels` out of the picture (written as text)."""
    items = scene.items()
    caches = [(item, item.cacheMode()) for item in items]
    for item, _ in caches:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    opacities = [(label, label.opacity()) for label in labels]
    for label in labels:
        label.setOpacity(0.0)
    try:
        yield
    finally:
        for label, opacity in opacities:
            label.setOpacity(opacity)
        for item, mode in caches:
            item.setCacheMode(mode)


def paint_map(painter: QPainter, view: MapView, world, target: QRectF, title: str | None = None) -> None:
    """`view` showing `world`, painted into `target` (device units of `painter`): title, map,
    legend, and the labels as text."""
    painter.save()
    vp = view.viewport().rect()
    top = 0.0
    if title:
        band = round(TITLE_PX * 1.7)
        scale_t = target.width() / vp.width()
        painter.setFont(font(TITLE_PX * scale_t, bold=True))
        painter.setPen(TEXT_COLOR)
        painter.drawText(QRectF(target.left(), target.top(), target.width(), band * scale_t),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        top = band * scale_t
    room = QRectF(target.left(), target.top() + top, target.width(), target.height() - top)
    k = min(room.width() / vp.width(), room.height() / vp.height())
    area = QRectF(room.left(), room.top(), vp.width() * k, vp.height() * k)
    painter.setClipRect(area)
    with _vector_ready(view.scene(), _labels_of(view, world)):
        view.render(painter, area, vp, Qt.AspectRatioMode.KeepAspectRatio)
    painter.translate(area.topLeft())
    painter.scale(k, k)
    _paint_labels(painter, view, world)
    for widget in _overlay_widgets(view):  # the legends (and any note) drawn over the map
        painter.save()
        offset = widget.geometry().topLeft() - view.viewport().geometry().topLeft()
        painter.translate(QPointF(offset))
        widget.render(painter, QPoint(0, 0))
        painter.restore()
    painter.restore()


def _overlay_widgets(view: MapView) -> list[QWidget]:
    """The widgets the view shows over its map (the legends), not its viewport or scroll bars."""
    viewport = view.viewport()
    return [w for w in view.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w is not viewport and not w.objectName().startswith("qt_scrollarea") and w.isVisibleTo(view)]


def _paint_labels(painter: QPainter, view: MapView, world) -> None:
    theme = view.theme
    px = theme.label_px
    f = font(px, bold=True)
    painter.setFont(f)
    metrics = QFontMetricsF(f)
    halo = QColor(theme.label_halo)
    halo.setAlpha(200)
    for text, rect in _visible_labels(view, world):
        width = metrics.horizontalAdvance(text)
        box = QRectF(rect.center().x() - width / 2 - 2, rect.top() - 1, width + 4, rect.height() + 3)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(halo)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor(theme.label_color))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


# --- the map -----------------------------------------------------------------------------
def write_map(path: Path, scenario_name: str, record, size=DEFAULT_SIZE, presentation: bool = False) -> None:
    """The map of `record` as .svg, .pdf or .png, `size` pixels (the PDF: that shape on a page)."""
    path = Path(path)
    suffix = check_suffix(path, MAP_SUFFIXES, "--map")
    title_band = round(TITLE_PX * 1.7)
    view = map_view_for(record, (size[0], size[1] - title_band), presentation)
    try:
        title = turn_title(scenario_name, record)
        _paint_to(path, suffix, size, lambda p, rect: paint_map(p, view, record.world, rect, title), title)
    finally:
        view.deleteLater()


def _paint_to(path: Path, suffix: str, size, paint, title: str) -> None:
    """Run `paint(painter, target_rect)` on an SVG, PDF or PNG of `size` and write it atomically."""
    w, h = size
    if suffix == ".png":
        image = QImage(w, h, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        paint(painter, QRectF(0, 0, w, h))
        painter.end()
        _write(path, _image_bytes(image, "PNG"))
        return
    if suffix == ".svg":
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtSvg import QSvgGenerator

        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(w, h))
        generator.setViewBox(QRectF(0, 0, w, h))
        generator.setTitle(title)
        generator.setDescription("Alliance Sandbox map export")
        painter = QPainter(generator)
        paint(painter, QRectF(0, 0, w, h))
        painter.end()
        buffer.close()
        _write(path, bytes(data.data()))
        return
    _write(path, _pdf_bytes(size, paint, title))


def _pdf_bytes(size, paint, title: str, page: QPageSize | None = None) -> bytes:
    """A one-page PDF: by default a page of the picture's own shape (at 96 px per inch)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    w, h = size
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Alliance Sandbox")
    writer.setResolution(96)
    page = page or QPageSize(QSizeF(w * 72 / 96, h * 72 / 96), QPageSize.Unit.Point, "export")
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    rect = QRectF(0, 0, writer.width(), writer.height())
    paint(painter, rect)
    painter.end()
    buffer.close()
    return bytes(data.data())


def _image_bytes(image: QImage, fmt: str) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt)
    buffer.close()
    return bytes(data.data())


def check_suffix(path, allowed: tuple[str, ...], option: str) -> str:
    """The file's suffix, lower case, if it is one of `allowed`; else ExportError naming the file."""
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        raise ExportError(f"{path}: {option}: the file name must end in {', '.join(allowed)}")
    return suffix


def _write(path: Path, data: bytes) -> None:
    if not data:
        raise ExportError(f"{path}: (file): nothing was drawn")
    try:
        write_atomic(path, data)
    except OSError as error:
        raise ExportError(f"{path}: (file): cannot write: {error.strerror or error}") from None


# --- the charts ---------------------------------------------------------------------------------
@contextmanager
def charts_dock_for(controller, size: tuple[int, int]):
    """The app's charts dock, off screen at `size`, following `controller`.

    Docked in a window of its own: a dock shown alone as a top-level window makes the
    offscreen platform warn (propagateSizeHints)."""
    from PySide6.QtWidgets import QMainWindow

    from .charts import ChartsDock

    host = QMainWindow()
    dock = ChartsDock(controller, host)
    host.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    _show_offscreen(host, size)
    # the dock's own bar takes room: grow the window until the charts themselves have `size`
    for _ in range(3):
        dw, dh = size[0] - dock.view.width(), size[1] - dock.view.height()
        if not dw and not dh:
            break
        host.resize(host.width() + dw, host.height() + dh)
        for _ in range(2):
            QApplication.processEvents()
    try:
        yield dock
    finally:
        host.close()
        host.deleteLater()


def write_charts(path: Path, controller, size=DEFAULT_SIZE) -> None:
    """The charts (risks, shares, blocs) of the run so far as .svg or .png of `size` pixels.

    PNG: pyqtgraph's ImageExporter. SVG: Qt's QSvgGenerator painting the same chart view,
    because pyqtgraph 0.14's SVGExporter fails on the closed paths Qt 6 writes ("... Z",
    pyqtgraph issue #3495: ValueError in correctCoordinates) and no release fixes it yet."""
    import pyqtgraph.exporters as exporters

    path = Path(path)
    suffix = check_suffix(path, CHART_SUFFIXES, "--charts")
    with charts_dock_for(controller, size) as dock:
        view = dock.view
        if suffix == ".svg":
            title = f"{controller.scenario.name}: charts"
            vp = view.viewport().rect()
            with _vector_ready(view.scene()):
                _paint_to(path, suffix, (vp.width(), vp.height()),
                          lambda p, rect: view.render(p, rect, vp), title)
        else:
            exporter = exporters.ImageExporter(view.scene())
            exporter.parameters()["width"] = size[0]
            image = exporter.export(toBytes=True)
            _write(path, _image_bytes(image, "PNG"))


# --- the series ------------------------------------------------------------------------------
def series_csv(history: list) -> str:
    """One row per turn (SERIES_COLUMNS): what the charts plot, as the charts compute it."""
    cache = SeriesCache()
    cache.sync(history)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SERIES_COLUMNS)
    for t, record in enumerate(history):
        writer.writerow([
            record.turn, "" if record.year is None else record.year, record.lens.id,
            len(record.world.tie_list()), int(cache.blocs[t]), int(cache.realignments[t]),
            round(float(cache.mean_abandonment[t]), 6), round(float(cache.mean_entrapment[t]), 6),
        ])
    return out.getvalue()


def write_series(path: Path, history: list) -> None:
    path = Path(path)
    check_suffix(path, (".csv",), "--series")
    _write(path, series_csv(history).encode("utf-8"))


# --- the handout --------------------------------------------------------------------------------
def write_handout(path: Path, controller, size=(1200, 720)) -> None:
    """One A4 page: scenario, lens with its claim and citation, the map, the charts and the
    turn's key events, all as text a reader can select and search."""
    from .handout import paint_handout

    path = Path(path)
    check_suffix(path, (".pdf",), "--handout")
    record = controller.record
    view = map_view_for(record, size)
    try:
        with charts_dock_for(controller, (size[0], int(size[1] * 0.5))) as dock:
            title = f"{controller.scenario.name}: handout"
            page = QPageSize(QPageSize.PageSizeId.A4)
            _write(path, _pdf_bytes(size, lambda p, rect: paint_handout(p, rect, controller, view, dock),
                                    title, page))
    finally:
        view.deleteLater()

