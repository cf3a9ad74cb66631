"""Public pages of exercises and their secretariat, and the editing views.

Views parse and authorize, call one service or selector, and render.
"""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cocrea.core.actors import acting_user
from cocrea.core.editing import authorize, save_form
from cocrea.core.files import file_response
from cocrea.core.history import history_page
from cocrea.core.pagination import paginate
from cocrea.exercises import selectors, services
from cocrea.exercises.forms import (
    AgreementForm,
    ExerciseCreateForm,
    ExerciseForm,
    MemberForm,
    MembershipForm,
    SecretariatForm,
    SessionForm,
    StageForm,
    model_fields,
)
from cocrea.exercises.models import (
    Agreement,
    Exercise,
    ExerciseMembership,
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


def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    context = {
        "exercise": exercise,
        "stages": selectors.exercise_stages(exercise=exercise),
        "secretariats": selectors.secretariat_list(exercise=exercise),
        "sessions": selectors.session_list(exercise=exercise)[:5],
        "can_edit": request.user.has_perm(EDIT, exercise),
        "can_manage_roles": request.user.has_perm("exercises.manage_roles", exercise),
    }
    return render(request, "exercises/exercise_detail.html", context)


@require_http_methods(["GET", "POST"])
def exercise_create(request: HttpRequest) -> HttpResponse:
    if denied := authorize(request, "exercises.create_exercise"):
        return denied
    form = ExerciseCreateForm(request.POST or None)

    def save() -> Exercise:
        fields = model_fields(form)
        territory, name = fields.pop("territory"), fields.pop("name")
        return services.exercise_create(
            actor=acting_user(request),
            territory=territory,
            name=name,
            fields=fields,
        )

    return save_form(
        request,
        form,
        save,
        lambda exercise: reverse("exercise_detail", args=[exercise.slug]),
        "exercises/form.html",
        {"title": _("Nuevo ejercicio")},
    )


@require_http_methods(["GET", "POST"])
def exercise_edit(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    if denied := authorize(request, EDIT, exercise):
        return denied
    form = ExerciseForm(request.POST or None, instance=exercise)
    return save_form(
        request,
        form,
        lambda: services.exercise_update(
            actor=acting_user(request), exercise=exercise, fields=model_fields(form)
        ),
        reverse("exercise_detail", args=[slug]),
        "exercises/form.html",
        {"exercise": exercise, "title": _("Editar ejercicio")},
    )


@require_http_methods(["GET", "POST"])
def exercise_stage(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    if denied := authorize(request, EDIT, exercise):
        return denied
    form = StageForm(request.POST or None, initial={"stage": exercise.stage})
    return save_form(
        request,
        form,
        lambda: services.exercise_reach_stage(
            actor=acting_user(request), exercise=exercise, **form.cleaned_data
        ),
        reverse("exercise_detail", args=[slug]),
        "exercises/form.html",
        {"exercise": exercise, "title": _("Registrar etapa alcanzada")},
    )


def exercise_history(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    page, entries = history_page(request, Exercise.history.filter(id=exercise.pk))
    return _history(request, exercise, exercise, page, entries)


def _history(
    request: HttpRequest, exercise: Exercise, subject: Any, page: Any, entries: Any
) -> HttpResponse:
    context = {"exercise": exercise, "subject": subject, "page": page, "entries": entries}
    return render(request, "exercises/history.html", context)


def secretariat(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    secretariats = list(selectors.secretariat_list(exercise=exercise))
    chosen = _chosen_secretariat(request, secretariats)
    members = paginate(request, selectors.member_list(secretariat=chosen)) if chosen else None
    context = {
        "exercise": exercise,
        "secretariats": secretariats,
        "chosen": chosen,
        "page": members,
        "can_edit": request.user.has_perm(EDIT, exercise),
    }
    return render(request, "exercises/secretariat.html", context)


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


@require_http_methods(["GET", "POST"])
def secretariat_edit(
    request: HttpRequest, slug: str, secretariat_id: int | None = None
) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    item = (
        selectors.secretariat_get(exercise=exercise, secretariat_id=secretariat_id)
        if secretariat_id
        else SecretariatModel(exercise=exercise)
    )
    if denied := authorize(request, EDIT, exercise):
        return denied
    form = SecretariatForm(request.POST or None, instance=item)
    return save_form(
        request,
        form,
        lambda: services.secretariat_save(
            actor=acting_user(request), secretariat=item, fields=model_fields(form)
        ),
        reverse("secretariat", args=[slug]),
        "exercises/form.html",
        {"exercise": exercise, "title": _("Secretariado")},
    )


def secretariat_history(request: HttpRequest, slug: str, secretariat_id: int) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    item = selectors.secretariat_get(exercise=exercise, secretariat_id=secretariat_id)
    records = SecretariatModel.history.filter(id=item.pk)
    if request.GET.get("integrantes"):
        records = SecretariatMember.history.filter(secretariat_id=item.pk)
    page, entries = history_page(request, records)
    return _history(request, exercise, item, page, entries)


@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, slug: str, member_id: int | None = None) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    member = (
        selectors.member_get(exercise=exercise, member_id=member_id)
        if member_id
        else SecretariatMember()
    )
    if denied := authorize(request, EDIT, exercise):
        return denied
    form = MemberForm(request.POST or None, instance=member, exercise=exercise)
    return save_form(
        request,
        form,
        lambda: services.member_save(
            actor=acting_user(request), member=member, fields=model_fields(form)
        ),
        reverse("secretariat", args=[slug]),
        "exercises/form.html",
        {"exercise": exercise, "title": _("Integrante del secretariado")},
    )


def member_history(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    member = selectors.member_get(exercise=exercise, member_id=member_id)
    page, entries = history_page(request, SecretariatMember.history.filter(id=member.pk))
    return _history(request, exercise, member, page, entries)


def session_list(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    page = paginate(request, selectors.session_list(exercise=exercise))
    context = {
        "exercise": exercise,
        "page": page,
        "can_edit": request.user.has_perm(EDIT, exercise),
    }
    return render(request, "exercises/session_list.html", context)


def session_detail(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    session = selectors.session_get(exercise=exercise, session_id=session_id)
    page = paginate(request, selectors.agreement_list(session=session))
    context = {
        "exercise": exercise,
        "session": session,
        "page": page,
        "can_edit": request.user.has_perm(EDIT, exercise),
    }
    return render(request, "exercises/session_detail.html", context)


@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, slug: str, session_id: int | None = None) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    session = (
        selectors.session_get(exercise=exercise, session_id=session_id)
        if session_id
        else SecretariatSession()
    )
    if denied := authorize(request, EDIT, exercise):
        return denied
    form = SessionForm(
        request.POST or None, request.FILES or None, instance=session, exercise=exercise
    )
    return save_form(
        request,
        form,
        lambda: services.session_save(
            actor=acting_user(request),
            session=session,
            fields=model_fields(form),
            attendance=form.attendance(),
        ),
        reverse("session_list", args=[slug]),
        "exercises/form.html",
        {"exercise": exercise, "title": _("Sesión del secretariado"), "multipart": True},
    )


def session_minutes(request: HttpRequest, slug: str, session_id: int) -> FileResponse:
    exercise = selectors.exercise_get(slug=slug)
    session = selectors.session_get(exercise=exercise, session_id=session_id)
    return file_response(
        session.minutes, f"acta-{exercise.slug}-{session.kind}-{session.number}.pdf"
    )


def session_history(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    session = selectors.session_get(exercise=exercise, session_id=session_id)
    records = SecretariatSession.history.filter(id=session.pk)
    if request.GET.get("acuerdos"):
        records = Agreement.history.filter(session_id=session.pk)
    page, entries = history_page(request, records)
    return _history(request, exercise, session, page, entries)


@require_http_methods(["GET", "POST"])
def agreement_edit(
    request: HttpRequest, slug: str, session_id: int, agreement_id: int | None = None
) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    session = selectors.session_get(exercise=exercise, session_id=session_id)
    agreement = (
        selectors.agreement_get(session=session, agreement_id=agreement_id)
        if agreement_id
        else Agreement(session=session)
    )
    if denied := authorize(request, EDIT, exercise):
        return denied
    form = AgreementForm(request.POST or None, instance=agreement)
    return save_form(
        request,
        form,
        lambda: services.agreement_save(
            actor=acting_user(request), agreement=agreement, fields=model_fields(form)
        ),
        reverse("session_detail", args=[slug, session_id]),
        "exercises/form.html",
        {"exercise": exercise, "title": _("Acuerdo de la sesión")},
    )


@require_http_methods(["GET", "POST"])
def exercise_roles(request: HttpRequest, slug: str) -> HttpResponse:
    """Coordinators grant roles in their exercise to existing, verified accounts."""
    exercise = selectors.exercise_get(slug=slug)
    if denied := authorize(request, "exercises.manage_roles", exercise):
        return denied
    form = MembershipForm(request.POST or None)

    def grant() -> ExerciseMembership:
        data = form.cleaned_data
        return services.membership_grant(
            actor=acting_user(request),
            exercise=exercise,
            email=data["email"],
            role=data["role"],
            sector=data["sector"],
        )

    context = {
        "exercise": exercise,
        "page": paginate(request, selectors.membership_list(exercise=exercise)),
        "title": _("Roles en el ejercicio"),
    }
    url = reverse("exercise_roles", args=[slug])
    return save_form(request, form, grant, url, "exercises/roles.html", context)


@require_http_methods(["POST"])
def exercise_role_revoke(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    exercise = selectors.exercise_get(slug=slug)
    if denied := authorize(request, "exercises.manage_roles", exercise):
        return denied
    membership = selectors.membership_get(exercise=exercise, membership_id=membership_id)
    services.membership_revoke(actor=acting_user(request), membership=membership)
    messages.success(request, _("El rol se retiró."))
    return redirect("exercise_roles", slug=slug)
