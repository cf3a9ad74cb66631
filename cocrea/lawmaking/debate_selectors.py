"""Reads of a process's debate: its questions, the answers to them and their results."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.queries import related_count
from cocrea.lawmaking import selectors
from cocrea.lawmaking.models import (
    DebateAnswer,
    DebateQuestion,
    LegislativeProcess,
    Phase,
    PhaseKind,
    QuestionKind,
    QuestionOption,
)
from cocrea.participation.dates import moment_label


def _visible_answers() -> Coalesce:
    """How many answers a question has that the public sees (hidden open answers do not count)."""
    return related_count(DebateAnswer, "question", is_hidden=False)


def _options() -> "Prefetch[Any, Any, Any]":
    return Prefetch("options", queryset=QuestionOption.objects.order_by("position", "id"))


def questions_of(*, process: LegislativeProcess) -> list[DebateQuestion]:
    """The process's questions in order, each with its options and `answer_total` (two queries)."""
    rows = (
        DebateQuestion.objects.filter(process=process)
        .annotate(answer_total=_visible_answers())
        .prefetch_related(_options())
        .order_by("position", "id")
    )
    questions: list[DebateQuestion] = list(rows)
    for question in questions:
        question.process = process  # already read, with its exercise: no query per question
    return questions


def question_get(*, process: LegislativeProcess, question_id: int) -> DebateQuestion:
    """A question of this process (404 for one of another), with its options and total."""
    rows = (
        DebateQuestion.objects.filter(process=process)
        .annotate(answer_total=_visible_answers())
        .prefetch_related(_options())
    )
    question = get_object_or_404(rows, pk=question_id)
    question.process = process
    return question


def debate_phase(*, process: LegislativeProcess) -> Phase | None:
    return selectors.phase_of(process=process, kind=PhaseKind.DEBATE)


def debate_is_open(*, process: LegislativeProcess, now: Any = None) -> bool:
    return selectors.phase_is_open(process=process, kind=PhaseKind.DEBATE, now=now)


def closed_message(*, process: LegislativeProcess, now: Any = None) -> str:
    """Why nobody may answer now (empty while the debate is open), with the debate's dates in
    the time of the process's exercise (the site's when it has none)."""
    phase = debate_phase(process=process)
    moment = now or timezone.now()
    if phase is None:
        return _("Este proceso no tiene fase de debate.")
    if phase.is_open(moment):
        return ""
    if moment < phase.opens_at:
        message = _("El debate abre el %(opens)s y cierra el %(closes)s.")
    else:
        message = _("El debate cerró el %(closes)s (estuvo abierto desde el %(opens)s).")
    return message % {
        "opens": moment_label(phase.opens_at, process.exercise),
        "closes": moment_label(phase.closes_at, process.exercise),
    }


@dataclass(frozen=True)
class OptionResult:
    option_id: int
    text: str
    count: int
    percent: float  # of the question's answers, one decimal


def option_results(*, question: DebateQuestion) -> list[OptionResult]:
    """A closed question's options with their counts (the stored counters) and percentages."""
    if question.kind != QuestionKind.CLOSED:
        return []
    options = list(question.options.all())
    total = sum(option.answer_count for option in options)
    return [
        OptionResult(
            option.pk,
            option.text,
            option.answer_count,
            round(100 * option.answer_count / total, 1) if total else 0.0,
        )
        for option in options
    ]


def open_answers(*, question: DebateQuestion, hidden_too: bool = False) -> QuerySet[DebateAnswer]:
    """An open question's answers, newest first; the hidden ones only for its moderators."""
    rows = DebateAnswer.objects.filter(question=question)
    if not hidden_too:
        rows = rows.filter(is_hidden=False)
    return (
        rows.select_related("user")
        .only(
            "question_id",
            "text",
            "created_at",
            "is_hidden",
            "hidden_reason",
            "user__id",
            "user__public_name",
        )
        .order_by("-created_at", "-id")
    )


def answer_of(*, user: Any, question: DebateQuestion) -> DebateAnswer | None:
    """The answer this person gave to the question, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return DebateAnswer.objects.filter(question=question, user=user).first()


def answer_get(*, question: DebateQuestion, answer_id: int) -> DebateAnswer:
    return get_object_or_404(DebateAnswer.objects.filter(question=question), pk=answer_id)
