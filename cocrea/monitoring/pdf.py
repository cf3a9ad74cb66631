"""The shadow report as a PDF (reportlab): the three figures and the drill-down table.

Used for a plan or an exercise (at most a few thousand rows); the national PDF carries the
figures per exercise instead of every commitment, so no PDF grows with the whole country.
"""

import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from cocrea.monitoring.selectors import ShadowFigures

GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
    ]
)


def shadow_pdf(
    title: str, figures: ShadowFigures, rows: Iterable[list[str]], header: list[str]
) -> bytes:
    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    cell.fontSize = 8
    cell.leading = 10
    story = [
        Paragraph(title, styles["Title"]),
        Paragraph(
            _("Generado el %s") % timezone.localtime().strftime("%Y-%m-%d %H:%M"), styles["Normal"]
        ),
        Spacer(1, 0.4 * cm),
        Table(
            [
                [_("Cifra"), _("Compromisos"), _("Porcentaje de los vigentes")],
                [_("Vigentes"), str(figures.current), "100 %"],
                [
                    _("Con información actualizada"),
                    str(figures.up_to_date),
                    f"{figures.up_to_date_share} %",
                ],
                [
                    _("Con inconsistencias"),
                    str(figures.inconsistent),
                    f"{figures.inconsistent_share} %",
                ],
            ],
            style=GRID,
        ),
        Spacer(1, 0.6 * cm),
    ]
    body = [[Paragraph(h, cell) for h in header]]
    body += [[Paragraph(value, cell) for value in row] for row in rows]
    story.append(Table(body, style=GRID, repeatRows=1))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4), title=title).build(story)
    return buffer.getvalue()
