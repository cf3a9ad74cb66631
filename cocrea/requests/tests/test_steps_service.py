"""`steps.step_add`: each transition of the table, its checks, its files, written whole or not
at all (with the real clock and the real queue)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cocrea.core.tests.factories import OrganizationFactory
from cocrea.monitoring.models import Notification
from cocrea.requests import states
from cocrea.requests.models import (
    EventKind,
    RequestAttachment,
    RequestEvent,
    Side,
    Status,
)
from cocrea.requests.steps import step_add
from cocrea.requests.tests.factories_steps import PDF, Cast, cast_make


@pytest.fixture
def cast(db) -> Cast:
    return cast_make()


def _pdf(name: str = "respuesta.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _errors(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def _nothing_written(cast: Cast, status: Status = Status.WAITING) -> None:
    cast.request.refresh_from_db()
    assert cast.request.status == status
    assert RequestEvent.objects.filter(request=cast.request).count() == 1  # the filing
    assert not RequestAttachment.objects.exists()
    assert not Notification.objects.exists()


def test_answer_moves_the_status_keeps_files_and_stops_the_clock(cast):
    due = cast.request.due_on
    assert due is not None
    event = step_add(
        request=cast.request,
        kind=EventKind.ANSWERED,
        side=Side.INSTITUTION,
        actor=cast.liaison,
        body="Se entrega la lista.",
        delivery_format="Archivo electrónico",
        cost=Decimal("0"),
        files=[_pdf(), SimpleUploadedFile("datos.csv", b"a,b\n1,2\n")],
    )
    cast.request.refresh_from_db()
    assert (event.from_status, event.to_status) == (Status.WAITING, Status.ANSWERED)
    assert cast.request.status == Status.ANSWERED
    assert cast.request.answered_at == event.at
    assert cast.request.appeal_due_on is not None  # the clock ran: the appeal term started
    types = sorted(event.attachments.values_list("content_type", flat=True))
    assert types == ["application/pdf", "text/csv"]
    assert event.attachments.get(content_type="application/pdf").name == "respuesta.pdf"


@pytest.mark.parametrize(
    ("kind", "side", "source", "target"),
    [
        (EventKind.CLARIFICATION_REQUESTED, Side.INSTITUTION, Status.WAITING, Status.CLARIFICATION),
        (EventKind.CLARIFICATION_ANSWERED, Side.REQUESTER, Status.CLARIFICATION, Status.WAITING),
        (EventKind.WITHDRAWN, Side.REQUESTER, Status.EXTENDED, Status.WITHDRAWN),
        (EventKind.APPEALED, Side.REQUESTER, Status.CLASSIFIED, Status.UNDER_APPEAL),
        (EventKind.APPEAL_RESOLVED, Side.GUARANTOR, Status.UNDER_APPEAL, Status.APPEAL_RESOLVED),
        (EventKind.COMPLIED, Side.INSTITUTION, Status.APPEAL_RESOLVED, Status.COMPLIED),
        (EventKind.MESSAGE, Side.INSTITUTION, Status.WAITING, Status.WAITING),
        (EventKind.MESSAGE, Side.GUARANTOR, Status.UNDER_APPEAL, Status.UNDER_APPEAL),
    ],
)  # fmt: skip
def test_each_side_takes_its_steps(db, kind, side, source, target):
    cast = cast_make(status=source)
    event = step_add(request=cast.request, kind=kind, side=side, actor=None, body="Texto del paso.")
    cast.request.refresh_from_db()
    assert (event.from_status, event.to_status, cast.request.status) == (source, target, target)


@pytest.mark.parametrize("kind", states.NEEDS_RESOLUTION)
def test_committee_steps_need_the_resolution_and_the_reason(cast, kind):
    with pytest.raises(ValidationError) as excinfo:
        step_add(request=cast.request, kind=kind, side=Side.INSTITUTION, actor=cast.liaison)
    assert set(_errors(excinfo)) == {"resolution", "body"}
    _nothing_written(cast)
    event = step_add(
        request=cast.request,
        kind=kind,
        side=Side.INSTITUTION,
        actor=cast.liaison,
        resolution="CT/012/2025 del 3 de marzo",
        body="Por las razones de la resolución.",
    )
    assert event.resolution == "CT/012/2025 del 3 de marzo"


def test_not_competent_needs_another_body(cast):
    with pytest.raises(ValidationError) as excinfo:
        step_add(
            request=cast.request, kind=EventKind.NOT_COMPETENT, side=Side.INSTITUTION, actor=None
        )
    assert "referred_to" in _errors(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        step_add(
            request=cast.request,
            kind=EventKind.NOT_COMPETENT,
            side=Side.INSTITUTION,
            actor=None,
            referred_to=cast.body,
        )
    assert "referred_to" in _errors(excinfo)
    _nothing_written(cast)
    other = OrganizationFactory()
    event = step_add(
        request=cast.request,
        kind=EventKind.NOT_COMPETENT,
        side=Side.INSTITUTION,
        actor=None,
        referred_to=other,
    )
    assert event.referred_to == other
    cast.request.refresh_from_db()
    assert cast.request.answered_at is not None


def test_rating_sets_the_status_it_names(db):
    cast = cast_make(status=Status.ANSWERED)
    with pytest.raises(ValidationError) as excinfo:
        step_add(
            request=cast.request,
            kind=EventKind.RATED,
            side=Side.REQUESTER,
            actor=cast.requester,
            rating=Status.WITHDRAWN,
        )
    assert "rating" in _errors(excinfo)
    _nothing_written(cast, Status.ANSWERED)
    step_add(
        request=cast.request,
        kind=EventKind.RATED,
        side=Side.REQUESTER,
        actor=cast.requester,
        rating=Status.ANSWERED_PARTIAL,
    )
    cast.request.refresh_from_db()
    assert cast.request.status == Status.ANSWERED_PARTIAL


def test_wrong_status_and_wrong_side_are_refused(cast):
    with pytest.raises(ValidationError) as excinfo:
        step_add(
            request=cast.request,
            kind=EventKind.COMPLIED,
            side=Side.INSTITUTION,
            actor=None,
            body="Cumplido.",
        )
    assert "En espera de respuesta" in _errors(excinfo)[NON_FIELD_ERRORS][0]
    with pytest.raises(ValidationError) as excinfo:
        step_add(
            request=cast.request,
            kind=EventKind.ANSWERED,
            side=Side.REQUESTER,
            actor=cast.requester,
            body="Me respondo solo.",
        )
    assert "sujeto obligado" in _errors(excinfo)[NON_FIELD_ERRORS][0]
    with pytest.raises(ValidationError):
        step_add(
            request=cast.request, kind=EventKind.FILED, side=Side.REQUESTER, actor=None, body="x"
        )
    _nothing_written(cast)


def test_silence_is_appealed_only_once_overdue(cast):
    with pytest.raises(ValidationError) as excinfo:
        step_add(
            request=cast.request,
            kind=EventKind.APPEALED,
            side=Side.REQUESTER,
            actor=cast.requester,
            body="No me respondieron.",
        )
    assert "vence" in _errors(excinfo)[NON_FIELD_ERRORS][0]
    _nothing_written(cast)
    late = cast_make(filed_at=timezone.now() - dt.timedelta(days=120))
    assert late.request.due_on is not None and late.request.due_on < timezone.localdate()
    event = step_add(
        request=late.request,
        kind=EventKind.APPEALED,
        side=Side.REQUESTER,
        actor=late.requester,
        body="No me respondieron.",
    )
    assert event.to_status == Status.UNDER_APPEAL


def test_an_answer_needs_text_or_files(cast):
    with pytest.raises(ValidationError) as excinfo:
        step_add(request=cast.request, kind=EventKind.ANSWERED, side=Side.INSTITUTION, actor=None)
    assert "body" in _errors(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        step_add(
            request=cast.request,
            kind=EventKind.ANSWERED,
            side=Side.INSTITUTION,
            actor=None,
            body="Con costo.",
            cost=Decimal("-1"),
        )
    assert "cost" in _errors(excinfo)
    _nothing_written(cast)


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (SimpleUploadedFile("falso.pdf", b"MZ\x90\x00 not a pdf at all"), "no es de un tipo"),
        (SimpleUploadedFile("programa.exe", b"MZ\x90\x00\x03\x00\x00\x00"), "no es de un tipo"),
        (SimpleUploadedFile("datos.csv", b"\x00\x01\x02binario"), "CSV"),
    ],
)
def test_files_are_checked_by_content(cast, upload, words):
    with pytest.raises(ValidationError) as excinfo:
        step_add(
            request=cast.request,
            kind=EventKind.ANSWERED,
            side=Side.INSTITUTION,
            actor=None,
            body="Adjunto.",
            files=[_pdf(), upload],
        )
    (message,) = _errors(excinfo)["files"]
    assert words in message and upload.name in message
    _nothing_written(cast)


def test_too_big_a_file_is_refused(cast, settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("grande.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as excinfo:
        step_add(
            request=cast.request,
            kind=EventKind.ANSWERED,
            side=Side.INSTITUTION,
            actor=None,
            files=[big],
        )
    assert "1 MB" in _errors(excinfo)["files"][0]
    _nothing_written(cast)


def test_too_many_files_are_refused(cast):
    with pytest.raises(ValidationError) as excinfo:
        step_add(
            request=cast.request,
            kind=EventKind.ANSWERED,
            side=Side.INSTITUTION,
            actor=None,
            files=[_pdf(f"{n}.pdf") for n in range(11)],
        )
    assert "10" in _errors(excinfo)["files"][0]
    _nothing_written(cast)


def test_a_failure_after_writing_leaves_nothing(cast, monkeypatch):
    """The queue fails after the event and its files are written: all of it is undone."""

    def broken(**kwargs):
        raise RuntimeError("queue down")

    monkeypatch.setattr("cocrea.requests.notices.step_queue", broken)
    with pytest.raises(RuntimeError):
        step_add(
            request=cast.request,
            kind=EventKind.ANSWERED,
            side=Side.INSTITUTION,
            actor=None,
            body="Respuesta.",
            files=[_pdf()],
        )
    _nothing_written(cast)
