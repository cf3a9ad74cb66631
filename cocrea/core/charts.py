"""Server-rendered SVG bar charts: no JavaScript, a title and description for screen readers,
and always shown beside the table that holds the same numbers."""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH = 22, 8, 230, 320
COLOURS = ("#0b5c4a", "#0a4f8f", "#8a4b00", "#6b2c91", "#a11a1a", "#2e6b1f")


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
    biggest = max((value for _label, value in rows), default=0) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 70
    description = "; ".join(f"{label}: {value}{unit}" for label, value in rows)
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" '
            'role="img" aria-labelledby="{}-t {}-d"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>',
            width,
            height,
            key,
            key,
            key,
            title,
            key,
            description,
        )
    ]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = round(BAR_WIDTH * value / biggest)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}{}</text>',
                LABEL_WIDTH - 8,
                y + 16,
                _short(label),
                LABEL_WIDTH,
                y,
                length,
                BAR_HEIGHT,
                COLOURS[index % len(COLOURS)],
                LABEL_WIDTH + length + 6,
                y + 16,
                value,
                unit,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
