"""Public pages of exercises and their secretariat, and the editing views.

Views parse and authorize, call one service or selector, and render.
"""

from functools import partial
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cocrea.core import services as core_services
from cocrea.core.actors import acting_user
from cocrea.core.editing import (
    Target,
    authorize,
    edit_view,
    existing_or_new,
    parent,
    record_instance,
    record_instance_in,
    save_form,
    saves,
)
from cocrea.core.files import file_response
from cocrea.core.forms import model_fields
from cocrea.core.history import exercise_scope, history_page
from cocrea.core.hooks import Hook
from cocrea.core.invitations import named_or_invited
from cocrea.core.pagination import paginate
from cocrea.exercises import selectors, services
from cocrea.exercises.forms import (
    AgreementForm,
    ExerciseCreateForm,
    ExerciseForm,
    InstitutionForm,
    MemberForm,
    MembershipForm,
    SecretariatForm,
    SessionForm,
    StageForm,
)
from cocrea.exercises.models import (
    Agreement,
    Exercise,
    ExerciseMembership,
    ExerciseRole,
    SecretariatMember,
    SecretariatSession,
    Stage,
)
from cocrea.exercises.models import Secretariat as SecretariatModel

EDIT = "exercises.edit_exercise"


def exercise_list(request: HttpRequest) -> HttpResponse:
    stage = request.GET.get("etapa", "")
    stage = stage if stage in Stage.values else ""
    page = paginate(request, selectors.exercise_list(stage=stage))
    context = {"page": page, "stages": Stage.choices, "stage": stage}
    return render(request, "exercises/exercise_list.html", context)


# What the capabilities above add to the top of an exercise's page (its open consultation, its
# plan's status): this app cannot import them, so it asks, and each receiver answers with the
# HTML of its part (`Capability.listens`; the pages capability answers today).
exercise_summary = Hook("exercises.exercise_summary")


def _summaries(request: HttpRequest, exercise: Exercise) -> list[SafeString]:
    return [
        receiver(request=request, exercise=exercise) for receiver in exercise_summary.receivers()
    ]


def exercise_detail(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = selectors.exercise_get(slug=exercise_slug)
    context = {
        "exercise": exercise,
        "summaries": _summaries(request, exercise),
        "stages": selectors.exercise_stages(exercise=exercise),
        "secretariats": selectors.secretariat_list(exercise=exercise),
        "sessions": selectors.session_list(exercise=exercise)[:5],
        "can_edit": request.user.has_perm(EDIT, exercise),
        "can_manage_roles": request.user.has_perm("exercises.manage_roles", exercise),
    }
    return render(request, "exercises/exercise_detail.html", context)


exercise_create = edit_view(
    load=lambda request: None,
    permission="exercises.create_exercise",
    permission_object=lambda nothing: None,
    form=ExerciseCreateForm,
    save=lambda actor, nothing, form: services.exercise_create(actor=actor, **model_fields(form)),
    success_url=lambda nothing, saved: reverse("exercises:exercise_detail", args=[saved.slug]),
    title=gettext_lazy("Nuevo ejercicio"),
)


def _exercise(request: HttpRequest, exercise_slug: str) -> Exercise:
    return selectors.exercise_get(slug=exercise_slug)


# The coordination registers the institutions its commitments need; editing an existing
# organization of the national catalogue stays with the platform's administration.
institution_create = edit_view(
    load=_exercise,
    permission="exercises.manage_roles",
    denied=gettext_lazy("Solo la coordinación del ejercicio registra instituciones."),
    form=InstitutionForm,
    form_kwargs=lambda request, exercise: {"exercise": exercise},
    save=lambda actor, exercise, form: core_services.organization_create(
        actor=actor, **model_fields(form)
    ),
    success_url=lambda exercise, saved: reverse(
        "pages:organization_detail", kwargs={"organization_slug": saved.slug}
    ),
    title=gettext_lazy("Registrar una institución"),
    exercise=lambda exercise: exercise,
)


# The pages that edit the exercise itself, back to its page once saved.
_exercise_edit_page = partial(
    edit_view,
    load=_exercise,
    permission=EDIT,
    success_url=lambda exercise, saved: reverse("exercises:exercise_detail", args=[exercise.slug]),
    exercise=lambda exercise: exercise,
)


exercise_edit = _exercise_edit_page(
    form=ExerciseForm,
    form_kwargs=lambda request, exercise: {"instance": exercise},
    save=lambda actor, exercise, form: services.exercise_update(
        actor=actor, exercise=exercise, **model_fields(form)
    ),
    title=gettext_lazy("Editar ejercicio"),
)


exercise_stage = _exercise_edit_page(
    form=StageForm,
    form_kwargs=lambda request, exercise: {"initial": {"stage": exercise.stage}},
    save=lambda actor, exercise, form: services.exercise_reach_stage(
        actor=actor, exercise=exercise, **form.cleaned_data
    ),
    title=gettext_lazy("Registrar etapa alcanzada"),
)


def exercise_history(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = selectors.exercise_get(slug=exercise_slug)
    page, entries = history_page(
        request, Exercise.history.filter(id=exercise.pk), scope=exercise_scope(exercise)
    )
    return _history(request, exercise, exercise, page, entries)


def _history(
    request: HttpRequest, exercise: Exercise, subject: Any, page: Any, entries: Any
) -> HttpResponse:
    context = {"exercise": exercise, "subject": subject, "page": page, "entries": entries}
    return render(request, "core/history.html", context)


def secretariat(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = selectors.exercise_get(slug=exercise_slug)
    secretariats = list(selectors.secretariat_list(exercise=exercise))
    chosen = _chosen_secretariat(request, secretariats)
    members = selectors.member_list(secretariat=chosen) if chosen else None
    return _exercise_page(
        request,
        "exercises/secretariat.html",
        exercise,
        members,
        secretariats=secretariats,
        chosen=chosen,
    )


def _exercise_page(
    request: HttpRequest,
    template: str,
    exercise: Exercise,
    rows: QuerySet[Any] | None,
    **context: Any,
) -> HttpResponse:
    """A page of the exercise listing `rows` (none: no page), and whether its editors see it."""
    context |= {
        "exercise": exercise,
        "page": paginate(request, rows) if rows is not None else None,
        "can_edit": request.user.has_perm(EDIT, exercise),
    }
    return render(request, template, context)


def _chosen_secretariat(
    request: HttpRequest, secretariats: list[SecretariatModel]
) -> SecretariatModel | None:
    wanted = request.GET.get("secretariado", "")
    for item in secretariats:
        if str(item.pk) == wanted:
            return item
    if wanted:
        raise Http404(_("Ese secretariado no pertenece a este ejercicio."))
    return secretariats[0] if secretariats else None


_secretariat = existing_or_new(
    _exercise,
    "secretariat_id",
    lambda exercise, pk: selectors.secretariat_get(exercise=exercise, secretariat_id=pk),
    lambda exercise: SecretariatModel(exercise=exercise),
)


secretariat_edit = edit_view(
    load=_secretariat,
    permission=EDIT,
    form=SecretariatForm,
    form_kwargs=record_instance,
    save=saves(services.secretariat_save, "secretariat"),
    success_url=lambda target, saved: reverse("exercises:secretariat", args=[target.parent.slug]),
    title=gettext_lazy("Secretariado"),
    exercise=parent,
)


def secretariat_history(
    request: HttpRequest, exercise_slug: str, secretariat_id: int
) -> HttpResponse:
    exercise = selectors.exercise_get(slug=exercise_slug)
    item = selectors.secretariat_get(exercise=exercise, secretariat_id=secretariat_id)
    records = SecretariatModel.history.filter(id=item.pk)
    if request.GET.get("integrantes"):
        records = SecretariatMember.history.filter(secretariat_id=item.pk)
    page, entries = history_page(request, records, scope=exercise_scope(exercise))
    return _history(request, exercise, item, page, entries)


_member = existing_or_new(
    _exercise,
    "member_id",
    lambda exercise, pk: selectors.member_get(exercise=exercise, member_id=pk),
    lambda exercise: SecretariatMember(),
)


member_edit = edit_view(
    load=_member,
    permission=EDIT,
    form=MemberForm,
    form_kwargs=record_instance_in("exercise"),
    save=lambda actor, target, form: services.member_save(
        actor=actor,
        member=target.record,
        account_email=form.cleaned_data["account_email"],
        **model_fields(form),
    ),
    success_url=lambda target, saved: reverse("exercises:secretariat", args=[target.parent.slug]),
    title=gettext_lazy("Integrante del secretariado"),
    exercise=parent,
)


def member_history(request: HttpRequest, exercise_slug: str, member_id: int) -> HttpResponse:
    exercise = selectors.exercise_get(slug=exercise_slug)
    member = selectors.member_get(exercise=exercise, member_id=member_id)
    page, entries = history_page(
        request,
        SecretariatMember.history.filter(id=member.pk),
        scope=exercise_scope(exercise),
    )
    return _history(request, exercise, member, page, entries)


def session_list(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = selectors.exercise_get(slug=exercise_slug)
    rows = selectors.session_list(exercise=exercise)
    return _exercise_page(request, "exercises/session_list.html", exercise, rows)


def session_detail(request: HttpRequest, exercise_slug: str, session_id: int) -> HttpResponse:
    exercise = selectors.exercise_get(slug=exercise_slug)
    session = selectors.session_get(exercise=exercise, session_id=session_id)
    rows = selectors.agreement_list(session=session)
    return _exercise_page(request, "exercises/session_detail.html", exercise, rows, session=session)


_session = existing_or_new(
    _exercise,
    "session_id",
    lambda exercise, pk: selectors.session_get(exercise=exercise, session_id=pk),
    lambda exercise: SecretariatSession(),
)


session_edit = edit_view(
    load=_session,
    permission=EDIT,
    form=SessionForm,
    form_kwargs=record_instance_in("exercise"),
    multipart=True,
    save=lambda actor, target, form: services.session_save(
        actor=actor, session=target.record, attendance=form.attendance(), **model_fields(form)
    ),
    success_url=lambda target, saved: reverse("exercises:session_list", args=[target.parent.slug]),
    title=gettext_lazy("Sesión del secretariado"),
    exercise=parent,
)


def session_minutes(request: HttpRequest, exercise_slug: str, session_id: int) -> FileResponse:
    exercise = selectors.exercise_get(slug=exercise_slug)
    session = selectors.session_get(exercise=exercise, session_id=session_id)
    return file_response(
        session.minutes, f"acta-{exercise.slug}-{session.kind}-{session.number}.pdf"
    )


def session_history(request: HttpRequest, exercise_slug: str, session_id: int) -> HttpResponse:
    exercise = selectors.exercise_get(slug=exercise_slug)
    session = selectors.session_get(exercise=exercise, session_id=session_id)
    records = SecretariatSession.history.filter(id=session.pk)
    if request.GET.get("acuerdos"):
        records = Agreement.history.filter(session_id=session.pk)
    page, entries = history_page(request, records, scope=exercise_scope(exercise))
    return _history(request, exercise, session, page, entries)


def _agreement(
    request: HttpRequest, exercise_slug: str, session_id: int, agreement_id: int | None = None
) -> Target[Exercise, Agreement]:
    exercise = selectors.exercise_get(slug=exercise_slug)
    session = selectors.session_get(exercise=exercise, session_id=session_id)
    if agreement_id:
        return Target(exercise, selectors.agreement_get(session=session, agreement_id=agreement_id))
    return Target(exercise, Agreement(session=session))


agreement_edit = edit_view(
    load=_agreement,
    permission=EDIT,
    form=AgreementForm,
    form_kwargs=record_instance,
    save=saves(services.agreement_save, "agreement"),
    success_url=lambda target, saved: reverse(
        "exercises:session_detail", args=[target.parent.slug, target.record.session_id]
    ),
    title=gettext_lazy("Acuerdo de la sesión"),
    exercise=parent,
)


@require_http_methods(["GET", "POST"])
def exercise_roles(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    """Coordinators grant roles in their exercise to existing, verified accounts."""
    exercise = selectors.exercise_get(slug=exercise_slug)
    if denied := authorize(request, "exercises.manage_roles", exercise):
        return denied
    form = MembershipForm(request.POST or None)

    def grant() -> ExerciseMembership:
        data = form.cleaned_data
        actor = acting_user(request)
        return named_or_invited(
            actor=actor,
            email=data["email"],
            purpose=_("%(role)s en %(exercise)s")
            % {"role": ExerciseRole(data["role"]).label, "exercise": exercise.name},
            name=lambda: services.membership_grant(
                actor=actor,
                exercise=exercise,
                email=data["email"],
                role=data["role"],
                sector=data["sector"],
            ),
        )

    context = {
        "exercise": exercise,
        "page": paginate(request, selectors.membership_list(exercise=exercise)),
        "title": _("Roles en el ejercicio"),
    }
    url = reverse("exercises:exercise_roles", args=[exercise_slug])
    return save_form(request, form, grant, url, "exercises/roles.html", context)


@require_http_methods(["POST"])
def exercise_role_revoke(
    request: HttpRequest, exercise_slug: str, membership_id: int
) -> HttpResponse:
    exercise = selectors.exercise_get(slug=exercise_slug)
    if denied := authorize(request, "exercises.manage_roles", exercise):
        return denied
    membership = selectors.membership_get(exercise=exercise, membership_id=membership_id)
    services.membership_revoke(actor=acting_user(request), membership=membership)
    messages.success(request, _("El rol se retiró."))
    return redirect("exercises:exercise_roles", exercise_slug=exercise_slug)
