"""Consultation pages: the consultations, their proposals, supports and reasoned answers.

Moderation is in moderation_views.py, comments in comment_views.py, systematization and
problems in systematization_views.py, axes in axis_views.py and working tables in
table_views.py; what they share, in view_common.py."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cocrea.core.actors import acting_user
from cocrea.core.editing import edit_view, existing_or_new, parent, record_instance_in, saves
from cocrea.core.forms import model_fields
from cocrea.core.history import exercise_scope, history_page
from cocrea.core.pagination import paginate
from cocrea.core.params import id_param
from cocrea.exercises import selectors as exercise_selectors
from cocrea.participation import selectors, services
from cocrea.participation.forms import ConsultationForm, ProposalForm, ResponseForm
from cocrea.participation.models import Consultation, Proposal
from cocrea.participation.view_common import (
    MANAGE,
    MODERATE,
    SUPPORT,
    InConsultation,
    at_proposal,
    closed,
    comments,
    consultation_at,
    dates,
    exercise_at,
    exercise_of,
    limited,
    not_done,
    not_too_many,
    proposal_at,
    proposal_page,
    proposal_url,
    too_many,
)


def consultation_list(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    context = {
        "exercise": exercise,
        "page": paginate(request, selectors.consultation_list(exercise=exercise)),
        "can_manage": request.user.has_perm(MANAGE, exercise),
    }
    return render(request, "participation/consultation_list.html", context)


_consultation_to_edit = existing_or_new(
    exercise_at,
    "consultation_slug",
    lambda exercise, slug: selectors.consultation_get(exercise=exercise, slug=slug),
    lambda exercise: Consultation(exercise=exercise),
)


consultation_edit = edit_view(
    load=_consultation_to_edit,
    permission=MANAGE,
    form=ConsultationForm,
    form_kwargs=record_instance_in("exercise"),
    save=saves(services.consultation_save, "consultation"),
    success_url=lambda target, saved: reverse(
        "participation:consultation_detail", args=[target.parent.slug, saved.slug]
    ),
    title=gettext_lazy("Consulta pública"),
    exercise=parent,
)


def consultation_detail(
    request: HttpRequest, exercise_slug: str, consultation_slug: str
) -> HttpResponse:
    exercise, consultation, _none = consultation_at(request, exercise_slug, consultation_slug)
    order = request.GET.get("orden", "apoyos")
    axis = request.GET.get("eje", "")
    q = request.GET.get("q", "")[:200]
    proposals = selectors.proposal_list(
        consultation=consultation, order=order, axis=id_param(axis), q=q
    )
    unfiltered = not q.strip() and not axis
    more = False
    if unfiltered:
        count = selectors.visible_proposal_count(consultation=consultation)
    else:  # a search counts up to a cap: nobody pages past the first thousand matches
        count, more = selectors.capped_count(proposals)
    page = paginate(request, proposals, count=count, deferred=True, exact=not more)
    context = {
        "exercise": exercise,
        "consultation": consultation,
        "page": page,
        "order": order,
        "q": q,
        "axis": axis,
        "axes": selectors.offered_axes(consultation=consultation),
        "more": more,
        "can_manage": request.user.has_perm(MANAGE, exercise),
        "can_moderate": request.user.has_perm(MODERATE, exercise),
        **dates(consultation, exercise),
        "supported": selectors.supported_ids(user=request.user, proposals=list(page.object_list)),
        "can_support": request.user.has_perm(SUPPORT, consultation),
        "here": request.get_full_path(),
    }
    return render(request, "participation/consultation_detail.html", context)


def proposal_detail(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, proposal_id: int
) -> HttpResponse:
    exercise, consultation, proposal = proposal_at(
        request, exercise_slug, consultation_slug, proposal_id=proposal_id
    )
    # Its last ten versions (a proposal changes little); the page's `pagina` pages the comments.
    _page, entries = history_page(
        request,
        Proposal.history.filter(id=proposal.pk),
        scope=exercise_scope(exercise),
        per_page=10,
    )
    context = {
        "exercise": exercise,
        "consultation": consultation,
        "proposal": proposal,
        "commitment": selectors.openable_commitment(
            user=request.user, commitment=proposal.commitment
        ),
        **dates(consultation, exercise),
        "supported": bool(selectors.supported_ids(user=request.user, proposals=[proposal])),
        "can_moderate": request.user.has_perm(MODERATE, exercise),
        "can_respond": request.user.has_perm(MANAGE, exercise),
        "can_edit": selectors.author_may_edit(user=request.user, proposal=proposal),
        "flags": proposal.flags.filter(reviewed_at=None).count()
        if request.user.has_perm(MODERATE, exercise)
        else None,
        "entries": entries,
    }
    context |= comments(
        request,
        proposal,
        kind="propuesta",
        container=consultation_slug,
        item=proposal.pk,
        url=proposal_url(exercise_slug, consultation_slug, proposal.pk),
    )
    return render(request, "participation/proposal_detail.html", context)


def _may_propose(request: HttpRequest, at: InConsultation[None]) -> HttpResponse | None:
    return not_too_many(request, at) or closed(request, at)


proposal_create = limited("user_or_ip", "10/h")(
    limited("ip", "30/h")(
        edit_view(
            load=consultation_at,
            permission=None,
            check=_may_propose,
            form=ProposalForm,
            form_kwargs=lambda request, at: {"consultation": at.consultation},
            save=lambda actor, at, form: services.proposal_submit(
                actor=actor, consultation=at.consultation, **model_fields(form)
            ),
            success_url=at_proposal,
            title=gettext_lazy("Nueva propuesta"),
            exercise=exercise_of,
        )
    )
)


def _next_or(request: HttpRequest, default: str) -> str:
    """Where a form asked to return (`next`: the consultation's page, with its filters, for a
    card's button), if it is an address of this site; the proposal's page otherwise."""
    wanted = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted and safe else default


@limited("user_or_ip", "60/m")
@limited("ip", "300/m")
@require_http_methods(["POST"])
def support(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, proposal_id: int
) -> HttpResponse:
    proposal = selectors.proposal_by_address(
        exercise_slug=exercise_slug, consultation_slug=consultation_slug, proposal_id=proposal_id
    )
    back = _next_or(request, proposal_url(exercise_slug, consultation_slug, proposal.pk))
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    if getattr(request, "limited", False):
        return too_many(request)
    withdraw = request.POST.get("accion") == "retirar"
    try:
        if withdraw:
            services.support_withdraw(actor=acting_user(request), proposal=proposal)
        else:
            services.support_add(actor=acting_user(request), proposal=proposal)
    except ValidationError as error:
        return not_done(request, _("No se registró"), error, back)
    messages.success(request, _("Retiraste tu apoyo.") if withdraw else _("Gracias por tu apoyo."))
    return redirect(back)


respond = proposal_page(
    permission=MANAGE,
    form=ResponseForm,
    form_kwargs=lambda request, at: {
        "consultation": at.consultation,
        "initial": {
            "status": at.record.status,
            "response": at.record.response,
            "problem": at.record.problem_id,
            "commitment": at.record.commitment_id,
            "milestone": at.record.milestone_id,
        },
    },
    save=lambda actor, at, form: services.proposal_respond(
        actor=actor, proposal=at.record, **form.cleaned_data
    ),
    title=gettext_lazy("Respuesta razonada"),
)


def _own_proposal(request: HttpRequest, at: InConsultation[Proposal]) -> HttpResponse | None:
    """The author edits their proposal within the consultation's edit window (and dates)."""
    if at.record.author_id != request.user.pk:
        raise PermissionDenied(_("Solo quien escribió la propuesta la edita."))
    return closed(request, at)


proposal_edit = proposal_page(
    permission=None,
    check=_own_proposal,
    form=ProposalForm,
    form_kwargs=lambda request, at: {"instance": at.record, "consultation": at.consultation},
    save=lambda actor, at, form: services.proposal_edit(
        actor=actor, proposal=at.record, **model_fields(form)
    ),
    title=gettext_lazy("Editar mi propuesta"),
)
