"""Dates and times as a person reads them: in the exercise's time zone, never in UTC."""

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format


def moment_label(moment: dt.datetime, exercise: Any = None) -> str:
    """`moment` in the exercise's time zone (the active one when the exercise has none), as the
    active language writes a date and time: «15 de enero de 2026 a las 18:00»."""
    zone = getattr(exercise, "zone", None)
    return str(date_format(timezone.localtime(moment, zone), "DATETIME_FORMAT"))
