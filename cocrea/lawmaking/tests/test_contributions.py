"""Contributions on the text (contribution_services): the passage must still be in the text,
the phase open and the account verified when the process asks; supports exact and one per
person; the committee's answer reaches author and supporters."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cocrea.core.tests.factories import UserFactory
from cocrea.lawmaking import contribution_services as services
from cocrea.lawmaking import selectors
from cocrea.lawmaking.models import (
    AnswerStatus,
    Contribution,
    ContributionComment,
    ContributionKind,
    ContributionSupport,
    Phase,
    UnitKind,
)
from cocrea.lawmaking.tests.factories import (
    ContributionFactory,
    ProcessFactory,
    UnitFactory,
    VersionFactory,
    process_with_text,
)
from cocrea.monitoring.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def bill():
    process, version = process_with_text(articles=2)
    return process, version.units.get(key="articulo-1")


def submit(process, unit, actor=None, **fields):
    values: dict[str, Any] = {
        "kind": ContributionKind.REPLACE,
        "body": "Porque sí.",
        "proposed_text": "nuevo",
    }
    values.update(fields)
    return services.contribution_submit(
        actor=actor or UserFactory(), process=process, unit=unit, **values
    )


def close_phase(process, *, days_ago=1):
    Phase.objects.filter(process=process).update(
        opens_at=timezone.now() - dt.timedelta(days=10 + days_ago),
        closes_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    process.__dict__.pop("_phases", None)


# Submitting


def test_a_contribution_on_a_paragraph_keeps_the_passage_with_its_spaces_collapsed(bill):
    process, unit = bill
    contribution = submit(
        process, unit, paragraph=2, quote="  Proponer cambios\n al texto  ", proposed_text="x"
    )
    contribution.refresh_from_db()
    assert contribution.quote == "Proponer cambios al texto"
    assert (contribution.unit_key, contribution.paragraph) == ("articulo-1", 2)
    assert contribution.history.first().history_user == contribution.author


def test_a_passage_across_paragraphs_is_on_the_whole_article(bill):
    process, unit = bill
    contribution = submit(process, unit, quote="de una iniciativa; II. Recibir", paragraph=None)
    assert contribution.paragraph is None


def test_a_selection_no_longer_in_the_paragraph_is_refused_and_nothing_saved(bill):
    process, unit = bill
    with pytest.raises(ValidationError) as refused:
        submit(process, unit, paragraph=1, quote="Recibir una respuesta razonada")
    assert "ya no está en el artículo" in str(refused.value)
    with pytest.raises(ValidationError):
        submit(process, unit, quote="un texto que nunca estuvo")
    assert not Contribution.objects.exists()


def test_a_paragraph_the_article_lacks_is_refused(bill):
    process, unit = bill
    with pytest.raises(ValidationError, match="Ese párrafo no está"):
        submit(process, unit, paragraph=9)


def test_a_unit_of_an_older_version_is_refused_as_stale(bill):
    process, unit = bill
    newer = VersionFactory(process=process, number=2, label="Dictamen")
    UnitFactory(version=newer, position=1)
    with pytest.raises(ValidationError, match="Se publicó una nueva versión"):
        submit(process, unit)
    assert not Contribution.objects.exists()


def test_headings_take_no_contributions(bill):
    process, unit = bill
    heading = UnitFactory(
        version=unit.version, position=50, kind=UnitKind.CHAPTER, key="capitulo-1", body=""
    )
    with pytest.raises(ValidationError, match="encabezados"):
        submit(process, heading)


def test_replace_and_add_need_the_proposed_words_delete_and_comment_drop_them(bill):
    process, unit = bill
    for kind in (ContributionKind.REPLACE, ContributionKind.ADD):
        with pytest.raises(ValidationError, match="Escribe el texto que propones"):
            submit(process, unit, kind=kind, proposed_text="  ")
    deletion = submit(process, unit, kind=ContributionKind.DELETE, proposed_text="ignorado")
    comment = submit(process, unit, kind=ContributionKind.COMMENT, proposed_text="ignorado")
    assert deletion.proposed_text == comment.proposed_text == ""


def test_html_is_kept_as_text(bill):
    process, unit = bill
    contribution = submit(process, unit, body="<script>alert(1)</script>", proposed_text="<b>x</b>")
    contribution.refresh_from_db()
    assert contribution.body == "<script>alert(1)</script>"


def test_after_the_phase_closed_the_refusal_gives_its_dates(bill):
    process, unit = bill
    close_phase(process)
    with pytest.raises(ValidationError, match="La fase de aportaciones fue del") as refused:
        submit(process, unit)
    assert refused.value.code == "phase"


def test_before_the_phase_opens_the_refusal_says_when(bill):
    process, unit = bill
    Phase.objects.filter(process=process).update(
        opens_at=timezone.now() + dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=3),
    )
    with pytest.raises(ValidationError, match="abre el"):
        submit(process, unit)


def test_a_process_without_a_contributions_phase_takes_none(bill):
    process, unit = bill
    Phase.objects.filter(process=process).delete()
    with pytest.raises(ValidationError, match="no tiene fase de aportaciones"):
        submit(process, unit)


def test_an_unverified_account_is_refused_when_the_process_asks_for_verification(bill):
    process, unit = bill
    unverified = UserFactory(verified=False)
    with pytest.raises(ValidationError, match="correo verificado") as refused:
        submit(process, unit, actor=unverified)
    assert refused.value.code == "unverified"
    process.requires_verified = False
    assert submit(process, unit, actor=unverified).pk


# Supports and comments


def test_one_support_per_person_and_an_exact_counter(bill):
    _process, unit = bill
    contribution = ContributionFactory(unit=unit)
    people = [UserFactory() for _ in range(3)]
    for person in people:
        services.support_add(actor=person, contribution=contribution)
    with pytest.raises(ValidationError, match="Ya apoyas"):
        services.support_add(actor=people[0], contribution=contribution)
    contribution.refresh_from_db()
    assert contribution.support_count == 3 == ContributionSupport.objects.count()
    services.support_withdraw(actor=people[0], contribution=contribution)
    with pytest.raises(ValidationError, match="No apoyas"):
        services.support_withdraw(actor=people[0], contribution=contribution)
    contribution.refresh_from_db()
    assert contribution.support_count == 2


def test_supports_and_comments_need_the_phase_open_and_a_verified_account(bill):
    process, unit = bill
    contribution = ContributionFactory(unit=unit)
    with pytest.raises(ValidationError, match="correo verificado"):
        services.support_add(actor=UserFactory(verified=False), contribution=contribution)
    close_phase(process)
    contribution.process = process
    for write in (services.support_add, services.support_withdraw):
        with pytest.raises(ValidationError, match="ya no se puede"):
            write(actor=UserFactory(), contribution=contribution)
    with pytest.raises(ValidationError, match="ya no se puede comentar"):
        services.comment_add(actor=UserFactory(), contribution=contribution, body="Hola")
    assert not ContributionSupport.objects.exists()
    assert not ContributionComment.objects.exists()


def test_a_hidden_contribution_takes_no_supports_nor_comments(bill):
    _process, unit = bill
    contribution = ContributionFactory(unit=unit, is_hidden=True, hidden_reason="Insultos")
    with pytest.raises(ValidationError, match="oculta"):
        services.support_add(actor=UserFactory(), contribution=contribution)
    with pytest.raises(ValidationError, match="oculta"):
        services.comment_add(actor=UserFactory(), contribution=contribution, body="Hola")


def test_a_comment_is_saved_with_its_author(bill):
    _process, unit = bill
    contribution = ContributionFactory(unit=unit)
    author = UserFactory()
    comment = services.comment_add(actor=author, contribution=contribution, body=" De acuerdo ")
    assert (comment.body, comment.author) == ("De acuerdo", author)


# The committee's answer


@pytest.fixture
def answered_setup(bill):
    process, unit = bill
    contribution = ContributionFactory(unit=unit)
    supporter = UserFactory()
    services.support_add(actor=supporter, contribution=contribution)
    newer = VersionFactory(process=process, number=2, label="Dictamen")
    return process, contribution, supporter, newer


def test_an_incorporated_answer_names_the_version_and_tells_author_and_supporters(answered_setup):
    process, contribution, supporter, newer = answered_setup
    committee = UserFactory()
    services.contribution_answer(
        actor=committee,
        contribution=contribution,
        status=AnswerStatus.INCORPORATED,
        answer="Se incorporó al artículo 1.",
        incorporated_in=newer,
    )
    contribution.refresh_from_db()
    assert contribution.incorporated_in == newer
    assert contribution.answered_by == committee and contribution.answered_at
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert told == {contribution.author_id, supporter.pk}
    assert selectors.answer_figures(process=process)["incorporated"] == 1


def test_the_same_answer_saved_twice_tells_nobody_twice(answered_setup):
    _process, contribution, _supporter, newer = answered_setup
    for _time in range(2):
        services.contribution_answer(
            actor=UserFactory(),
            contribution=contribution,
            status=AnswerStatus.PARTLY,
            answer="En parte.",
            incorporated_in=newer,
        )
    assert Notification.objects.count() == 2


@pytest.mark.parametrize(
    ("status", "answer", "version", "message"),
    [
        (AnswerStatus.INCORPORATED, "Sí.", None, "Indica la versión"),
        (AnswerStatus.PARTLY, "En parte.", "unpublished", "no es una versión publicada"),
        (AnswerStatus.INCORPORATED, "Sí.", "other", "no es una versión publicada"),
        (AnswerStatus.INCORPORATED, "Sí.", "same", "posterior a la comentada"),
        (AnswerStatus.NOT_INCORPORATED, "  ", None, "Explica por qué no se incorporó"),
        (AnswerStatus.PENDING, "Nada.", None, "Elige la respuesta"),
        (AnswerStatus.ANSWERED, "Gracias.", None, "Una propuesta de cambio"),
    ],
)
def test_a_bad_answer_is_refused_and_nothing_is_saved_or_told(
    answered_setup, status, answer, version, message
):
    process, contribution, _supporter, _newer = answered_setup
    versions = {
        None: None,
        "unpublished": VersionFactory(process=process, number=3, published_at=None),
        "other": VersionFactory(process=ProcessFactory(), number=5),
        "same": contribution.unit.version,
    }
    with pytest.raises(ValidationError, match=message):
        services.contribution_answer(
            actor=UserFactory(),
            contribution=contribution,
            status=status,
            answer=answer,
            incorporated_in=versions[version],
        )
    contribution.refresh_from_db()
    assert contribution.status == AnswerStatus.PENDING and not Notification.objects.exists()


def test_a_comment_is_answered_and_the_committee_answers_after_the_phase_closed(bill):
    process, unit = bill
    comment = ContributionFactory(unit=unit, kind=ContributionKind.COMMENT, proposed_text="")
    close_phase(process)
    services.contribution_answer(
        actor=UserFactory(),
        contribution=comment,
        status=AnswerStatus.ANSWERED,
        answer="Gracias por tu comentario.",
        incorporated_in=VersionFactory(process=process, number=2),
    )
    comment.refresh_from_db()
    assert comment.status == AnswerStatus.ANSWERED and comment.incorporated_in is None
    assert Notification.objects.filter(user=comment.author).count() == 1


# Reports and moderation


def test_one_report_per_person_with_a_reason(bill):
    _process, unit = bill
    contribution = ContributionFactory(unit=unit)
    reporter = UserFactory()
    with pytest.raises(ValidationError, match="Di qué tiene de abusivo"):
        services.contribution_flag(actor=reporter, contribution=contribution, reason=" ")
    services.contribution_flag(actor=reporter, contribution=contribution, reason="Insulta")
    with pytest.raises(ValidationError, match="Ya habías reportado") as repeat:
        services.contribution_flag(actor=reporter, contribution=contribution, reason="Otra vez")
    assert repeat.value.code == "repeat" and contribution.flags.count() == 1
    comment = services.comment_add(actor=UserFactory(), contribution=contribution, body="x")
    services.comment_flag(actor=reporter, comment=comment, reason="Spam")
    with pytest.raises(ValidationError, match="Ya habías reportado este comentario"):
        services.comment_flag(actor=reporter, comment=comment, reason="Spam")


def test_hiding_needs_a_reason_keeps_it_in_the_history_and_reviews_the_reports(bill):
    process, unit = bill
    contribution = ContributionFactory(unit=unit)
    services.contribution_flag(actor=UserFactory(), contribution=contribution, reason="Insulta")
    moderator = UserFactory()
    with pytest.raises(ValidationError, match="siempre lleva un motivo"):
        services.contribution_moderate(
            actor=moderator, contribution=contribution, action="ocultar", reason=""
        )
    services.contribution_moderate(
        actor=moderator, contribution=contribution, action="ocultar", reason="Insultos"
    )
    contribution.refresh_from_db()
    assert contribution.is_hidden and contribution.hidden_reason == "Insultos"
    assert contribution.history.first().history_change_reason == "Insultos"
    assert not contribution.flags.filter(reviewed_at=None).exists()
    assert selectors.answer_figures(process=process)["total"] == 0
    services.contribution_moderate(
        actor=moderator, contribution=contribution, action="restaurar", reason="Revisado"
    )
    contribution.refresh_from_db()
    assert not contribution.is_hidden and contribution.hidden_reason == ""


def test_dismissing_reports_keeps_the_comment_visible(bill):
    _process, unit = bill
    comment = services.comment_add(
        actor=UserFactory(), contribution=ContributionFactory(unit=unit), body="Opino"
    )
    services.comment_flag(actor=UserFactory(), comment=comment, reason="No me gusta")
    services.comment_moderate(
        actor=UserFactory(), comment=comment, action="descartar", reason="No incumple reglas"
    )
    comment.refresh_from_db()
    assert not comment.is_hidden and not comment.flags.filter(reviewed_at=None).exists()
