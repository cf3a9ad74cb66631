"""Moderation pages: hiding a proposal with a public reason, participants' reports, and the
exercise's queue of what they reported, handled in place."""

from collections.abc import Callable
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cocrea.core.actors import acting_user
from cocrea.core.editing import authorize
from cocrea.core.models import User
from cocrea.exercises import selectors as exercise_selectors
from cocrea.exercises.models import Exercise
from cocrea.participation import selectors, services
from cocrea.participation.forms import QueueActionForm, ReasonForm
from cocrea.participation.models import Comment, Proposal
from cocrea.participation.view_common import (
    MODERATE,
    back_to_proposal,
    limited,
    moderation_page,
    not_done,
    proposal_at,
    proposal_url,
    too_many,
    verdict,
)

moderate = moderation_page(
    load=proposal_at,
    denied=gettext_lazy("Solo la moderación del ejercicio oculta o restaura propuestas."),
    form=ReasonForm,
    save=lambda actor, at, form: services.proposal_moderate(
        actor=actor, proposal=at.record, **verdict(form)
    ),
    success_url=back_to_proposal,
)


def report(
    request: HttpRequest, back: str, send: Callable[[User, str], object], thanks: str
) -> HttpResponse:
    """A participant's report to the moderators; a second one by the same person says so."""
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    if getattr(request, "limited", False):
        return too_many(request)
    try:
        send(acting_user(request), request.POST.get("reason", "")[:300])
    except ValidationError as error:
        if getattr(error, "code", None) == "repeat":
            messages.info(request, " ".join(error.messages))
            return redirect(back)
        return not_done(request, _("No se envió el reporte"), error, back)
    messages.success(request, thanks)
    return redirect(back)


@limited("user_or_ip", "20/h")
@require_http_methods(["POST"])
def flag(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, proposal_id: int
) -> HttpResponse:
    """A participant reports an abusive proposal to the moderators."""
    proposal = proposal_at(
        request, exercise_slug, consultation_slug, proposal_id=proposal_id
    ).record
    return report(
        request,
        proposal_url(exercise_slug, consultation_slug, proposal.pk),
        lambda actor, reason: services.proposal_flag(actor=actor, proposal=proposal, reason=reason),
        _("Gracias: la moderación revisará la propuesta."),
    )


# The exercise's moderation queue: what participants reported, handled in place.


def _queue_url(exercise: Exercise) -> str:
    return reverse("participation:moderation_queue", args=[exercise.slug])


@require_http_methods(["GET"])
def moderation_queue(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    denied = _("Solo la moderación del ejercicio revisa los reportes.")
    if refused := authorize(request, MODERATE, exercise, denied):
        return refused
    context = {
        "exercise": exercise,
        "page": selectors.moderation_queue(request=request, exercise=exercise),
    }
    return render(request, "participation/moderation_queue.html", context)


class _QueueAt(NamedTuple):
    exercise: Exercise
    record: Proposal | Comment


def _queued(request: HttpRequest, exercise_slug: str, kind: str, item_id: int) -> _QueueAt:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    return _QueueAt(exercise, selectors.flagged_get(exercise=exercise, kind=kind, pk=item_id))


def _handle(actor: User, at: _QueueAt, form: QueueActionForm) -> object:
    """Hides the record with its public reason (its reports become reviewed), or dismisses them."""
    if form.cleaned_data["action"] != "ocultar":
        return services.flags_dismiss(actor=actor, record=at.record)
    reason = form.cleaned_data["reason"]
    if isinstance(at.record, Proposal):
        return services.proposal_moderate(actor=actor, proposal=at.record, hide=True, reason=reason)
    return services.comment_moderate(actor=actor, comment=at.record, hide=True, reason=reason)


moderation_handle = moderation_page(
    load=_queued,
    denied=gettext_lazy("Solo la moderación del ejercicio revisa los reportes."),
    form=QueueActionForm,
    save=_handle,
    success_url=lambda at, saved: _queue_url(at.exercise),
)
