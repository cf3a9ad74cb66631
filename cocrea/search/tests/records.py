"""Records of every kind the search finds, each holding a word, made as their apps make them
(services where a service keeps a stored search vector: proposals and datasets)."""

from dataclasses import dataclass

from cocrea.comptrollership.models import PublicWork
from cocrea.comptrollership.tests.factories import PublicWorkFactory
from cocrea.core.models import Organization
from cocrea.core.tests.factories import OrganizationFactory, UserFactory
from cocrea.opendata.models import Dataset
from cocrea.opendata.services import dataset_save
from cocrea.participation.models import Consultation, Problem, Proposal
from cocrea.participation.services import proposal_submit
from cocrea.participation.tests.factories import ConsultationFactory
from cocrea.plans.models import ActionPlan, Commitment, PlanStatus
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory
from cocrea.reports.models import Report
from cocrea.reports.services import Filing, report_create
from cocrea.reports.tests.factories import CategoryFactory


@dataclass
class Found:
    commitment: Commitment
    plan: ActionPlan
    proposal: Proposal
    problem: Problem
    report: Report
    work: PublicWork
    dataset: Dataset
    organization: Organization


def dataset(word: str, n: int, published: bool = True) -> Dataset:
    return dataset_save(
        actor=None,
        dataset=Dataset(),
        name=f"conjunto-{word}-{n}",
        title=f"Padrón de {word} {n}",
        description=f"Datos abiertos sobre {word}.",
        contact_name="Unidad de Transparencia",
        contact_email="transparencia@example.org",
        frequency="annual",
        is_published=published,
    )


def proposal(consultation: Consultation, word: str, n: int) -> Proposal:
    return proposal_submit(
        actor=UserFactory(),
        consultation=consultation,
        title=f"Propuesta {n}: más {word}",
        body=f"Que el {word} llegue a todas las colonias ({n}).",
    )


def report(word: str, n: int) -> Report:
    filing = Filing(
        category=CategoryFactory(name=f"Fugas {n}"),
        description=f"Se rompió el {word} de la colonia ({n}).",
        address="Calle Privadísima 123",
        first_name="Zacarías",
        last_name="Quintanilla",
        email="zacarias@example.org",
        phone="3312345678",
        lat="20.676667",
        long="-103.347500",
    )
    return report_create(filing=filing)


def every_kind(word: str, n: int = 1, consultation: Consultation | None = None) -> Found:
    """One public record of each kind whose text holds `word`."""
    consultation = consultation or ConsultationFactory()
    plan = PlanFactory(name=f"Plan de {word} {n}", objective=f"Un plan sobre el {word}.")
    return Found(
        commitment=CommitmentFactory(
            plan=plan, title=f"Compromiso {n} del {word}", objective=f"Llevar el {word} ({n})."
        ),
        plan=plan,
        proposal=proposal(consultation, word, n),
        problem=Problem.objects.create(
            consultation=consultation, title=f"Falta de {word} {n}", description="Sin servicio."
        ),
        report=report(word, n),
        work=PublicWorkFactory(name=f"Obra del {word} {n}", description="Tubería nueva."),
        dataset=dataset(word, n),
        organization=OrganizationFactory(name=f"Comisión del {word} {n}", acronym=f"CA{n}"),
    )


def hidden_ones(word: str) -> list[str]:
    """Records holding `word` the public must not find; their titles."""
    draft = PlanFactory(name=f"Borrador secreto de {word}", status=PlanStatus.DRAFT)
    CommitmentFactory(plan=draft, title=f"Compromiso en plan borrador con {word}")
    CommitmentFactory(title=f"Compromiso sin publicar con {word}", is_published=False)
    hidden = proposal(ConsultationFactory(), word, 99)
    Proposal.objects.filter(pk=hidden.pk).update(is_hidden=True, title=f"Oculta con {word}")
    dataset(f"{word}-privado", 99, published=False)
    return [
        f"Borrador secreto de {word}",
        f"Compromiso en plan borrador con {word}",
        f"Compromiso sin publicar con {word}",
        f"Oculta con {word}",
        f"Padrón de {word}-privado",
    ]
