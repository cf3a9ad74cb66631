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
from django.utils.translation import gettext_lazy
from django_ratelimit.decorators import ratelimit

from cocrea.core.editing import edit_view
from cocrea.exercises import selectors as exercise_selectors
from cocrea.exercises.models import Exercise
from cocrea.participation import selectors
from cocrea.participation.dates import moment_label
from cocrea.participation.forms import CommentForm
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


def in_consultation(
    key: str,
    existing: Callable[[Consultation, Any], M],
    new: Callable[[Consultation], M] | None = None,
) -> Callable[..., InConsultation[M]]:
    """A `load` for a page about the record the address names by `key` under its consultation
    (`existing(consultation, key)`), or about `new(consultation)` when it names none."""

    def load(
        request: HttpRequest, exercise_slug: str, consultation_slug: str, **kwargs: Any
    ) -> InConsultation[M]:
        at = consultation_at(request, exercise_slug, consultation_slug)
        wanted = kwargs.get(key)
        record = new(at.consultation) if new and not wanted else existing(at.consultation, wanted)
        return InConsultation(at.exercise, at.consultation, record)

    return load


proposal_at = in_consultation(
    "proposal_id",
    lambda consultation, pk: selectors.proposal_get(consultation=consultation, proposal_id=pk),
)


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


def comments(
    request: HttpRequest, target: Any, *, kind: str, container: object, item: int, url: str
) -> dict[str, Any]:
    """The comments under a proposal or a commitment (`target`), and the address their forms
    post to: `kind`, `container` (consultation or plan) and `item`; `url`, the page's own."""
    page, threads = selectors.comment_threads(request=request, target=target)
    return {
        "comments_page": page,
        "threads": threads,
        "comment_form": CommentForm(),
        "comment_kind": kind,
        "comment_container": container,
        "comment_item": item,
        "comment_url": url,
    }


# The edit pages of an exercise's participation: their permissions are asked on the exercise,
# which heads them.
exercise_page = partial(edit_view, permission_object=exercise_of, exercise=exercise_of)

# The pages that act on a proposal, back to it once saved.
proposal_page = partial(exercise_page, load=proposal_at, success_url=back_to_proposal)

# A moderator's action on a record of the exercise, sent from a button (POST only).
moderation_page = partial(
    exercise_page, permission=MODERATE, title=gettext_lazy("Moderación"), methods=["POST"]
)


def verdict(form: Any) -> dict[str, Any]:
    """What a moderation form decides: to hide the record (or restore it), and the reason."""
    return {"hide": form.data.get("accion") == "ocultar", "reason": form.cleaned_data["reason"]}
