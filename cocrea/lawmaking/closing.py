"""Closing a legislative process: its result on the record and a summary to everyone who took
part (counts of contributions and what became of them), once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.models import User
from cocrea.core.services import record_save
from cocrea.lawmaking import notices, selectors
from cocrea.lawmaking.models import LegislativeProcess
from cocrea.participation.dates import moment_label

RESULT_MAX = 5000


@transaction.atomic
def process_close(*, actor: User | None, process: LegislativeProcess, result: str) -> int:
    """Records the result (the history keeps who and when), sends the summary to the
    participants and followers, and says how many notices were queued. A process closes once:
    the row is locked, so two committee members closing at the same time send one summary."""
    locked = (
        LegislativeProcess.objects.select_for_update().only("summary_sent_at").get(pk=process.pk)
    )
    if locked.summary_sent_at is not None:
        when = moment_label(locked.summary_sent_at, process.exercise)
        raise ValidationError(
            _("Este proceso ya se cerró el %(date)s y su resumen ya se envió.") % {"date": when}
        )
    result = result.strip()
    if not result:
        raise ValidationError({"result": _("Escribe el resultado del proceso.")})
    if len(result) > RESULT_MAX:  # a TextField's max_length is not checked by full_clean()
        raise ValidationError({"result": _("El resultado tiene a lo más 5000 caracteres.")})
    process.result = result
    process.summary_sent_at = timezone.now()
    record_save(
        instance=process,
        actor=actor,
        reason=_("Cierre del proceso"),
        only=["result", "summary_sent_at"],
    )
    figures = selectors.answer_figures(process=process)
    return notices.summary_queue(process=process, figures=figures)
