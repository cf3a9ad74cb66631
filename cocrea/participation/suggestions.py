"""Suggested groups of similar proposals, for the secretariat to confirm or change.

Spanish text is stemmed (snowballstemmer) and weighed with TF-IDF; proposals are grouped by
agglomerative clustering on cosine distance (scikit-learn). Only the most supported ungrouped
proposals are considered, so the work stays bounded however large the consultation.
"""

import re
from dataclasses import dataclass
from typing import Any

import snowballstemmer
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from cocrea.participation.models import Consultation, Proposal

LIMIT = 2000
DISTANCE = 0.8  # cosine distance under which proposals join the same group
STOPWORDS = frozenset(  # one string reads better than eighty quoted words
    "a al ante bajo con contra de del desde el en entre hacia hasta la las lo los "  # noqa: SIM905
    "más mas me mi mis para pero por que se sin sobre su sus un una unas unos y o u "
    "e ni es son ser hay muy este esta estos estas ese esa esos esas como cuando "
    "donde nos les le ya no si sí también todo toda todos todas cada otro otra otros "
    "otras ".split()
)
_stemmer = snowballstemmer.stemmer("spanish")
WORDS = re.compile(r"[a-záéíóúüñ]+")


@dataclass(frozen=True)
class Suggestion:
    label: str
    proposals: list[Proposal]


def stemmed_words(text: str) -> list[str]:
    words = [w for w in WORDS.findall(text.lower()) if w not in STOPWORDS and len(w) > 2]
    stemmed: list[str] = _stemmer.stemWords(words)
    return stemmed


def suggest_groups(*, consultation: Consultation) -> list[Suggestion]:
    proposals = list(
        Proposal.objects.filter(consultation=consultation, is_hidden=False, problem__isnull=True)
        .only("id", "title", "body", "support_count")
        .order_by("-support_count", "-id")[:LIMIT]
    )
    if len(proposals) < 2:
        return []
    texts = [f"{p.title} {p.title} {p.body}" for p in proposals]  # the title weighs double
    vectorizer = TfidfVectorizer(analyzer=stemmed_words)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # nothing but stop words
        return []
    labels = AgglomerativeClustering(
        n_clusters=None, distance_threshold=DISTANCE, metric="cosine", linkage="average"
    ).fit_predict(matrix.toarray())
    return _groups(proposals, labels, vectorizer, matrix)


def _groups(
    proposals: list[Proposal], labels: Any, vectorizer: TfidfVectorizer, matrix: Any
) -> list[Suggestion]:
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(int(label), []).append(index)
    terms = vectorizer.get_feature_names_out()
    suggestions = []
    for indexes in members.values():
        if len(indexes) < 2:
            continue
        weights = matrix[indexes].sum(axis=0).A1
        top = [terms[i] for i in weights.argsort()[::-1][:3]]
        suggestions.append(Suggestion(", ".join(top), [proposals[i] for i in indexes]))
    return sorted(suggestions, key=lambda s: -sum(p.support_count for p in s.proposals))
