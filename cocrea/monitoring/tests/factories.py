import datetime as dt

import factory

from cocrea.core.tests.factories import UserFactory
from cocrea.monitoring.models import (
    Assessment,
    Completion,
    Finding,
    Follow,
    Impact,
    Notification,
    ProgressReport,
    ReportReview,
    Specificity,
    Verdict,
)
from cocrea.plans.tests.factories import CommitmentFactory


class ProgressReportFactory(factory.django.DjangoModelFactory):
    """A report filed by the commitment's lead institution."""

    class Meta:
        model = ProgressReport

    commitment = factory.SubFactory(CommitmentFactory)
    organization = factory.SelfAttribute("commitment.lead_institution")
    reported_on = dt.date(2020, 1, 1)
    narrative = factory.Sequence(lambda n: f"Avance del periodo {n}")


class ReportReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportReview

    report = factory.SubFactory(ProgressReportFactory)
    verdict = Verdict.VALIDATED
    note = "Coincide con la evidencia."


class FindingFactory(factory.django.DjangoModelFactory):
    """An open finding, keyed as the rules key theirs (rule:commitment:milestone)."""

    class Meta:
        model = Finding

    rule = "HIT-01"
    commitment = factory.SubFactory(CommitmentFactory)
    milestone = None
    key = factory.LazyAttribute(
        lambda f: f"{f.rule}:{f.commitment.pk}:{f.milestone.pk if f.milestone else 0}"
    )


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    commitment = factory.SubFactory(CommitmentFactory)
    assessed_on = dt.date(2020, 6, 30)
    specificity = Specificity.MEDIUM
    potential_impact = Impact.MODERATE
    completion = Completion.SUBSTANTIAL


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    commitment = factory.SubFactory(CommitmentFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    key = factory.Sequence(lambda n: f"prueba:{n}")
    subject = factory.Sequence(lambda n: f"Aviso {n}")
    body = "Un compromiso que sigues cambió."
