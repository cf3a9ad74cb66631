"""Server-rendered SVG bar charts: no JavaScript, a title and description for screen readers,
and always shown beside the table that holds the same numbers.

The chart is drawn for a phone: each label sits on its own line above its bar, across the whole
width, so the drawing can be narrow (`WIDTH` user units) and its words are not shrunk when it
scales down to the screen. On a 375 px screen the page leaves 343 px for it (1 rem of margin on
each side), so a user unit is 343 / 320 px and a label of `FONT_SIZE` units is 15 px; at 320 px
it is 12.6 px. The stylesheet caps its width on wide screens (`.chart-stacked`).
"""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, FONT_SIZE = 320, 14
LABEL_LINE, BAR_HEIGHT, ROW_GAP, TOP = 18, 16, 12, 4
VALUE_ROOM = 64  # beyond the longest bar, for its value ("1,234 %")
ROW = LABEL_LINE + BAR_HEIGHT + ROW_GAP
INK = "#1b1b1b"
COLOURS = ("#0b5c4a", "#0a4f8f", "#8a4b00", "#6b2c91", "#a11a1a", "#2e6b1f")
LABEL_LIMIT = 36  # characters that fit on one line of `WIDTH` units at `FONT_SIZE`


@dataclass
class Chart:
    """One chart of a dashboard: its rows, and the SVG and table drawn from them."""

    key: str
    title: str
    rows: list[tuple[str, int]]
    unit: str = ""
    note: str = ""
    columns: tuple[str, str] = ("", "")

    @property
    def svg(self) -> SafeString:
        return bar_chart(self.key, self.title, self.rows, self.unit)


def bar_chart(key: str, title: str, rows: list[tuple[str, int]], unit: str = "") -> SafeString:
    """The chart, or a sentence saying there is nothing to draw yet (no rows, or all zero):
    an empty drawing would leave a gap that says nothing."""
    if not any(value for _label, value in rows):
        return format_html(
            '<p class="chart-empty">{}</p>', _("Aún no hay datos para esta gráfica.")
        )
    biggest = max(value for _label, value in rows) or 1
    height = TOP + len(rows) * ROW
    description = "; ".join(f"{label}: {value}{unit}" for label, value in rows)
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-stacked" '
            'viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d">'
            '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>',
            WIDTH,
            height,
            key,
            key,
            key,
            title,
            key,
            description,
        )
    ]
    parts.extend(
        _bar(index, label, value, biggest, unit) for index, (label, value) in enumerate(rows)
    )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))


def _bar(index: int, label: str, value: int, biggest: int, unit: str) -> SafeString:
    top = TOP + index * ROW
    bar_top = top + LABEL_LINE
    length = round((WIDTH - VALUE_ROOM) * max(value, 0) / biggest)
    return format_html(
        '<text x="0" y="{}" font-size="{}" fill="{}" class="chart-text">{}</text>'
        '<rect x="0" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}" font-size="{}" fill="{}" class="chart-text">{}{}</text>',
        top + FONT_SIZE,
        FONT_SIZE,
        INK,
        _short(label),
        bar_top,
        length,
        BAR_HEIGHT,
        COLOURS[index % len(COLOURS)],
        length + 6,
        bar_top + BAR_HEIGHT - 3,
        FONT_SIZE,
        INK,
        value,
        unit,
    )


def _short(label: str, limit: int = LABEL_LIMIT) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
