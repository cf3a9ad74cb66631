"""What the pages capability adds at the top of an exercise's page: its consultation open now
(and what a citizen can do in it) and how its plan is going.

The exercise's page lives in `exercises`, below participation and plans, so it cannot read
them; it asks the capabilities above through the `exercises.exercise_summary` hook, and this
is the receiver `pages/capability.py` declares.
"""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from cocrea.exercises.models import Exercise
from cocrea.pages import selectors
from cocrea.participation.dates import moment_label


def exercise_summary(*, request: HttpRequest, exercise: Exercise) -> SafeString:
    now = timezone.now()
    consultation = selectors.current_consultation(exercise=exercise, now=now)
    context: dict[str, object] = {
        "exercise": exercise,
        "consultation": consultation,
        "is_open": consultation is not None and consultation.opens_at <= now,
        "plan": selectors.current_plan(exercise=exercise),
    }
    if consultation is not None:
        context["opens_label"] = moment_label(consultation.opens_at, exercise)
        context["closes_label"] = moment_label(consultation.closes_at, exercise)
    # A template's own output, escaped as it renders.
    return mark_safe(render_to_string("pages/_exercise_now.html", context, request=request))
