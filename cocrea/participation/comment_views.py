"""Comments on a proposal or a commitment: posting, moderating and reporting them."""

from typing import Any, NamedTuple

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cocrea.core.actors import acting_user
from cocrea.core.params import id_param
from cocrea.exercises import selectors as exercise_selectors
from cocrea.exercises.models import Exercise
from cocrea.participation import selectors, services
from cocrea.participation.forms import CommentForm, ReasonForm
from cocrea.participation.models import Comment
from cocrea.participation.moderation_views import report
from cocrea.participation.view_common import limited, moderation_page, not_done, too_many, verdict
from cocrea.plans import selectors as plan_selectors


def _comment_target(
    request: HttpRequest, kind: str, exercise_slug: str, container: str, item: int
) -> Any:
    """The proposal (`kind` "propuesta") or commitment commented on, visible to this reader."""
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    if kind == "propuesta":
        consultation = selectors.consultation_get(exercise=exercise, slug=container)
        return exercise, selectors.proposal_get(consultation=consultation, proposal_id=item)
    if kind != "compromiso" or (number := id_param(container)) is None:
        raise Http404
    plan = plan_selectors.plan_visible(
        user=request.user, exercise_slug=exercise_slug, number=number
    )
    return exercise, plan_selectors.commitment_visible(user=request.user, plan=plan, number=item)


def _back(request: HttpRequest) -> str:
    """The page the comment form was on; only a page of the site's exercises."""
    back = request.POST.get("volver", "")
    return back if back.startswith("/ejercicios/") else reverse("pages:home")


@limited("user_or_ip", "20/h")
@require_http_methods(["POST"])
def comment_post(
    request: HttpRequest, kind: str, exercise_slug: str, container: str, item: int
) -> HttpResponse:
    _exercise, target = _comment_target(request, kind, exercise_slug, container, item)
    back = _back(request)
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    if getattr(request, "limited", False):
        return too_many(request)
    form = CommentForm(request.POST)
    parent = None
    if (reply_to := id_param(request.POST.get("respuesta_a", ""))) is not None:
        parent = selectors.comment_get(target=target, comment_id=reply_to)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.comment_add(
            actor=acting_user(request), target=target, parent=parent, **form.cleaned_data
        )
    except ValidationError as error:
        return not_done(request, _("No se publicó el comentario"), error, back)
    messages.success(request, _("Tu comentario se publicó."))
    return redirect(back + "#comentarios")


class _CommentAt(NamedTuple):
    exercise: Exercise
    comment: Comment
    back: str


def _comment(
    request: HttpRequest, kind: str, exercise_slug: str, container: str, item: int, comment_id: int
) -> _CommentAt:
    exercise, target = _comment_target(request, kind, exercise_slug, container, item)
    comment = selectors.comment_get(target=target, comment_id=comment_id)
    return _CommentAt(exercise, comment, _back(request))


comment_moderate = moderation_page(
    load=_comment,
    denied=gettext_lazy("Solo la moderación del ejercicio oculta o restaura comentarios."),
    form=ReasonForm,
    save=lambda actor, at, form: services.comment_moderate(
        actor=actor, comment=at.comment, **verdict(form)
    ),
    success_url=lambda at, saved: at.back + "#comentarios",
)


@limited("user_or_ip", "20/h")
@require_http_methods(["POST"])
def comment_flag(
    request: HttpRequest, kind: str, exercise_slug: str, container: str, item: int, comment_id: int
) -> HttpResponse:
    """A participant reports an abusive comment to the moderators, from the comment itself."""
    at = _comment(request, kind, exercise_slug, container, item, comment_id)
    return report(
        request,
        at.back + "#comentarios",
        lambda actor, reason: services.comment_flag(actor=actor, comment=at.comment, reason=reason),
        _("Gracias: la moderación revisará el comentario."),
    )
