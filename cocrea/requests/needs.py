"""From requests to proactive transparency: topics an institution is asked about again and again
(grouped with the Spanish text clustering of the proposals), proposed to it as information to
publish proactively, accepted or declined by its liaisons, and linked to the open-data
publication (the proactive-transparency cycle) that answered them.

The clustering is participation's (`suggestions`: snowball stemming, TF-IDF, agglomerative
clustering on cosine distance); this module only adapts it from proposals to requests."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from cocrea.core.models import Organization, User
from cocrea.opendata.models import Publication
from cocrea.participation import suggestions
from cocrea.requests.models import InformationRequest, NeedStatus, ProactiveNeed, Visibility

MIN_REQUESTS = 3  # a topic asked this many times is proposed as a need
LIMIT = 2000  # the most recent requests considered, so the work stays bounded
TOP_TERMS = 3
_PUBLIC = Q(visibility=Visibility.PUBLIC)


@dataclass(frozen=True)
class NeedSuggestion:
    """A group of similar requests not yet in a need, with a proposed topic."""

    topic: str
    requests: list[InformationRequest] = field(default_factory=list)

    @property
    def request_ids(self) -> list[int]:
        return [request.pk for request in self.requests]


# Selectors


def needs_public() -> QuerySet[ProactiveNeed]:
    """Every need, newest first, with its institution, the dataset that answered it and how
    many public requests it came from."""
    return (
        ProactiveNeed.objects.select_related("organization", "publication__dataset")
        .only(
            "id",
            "topic",
            "summary",
            "status",
            "reason",
            "created_at",
            "organization__name",
            "organization__slug",
            "publication__id",
            "publication__dataset__name",
            "publication__dataset__title",
        )
        .annotate(request_count=Count("requests", filter=Q(requests__visibility=Visibility.PUBLIC)))
        .order_by("-created_at", "-id")
    )


def needs_of(*, organization: Organization) -> QuerySet[ProactiveNeed]:
    """An institution's needs, each with its public requests (`public_requests`)."""
    public = (
        InformationRequest.objects.filter(_PUBLIC).only("id", "title").order_by("-filed_at", "-id")
    )
    return (
        needs_public()
        .filter(organization=organization)
        .prefetch_related(Prefetch("requests", queryset=public, to_attr="public_requests"))
    )


def publications_of(*, organization: Organization) -> QuerySet[Publication]:
    """The proactive publications of the institution's datasets (what may answer its needs)."""
    return (
        Publication.objects.filter(dataset__organization=organization)
        .select_related("dataset")
        .only("id", "dataset__name", "dataset__title")
        .order_by("dataset__title", "id")
    )


def needs_suggest(*, organization: Organization) -> list[NeedSuggestion]:
    """The institution's public requests not yet in a need, grouped by similar text (title and
    body); only groups of at least `MIN_REQUESTS`, the largest first."""
    requests = list(
        InformationRequest.objects.filter(_PUBLIC, organization=organization, needs__isnull=True)
        .only("id", "title", "body", "filed_at")
        .order_by("-filed_at", "-id")[:LIMIT]
    )
    if len(requests) < MIN_REQUESTS:
        return []
    texts = [f"{r.title} {r.title} {r.body}" for r in requests]  # the title weighs double
    vectorizer = TfidfVectorizer(analyzer=suggestions.stemmed_words)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # nothing but stop words
        return []
    labels = AgglomerativeClustering(
        n_clusters=None,
        distance_threshold=suggestions.DISTANCE,
        metric="cosine",
        linkage="average",
    ).fit_predict(matrix.toarray())
    return _groups(requests, texts, labels, vectorizer, matrix)


def _groups(
    requests: list[InformationRequest],
    texts: list[str],
    labels: Any,
    vectorizer: TfidfVectorizer,
    matrix: Any,
) -> list[NeedSuggestion]:
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(int(label), []).append(index)
    terms = vectorizer.get_feature_names_out()
    found = []
    for indexes in members.values():
        if len(indexes) < MIN_REQUESTS:
            continue
        weights = matrix[indexes].sum(axis=0).A1
        stems = [str(terms[i]) for i in weights.argsort()[::-1][:TOP_TERMS] if weights[i] > 0]
        topic = _label(stems, [texts[i] for i in indexes])
        found.append(NeedSuggestion(topic, [requests[i] for i in indexes]))
    return sorted(found, key=lambda s: (-len(s.requests), s.topic))


def _label(stems: list[str], texts: list[str]) -> str:
    """The top stems, each shown as the word of the group that most often has it."""
    words: dict[str, Counter[str]] = {stem: Counter() for stem in stems}
    for text in texts:
        for word in suggestions.WORDS.findall(text.lower()):
            for stem in suggestions.stemmed_words(word):
                if stem in words:
                    words[stem][word] += 1
    shown = [words[s].most_common(1)[0][0] if words[s] else s for s in stems]
    label = ", ".join(shown)
    return (label[:1].upper() + label[1:])[:200]


# Services


@transaction.atomic
def need_propose(
    *,
    actor: User,
    organization: Organization,
    request_ids: list[int],
    topic: str,
    summary: str = "",
) -> ProactiveNeed:
    """Proposes a topic to the institution as a proactive-publication need, from its public
    requests not yet in a need (at least `MIN_REQUESTS`)."""
    wanted = set(request_ids)
    topic = topic.strip()
    if not topic:
        raise ValidationError(_("Escribe el tema de la necesidad."))
    if len(wanted) < MIN_REQUESTS:
        raise ValidationError(
            _("Una necesidad reúne al menos %(count)d solicitudes.") % {"count": MIN_REQUESTS}
        )
    rows = list(
        InformationRequest.objects.select_for_update()
        .filter(_PUBLIC, pk__in=wanted, organization=organization)
        .only("id")
    )
    if len(rows) != len(wanted):
        raise ValidationError(
            _("Alguna de esas solicitudes no existe, no es pública o es de otra institución.")
        )
    if ProactiveNeed.requests.through.objects.filter(informationrequest_id__in=wanted).exists():
        raise ValidationError(_("Alguna de esas solicitudes ya forma parte de una necesidad."))
    need = ProactiveNeed(
        organization=organization,
        topic=topic[:200],
        summary=summary.strip(),
        status=NeedStatus.PROPOSED,
        created_at=timezone.now(),
    )
    need.full_clean()
    need._change_reason = _("Propuesta a la institución")  # type: ignore[attr-defined]
    need.save()
    need.requests.set(rows)
    return need


def _locked(need: ProactiveNeed) -> ProactiveNeed:
    return ProactiveNeed.objects.select_for_update().get(pk=need.pk)


@transaction.atomic
def need_decide(
    *, actor: User, need: ProactiveNeed, accept: bool, reason: str = ""
) -> ProactiveNeed:
    """The institution accepts a proposed need (it will publish it) or declines it, saying why."""
    need = _locked(need)
    reason = reason.strip()
    if need.status != NeedStatus.PROPOSED:
        raise ValidationError(_("Esa necesidad ya se aceptó, se rechazó o se publicó."))
    if not accept and not reason:
        raise ValidationError(_("Di por qué la institución no acepta publicar esta información."))
    need.status = NeedStatus.ACCEPTED if accept else NeedStatus.DECLINED
    need.reason = reason
    need.full_clean()
    need._change_reason = _("Aceptada") if accept else _("No aceptada")  # type: ignore[attr-defined]
    need.save(update_fields=["status", "reason"])
    return need


@transaction.atomic
def need_link(*, actor: User, need: ProactiveNeed, publication: Publication) -> ProactiveNeed:
    """Links the institution's proactive publication that answered the need: it is published."""
    need = _locked(need)
    owner = (
        Publication.objects.filter(pk=publication.pk)
        .values_list("dataset__organization_id", flat=True)
        .first()
    )
    if owner is None or owner != need.organization_id:
        raise ValidationError(_("Esa publicación no es de un conjunto de datos de la institución."))
    need.publication = publication
    need.status = NeedStatus.PUBLISHED
    need._change_reason = _("Publicada")  # type: ignore[attr-defined]
    need.save(update_fields=["publication", "status"])
    return need
