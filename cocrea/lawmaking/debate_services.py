"""Writes of a process's debate: the committee's questions, citizens' answers and their
moderation.

A closed question's results are the options' stored counters (`QuestionOption.answer_count`),
moved with F() in the same transaction as the answer, so they always equal the answers kept.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from cocrea.core.models import User
from cocrea.core.services import record_save
from cocrea.lawmaking import debate_selectors
from cocrea.lawmaking.models import (
    COMMENT_MAX,
    DebateAnswer,
    DebateQuestion,
    LegislativeProcess,
    QuestionKind,
    QuestionOption,
)

OPTIONS_MIN, OPTIONS_MAX, OPTION_MAX = 2, 20, 200
OPEN_ANSWER_MAX = COMMENT_MAX


def _checked_options(kind: str, options: list[str]) -> list[str]:
    if kind != QuestionKind.CLOSED:
        return []
    options = [text.strip() for text in options if text.strip()]
    if not OPTIONS_MIN <= len(options) <= OPTIONS_MAX:
        raise ValidationError(
            {"options": _("Una pregunta cerrada tiene entre 2 y 20 respuestas, una por renglón.")}
        )
    if any(len(text) > OPTION_MAX for text in options):
        raise ValidationError({"options": _("Cada respuesta tiene a lo más 200 caracteres.")})
    if len({text.casefold() for text in options}) != len(options):
        raise ValidationError({"options": _("Hay respuestas repetidas.")})
    return options


@transaction.atomic
def question_save(
    *,
    actor: User | None,
    process: LegislativeProcess,
    question: DebateQuestion,
    text: str,
    kind: str,
    options: list[str],
    position: int = 0,
) -> DebateQuestion:
    """Adds or edits a question. Once it has answers, its kind and options stay as they are:
    changing them would falsify the counts already given."""
    options = _checked_options(kind, options)
    answered = bool(question.pk) and DebateAnswer.objects.filter(question=question).exists()
    current = [o.text for o in question.options.order_by("position", "id")] if question.pk else []
    if answered and (kind != question.kind or options != current):
        raise ValidationError(
            _("La pregunta ya tiene respuestas: su tipo y sus opciones no se pueden cambiar.")
        )
    question.process = process
    question.text, question.kind, question.position = text.strip(), kind, position
    record_save(instance=question, actor=actor)
    if options != current:
        QuestionOption.objects.filter(question=question).delete()
        QuestionOption.objects.bulk_create(
            QuestionOption(question=question, text=text, position=n)
            for n, text in enumerate(options)
        )
    return question


def _refuse_outside_debate(process: LegislativeProcess) -> None:
    if message := debate_selectors.closed_message(process=process):
        raise ValidationError(message)


def _answer_fields(
    question: DebateQuestion, option: QuestionOption | None, text: str
) -> tuple[QuestionOption | None, str]:
    if question.kind == QuestionKind.CLOSED:
        if option is None or option.question_id != question.pk:
            raise ValidationError({"option": _("Elige una de las respuestas de esta pregunta.")})
        return option, ""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Escribe tu respuesta.")})
    if len(text) > OPEN_ANSWER_MAX:
        raise ValidationError({"text": _("La respuesta tiene a lo más 2000 caracteres.")})
    return None, text


@transaction.atomic
def answer_save(
    *,
    actor: User,
    question: DebateQuestion,
    option: QuestionOption | None = None,
    text: str = "",
) -> DebateAnswer:
    """Answers a question while the debate is open, or replaces the person's answer (one each).
    A closed answer moves one vote from the old option to the new one."""
    _refuse_outside_debate(question.process)
    option, text = _answer_fields(question, option, text)
    answer = DebateAnswer.objects.select_for_update().filter(question=question, user=actor).first()
    if answer is None:
        answer = DebateAnswer(question=question, user=actor)
    elif answer.option_id is not None:
        QuestionOption.objects.filter(pk=answer.option_id).update(
            answer_count=F("answer_count") - 1
        )
    # A hidden answer stays hidden when rewritten: only its moderators show it again.
    answer.option, answer.text = option, text
    answer.full_clean(exclude=["question", "user"])
    try:
        with transaction.atomic():  # the same person answering twice at once: one is kept
            answer.save()
    except IntegrityError as error:
        raise ValidationError(_("Ya respondiste esta pregunta; vuelve a intentarlo.")) from error
    if option is not None:
        QuestionOption.objects.filter(pk=option.pk).update(answer_count=F("answer_count") + 1)
    return answer


@transaction.atomic
def answer_moderate(
    *, actor: User | None, answer: DebateAnswer, hide: bool, reason: str = ""
) -> DebateAnswer:
    """Hides an open answer from the public (with the reason, which is kept) or shows it again."""
    if answer.option_id is not None:
        raise ValidationError(_("Solo se moderan las respuestas abiertas."))
    reason = reason.strip()
    if hide and not reason:
        raise ValidationError({"reason": _("Escribe el motivo para ocultar la respuesta.")})
    answer.is_hidden = hide
    answer.hidden_reason = reason if hide else answer.hidden_reason
    record_save(instance=answer, actor=actor, reason=reason, only=["is_hidden", "hidden_reason"])
    return answer
