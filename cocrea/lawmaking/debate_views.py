"""The debate of a legislative process: its questions, answering them, their results and the
moderation of open answers."""

from typing import Any

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
from cocrea.core.charts import bar_chart
from cocrea.core.editing import Target, attach_errors, authorize, edit_view, record_under
from cocrea.core.headings import FormTitle
from cocrea.core.history import actor_label
from cocrea.core.pagination import paginate
from cocrea.core.params import id_param
from cocrea.lawmaking import debate_selectors, debate_services
from cocrea.lawmaking.debate_forms import AnswerForm, ModerateAnswerForm, QuestionForm
from cocrea.lawmaking.models import DebateQuestion, LegislativeProcess, QuestionKind
from cocrea.lawmaking.views import process_or_404
from cocrea.participation.dates import moment_label
from cocrea.participation.view_common import limited, not_done, too_many

MANAGE, MODERATE, ANSWER = (
    "lawmaking.manage_process",
    "lawmaking.moderate",
    "lawmaking.answer_debate",
)
ANSWERS_PER_PAGE = 20


def _question_url(question: DebateQuestion) -> str:
    return reverse("lawmaking:question_detail", args=[question.process.slug, question.pk])


def debate_dates(process: LegislativeProcess) -> dict[str, Any]:
    """The debate phase's dates in the exercise's time, and whether it is open now."""
    phase = debate_selectors.debate_phase(process=process)
    if phase is None:
        return {"phase": None, "is_open": False}
    return {
        "phase": phase,
        "is_open": phase.is_open(),
        "opens_label": moment_label(phase.opens_at, process.exercise),
        "closes_label": moment_label(phase.closes_at, process.exercise),
    }


def question_list(request: HttpRequest, process_slug: str) -> HttpResponse:
    process = process_or_404(process_slug)
    context = {
        "process": process,
        "exercise": process.exercise,
        "questions": debate_selectors.questions_of(process=process),
        "debate": debate_dates(process),
        "can_manage": request.user.has_perm(MANAGE, process),
    }
    return render(request, "lawmaking/question_list.html", context)


def _question_target(
    request: HttpRequest, process_slug: str
) -> LegislativeProcess:  # the edit page's parent
    return process_or_404(process_slug)


def _question_or_new(process: LegislativeProcess, question_id: int | None) -> DebateQuestion:
    if question_id is None:
        return DebateQuestion(process=process)
    return debate_selectors.question_get(process=process, question_id=question_id)


def _form_title(target: Target[LegislativeProcess, DebateQuestion]) -> FormTitle:
    process, question = target
    back = (
        _question_url(question)
        if question.pk
        else reverse("lawmaking:question_list", args=[process.slug])
    )
    trail = (
        (process.get_absolute_url(), process.title),
        (reverse("lawmaking:question_list", args=[process.slug]), _("Preguntas de debate")),
    )
    title = _("Editar la pregunta") if question.pk else _("Nueva pregunta de debate")
    return FormTitle(title, subject=question.text, breadcrumbs=trail, cancel_url=back)


question_edit = edit_view(
    load=record_under(_question_target, "question_id", _question_or_new),
    permission=MANAGE,
    denied=gettext_lazy("Solo la comisión del proceso escribe sus preguntas de debate."),
    form=QuestionForm,
    form_kwargs=lambda request, target: {"question": target.record},
    save=lambda actor, target, form: debate_services.question_save(
        actor=actor, process=target.parent, question=target.record, **form.cleaned_data
    ),
    success_url=lambda target, saved: _question_url(saved),
    title=_form_title,
    exercise=lambda target: target.parent.exercise,
    template="lawmaking/question_form.html",
)


def _results(request: HttpRequest, question: DebateQuestion, moderator: bool) -> dict[str, Any]:
    """A closed question's counts as a chart and a table; an open one's answers, by pages."""
    if question.kind == QuestionKind.CLOSED:
        rows = debate_selectors.option_results(question=question)
        chart = bar_chart(
            f"pregunta-{question.pk}",
            question.text,
            [(row.text, round(row.percent)) for row in rows],
            " %",
        )
        return {"results": rows, "chart": chart}
    answers = debate_selectors.open_answers(question=question, hidden_too=moderator)
    page = paginate(request, answers, per_page=ANSWERS_PER_PAGE)
    scope = f"lawmaking:{question.process.pk}"
    shown = [(answer, actor_label(answer.user, scope=scope)) for answer in page]
    return {"page": page, "answers": shown}


def _answer_box(
    request: HttpRequest, question: DebateQuestion, form: AnswerForm | None
) -> dict[str, Any]:
    """What the page offers this reader to answer: the form, or why not."""
    process = question.process
    mine = debate_selectors.answer_of(user=request.user, question=question)
    refusal = debate_selectors.closed_message(process=process)
    may_answer = not refusal and request.user.has_perm(ANSWER, process)
    if may_answer and form is None:
        initial = {"option": str(mine.option_id), "text": mine.text} if mine else None
        form = AnswerForm(initial=initial, question=question)
    return {"mine": mine, "refusal": refusal, "may_answer": may_answer, "form": form}


def _detail(
    request: HttpRequest,
    question: DebateQuestion,
    form: AnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    process = question.process
    moderator = request.user.has_perm(MODERATE, process)
    context = {
        "process": process,
        "exercise": process.exercise,
        "question": question,
        "debate": debate_dates(process),
        "can_manage": request.user.has_perm(MANAGE, process),
        "can_moderate": moderator,
        **_results(request, question, moderator),
        **_answer_box(request, question, form),
    }
    return render(request, "lawmaking/question_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def question_detail(request: HttpRequest, process_slug: str, question_id: int) -> HttpResponse:
    """The question and its results; a POST is a moderator hiding or showing an open answer."""
    process = process_or_404(process_slug)
    question = debate_selectors.question_get(process=process, question_id=question_id)
    if request.method == "POST":
        return _moderate(request, question)
    return _detail(request, question)


def _moderate(request: HttpRequest, question: DebateQuestion) -> HttpResponse:
    back = _question_url(question)
    denied = _("Solo la moderación del proceso oculta o muestra respuestas.")
    if refused := authorize(request, MODERATE, question.process, denied):
        return refused
    title = _("No se moderó la respuesta")
    answer_id = id_param(request.POST.get("respuesta", ""))
    if answer_id is None:
        return not_done(request, title, ValidationError(_("Falta la respuesta que moderar.")), back)
    answer = debate_selectors.answer_get(question=question, answer_id=answer_id)
    form = ModerateAnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        debate_services.answer_moderate(
            actor=acting_user(request),
            answer=answer,
            hide=request.POST.get("accion") == "ocultar",
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        return not_done(request, title, error, back)
    messages.success(request, _("La moderación de la respuesta se guardó."))
    return redirect(back + "#respuestas")


@limited("user_or_ip", "30/h")
@limited("ip", "300/h")
@require_http_methods(["POST"])
def question_answer(request: HttpRequest, process_slug: str, question_id: int) -> HttpResponse:
    """A citizen answers (or changes the answer) while the debate is open."""
    process = process_or_404(process_slug)
    question = debate_selectors.question_get(process=process, question_id=question_id)
    back = _question_url(question)
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    if getattr(request, "limited", False):
        return too_many(request)
    if refusal := debate_selectors.closed_message(process=process):
        return not_done(request, _("El debate no está abierto"), ValidationError(refusal), back)
    denied = _("Para responder hace falta una cuenta con el correo verificado.")
    if refused := authorize(request, ANSWER, process, denied):
        return refused
    form = AnswerForm(request.POST, question=question)
    if form.is_valid():
        try:
            debate_services.answer_save(
                actor=acting_user(request), question=question, **form.answer()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Tu respuesta se guardó."))
            return redirect(back + "#tu-respuesta")
    return _detail(request, question, form, status=400)
