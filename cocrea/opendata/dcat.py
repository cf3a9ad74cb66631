"""DCAT-AP 3 graphs of the catalogue and of each dataset, serialised with rdflib."""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from cocrea.opendata.ckan import absolute, download_url, publisher_name
from cocrea.opendata.licenses import EU_FREQUENCY, FREQUENCIES, LICENSES
from cocrea.opendata.models import Dataset, Group, Resource

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
IANA = "http://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
SERIALIZATIONS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json"),
    "rdf": ("pretty-xml", "application/rdf+xml"),
}
PAGE_SIZE = 100


def _graph() -> Graph:
    graph = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("spdx", SPDX),
        ("skos", SKOS),
        ("hydra", HYDRA),
    ):
        graph.bind(prefix, namespace)
    return graph


def dataset_uri(dataset: Dataset) -> URIRef:
    return URIRef(absolute(f"/dataset/{dataset.name}"))


def _es(text: str) -> Literal:
    return Literal(text, lang="es")


def _agent(graph: Graph, dataset: Dataset | None) -> URIRef:
    org = dataset.organization if dataset else None
    agent = URIRef(absolute(org.get_absolute_url() if org else reverse("pages:home")))
    graph.add((agent, RDF.type, FOAF.Agent))
    name = publisher_name(dataset) if dataset else settings.OPEN_DATA_PUBLISHER
    graph.add((agent, FOAF.name, _es(name)))
    return agent


def _license(graph: Graph, license_id: str) -> URIRef:
    title, url = LICENSES[license_id]
    uri = URIRef(url)
    graph.add((uri, RDF.type, DCTERMS.LicenseDocument))
    graph.add((uri, DCTERMS.title, _es(str(title))))
    return uri


def _theme(graph: Graph, group: Group) -> URIRef:
    scheme = URIRef(absolute("/datos/temas/"))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, DCTERMS.title, _es("Temas de datos abiertos")))
    concept = URIRef(absolute(f"{reverse('opendata:dataset_list')}?tema={group.name}"))
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.prefLabel, _es(group.title)))
    graph.add((concept, SKOS.inScheme, scheme))
    return concept


def _distribution(graph: Graph, resource: Resource, dataset: Dataset) -> BNode | URIRef:
    node = URIRef(absolute(f"/datos/{dataset.name}/recursos/{resource.identifier}/"))
    url = URIRef(download_url(resource))
    media = URIRef(IANA + (resource.media_type or "application/octet-stream"))
    file_type = URIRef(EU_FILE_TYPE + resource.format.upper())
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCAT.accessURL, url))
    graph.add((node, DCAT.downloadURL, url))
    graph.add((node, DCTERMS.title, _es(resource.name)))
    if resource.description:
        graph.add((node, DCTERMS.description, _es(resource.description)))
    graph.add((node, DCAT.mediaType, media))
    graph.add((media, RDF.type, DCTERMS.MediaType))
    graph.add((node, DCTERMS.format, file_type))
    graph.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
    graph.add((node, DCTERMS.license, _license(graph, dataset.license_id)))
    graph.add((node, DCTERMS.modified, Literal(resource.modified_at, datatype=XSD.dateTime)))
    if resource.size is not None:
        graph.add((node, DCAT.byteSize, Literal(resource.size, datatype=XSD.nonNegativeInteger)))
    if resource.checksum:
        checksum = BNode()
        graph.add((node, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
        graph.add(
            (checksum, SPDX.checksumValue, Literal(resource.checksum, datatype=XSD.hexBinary))
        )
    return node


def _coverage(graph: Graph, node: URIRef, dataset: Dataset) -> None:
    if dataset.temporal_start or dataset.temporal_end:
        period = BNode()
        graph.add((node, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        if dataset.temporal_start:
            graph.add((period, DCAT.startDate, Literal(dataset.temporal_start, datatype=XSD.date)))
        if dataset.temporal_end:
            graph.add((period, DCAT.endDate, Literal(dataset.temporal_end, datatype=XSD.date)))
    if dataset.spatial:
        place = URIRef(absolute(f"/territorios/{dataset.spatial.inegi_code}/"))
        graph.add((node, DCTERMS.spatial, place))
        graph.add((place, RDF.type, DCTERMS.Location))
        graph.add((place, SKOS.prefLabel, _es(dataset.spatial.name)))


def _contact(graph: Graph, node: URIRef, dataset: Dataset) -> None:
    contact = BNode()
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(dataset.contact_name)))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{dataset.contact_email}")))


def add_dataset(graph: Graph, dataset: Dataset) -> URIRef:
    """`dataset` comes from `selectors.with_details` (no further queries)."""
    node = dataset_uri(dataset)
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(str(dataset.identifier))))
    graph.add((node, DCTERMS.title, _es(dataset.title)))
    graph.add((node, DCTERMS.description, _es(dataset.description)))
    graph.add((node, DCTERMS.issued, Literal(dataset.created_at, datatype=XSD.dateTime)))
    graph.add((node, DCTERMS.modified, Literal(dataset.modified_at, datatype=XSD.dateTime)))
    graph.add((node, DCTERMS.publisher, _agent(graph, dataset)))
    landing = URIRef(dataset.landing_page or absolute(dataset.get_absolute_url()))
    graph.add((node, DCAT.landingPage, landing))
    graph.add((landing, RDF.type, FOAF.Document))
    frequency = URIRef(EU_FREQUENCY + FREQUENCIES[dataset.frequency][1])
    graph.add((node, DCTERMS.accrualPeriodicity, frequency))
    graph.add((frequency, RDF.type, DCTERMS.Frequency))
    for tag in dataset.keywords.all():
        graph.add((node, DCAT.keyword, _es(tag.name)))
    for group in dataset.groups.all():
        graph.add((node, DCAT.theme, _theme(graph, group)))
    _coverage(graph, node, dataset)
    _contact(graph, node, dataset)
    for resource in dataset.resources.all():
        graph.add((node, DCAT.distribution, _distribution(graph, resource, dataset)))
    return node


def dataset_graph(dataset: Dataset) -> Graph:
    graph = _graph()
    add_dataset(graph, dataset)
    return graph


def catalog_graph(
    datasets: Iterable[Dataset], *, fmt: str, page: int, pages: int, total: int
) -> Graph:
    """One page of the catalogue, with Hydra paging links as DCAT-AP recommends."""
    graph = _graph()
    catalog = URIRef(absolute("/catalog"))
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, _es(f"Datos abiertos de {settings.OPEN_DATA_PUBLISHER}")))
    graph.add(
        (
            catalog,
            DCTERMS.description,
            _es(
                "Catálogo de datos abiertos de gobierno abierto: planes, compromisos, consultas, "
                "reportes ciudadanos y los conjuntos que publican las instituciones."
            ),
        )
    )
    graph.add((catalog, DCTERMS.publisher, _agent(graph, None)))
    homepage = URIRef(absolute(reverse("opendata:dataset_list")))
    graph.add((catalog, FOAF.homepage, homepage))
    graph.add((homepage, RDF.type, FOAF.Document))
    for dataset in datasets:
        graph.add((catalog, DCAT.dataset, add_dataset(graph, dataset)))
    pages_of = reverse("opendata:dcat_catalog", args=[fmt])
    view = URIRef(absolute(f"{pages_of}?page={page}"))
    graph.add((catalog, HYDRA.view, view))
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((view, HYDRA.totalItems, Literal(total, datatype=XSD.nonNegativeInteger)))
    graph.add((view, HYDRA.first, URIRef(absolute(f"{pages_of}?page=1"))))
    graph.add((view, HYDRA.last, URIRef(absolute(f"{pages_of}?page={pages}"))))
    if page < pages:
        graph.add((view, HYDRA.next, URIRef(absolute(f"{pages_of}?page={page + 1}"))))
    if page > 1:
        graph.add((view, HYDRA.previous, URIRef(absolute(f"{pages_of}?page={page - 1}"))))
    return graph
