"""What the consultation pages share: the records an address names, the permissions they ask
for, rate limits and the refusals they answer with."""

from collections.abc import Callable
from functools import partial
from typing import Any, Generic, NamedTuple, Protocol, TypeVar, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from cocrea.core.editing import edit_view
from cocrea.exercises import selectors as exercise_selectors
from cocrea.exercises.models import Exercise
from cocrea.participation import selectors
from cocrea.participation.dates import moment_label
from cocrea.participation.models import Consultation, Proposal

MANAGE = "participation.manage_consultation"
MODERATE = "participation.moderate"
SUPPORT = "participation.support"
M = TypeVar("M")
View = TypeVar("View", bound=Callable[..., HttpResponse])


def limited(key: str, rate: str) -> Callable[[View], View]:
    """django-ratelimit's decorator (it ships no annotations), typed: it counts POSTs and only
    marks the request (`request.limited`), so that each view answers with its own page."""
    return cast("Callable[[View], View]", ratelimit(key=key, rate=rate, method="POST", block=False))


def too_many(request: HttpRequest) -> HttpResponse:
    context = {
        "title": _("Demasiadas solicitudes"),
        "message": _("Espera unos minutos y vuelve a intentarlo."),
        "status": 429,
    }
    return render(request, "error.html", context, status=429)


def not_too_many(request: HttpRequest, at: object) -> HttpResponse | None:
    return too_many(request) if getattr(request, "limited", False) else None


def not_done(request: HttpRequest, title: str, error: ValidationError, back: str) -> HttpResponse:
    """A write the service refused: its reasons, and the way back (400)."""
    context = {"title": title, "message": " ".join(error.messages), "status": 400, "back": back}
    return render(request, "error.html", context, status=400)


def proposal_url(exercise_slug: str, consultation_slug: str, proposal_id: int) -> str:
    return reverse(
        "participation:proposal_detail", args=[exercise_slug, consultation_slug, proposal_id]
    )


def dates(consultation: Consultation, exercise: Exercise) -> dict[str, Any]:
    """Whether the consultation takes part now and, if not, whether it closed or is yet to open,
    with its dates in the exercise's time."""
    now = timezone.now()
    return {
        "is_open": consultation.is_open(now),
        "is_closed": now >= consultation.closes_at,
        "opens_label": moment_label(consultation.opens_at, exercise),
        "closes_label": moment_label(consultation.closes_at, exercise),
    }


class InConsultation(NamedTuple, Generic[M]):
    """What an address under a consultation names: its exercise, itself, and the record edited."""

    exercise: Exercise
    consultation: Consultation
    record: M


class InExercise(Protocol):
    """Any page's target that belongs to an exercise (a consultation's, a comment's, a report)."""

    @property
    def exercise(self) -> Exercise: ...


def exercise_of(at: InExercise) -> Exercise:
    """The exercise a page under a consultation (or a comment) belongs to: its permissions."""
    return at.exercise


def exercise_at(request: HttpRequest, exercise_slug: str) -> Exercise:
    return exercise_selectors.exercise_get(slug=exercise_slug)


def consultation_at(
    request: HttpRequest, exercise_slug: str, consultation_slug: str
) -> InConsultation[None]:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    consultation = selectors.consultation_get(exercise=exercise, slug=consultation_slug)
    return InConsultation(exercise, consultation, None)


def proposal_at(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, proposal_id: int
) -> InConsultation[Proposal]:
    at = consultation_at(request, exercise_slug, consultation_slug)
    proposal = selectors.proposal_get(consultation=at.consultation, proposal_id=proposal_id)
    return InConsultation(at.exercise, at.consultation, proposal)


def at_proposal(at: InConsultation[Any], proposal: Proposal) -> str:
    return proposal_url(at.exercise.slug, at.consultation.slug, proposal.pk)


def back_to_proposal(at: InConsultation[Proposal], saved: object) -> str:
    return at_proposal(at, at.record)


def closed(request: HttpRequest, at: InConsultation[Any]) -> HttpResponse | None:
    """Outside its dates a consultation shows no form: only that it closed (or opens) and when,
    in the exercise's time."""
    consultation = at.consultation
    if consultation.is_open():
        return None
    when = moment_label(consultation.closes_at, at.exercise)
    if timezone.now() < consultation.opens_at:
        title = _("La consulta aún no abre")
        message = _("La consulta abre el %s.") % moment_label(consultation.opens_at, at.exercise)
    else:
        title, message = _("La consulta cerró"), _("La consulta cerró el %s.") % when
    context = {
        "title": title,
        "message": message,
        "status": 400,
        "back": consultation.get_absolute_url(),
        "exercise": at.exercise,
    }
    return render(request, "error.html", context, status=400 if request.method == "POST" else 200)


# The pages that act on a proposal, back to it once saved.
proposal_page = partial(
    edit_view,
    load=proposal_at,
    success_url=back_to_proposal,
    exercise=exercise_of,
)
