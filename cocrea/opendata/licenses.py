"""Licences and update frequencies offered for datasets, with the URIs CKAN and DCAT expect."""

from django.utils.translation import gettext_lazy as _

DEFAULT_LICENSE = "CC-BY-4.0"

# id → (title, url); ids follow SPDX where one exists, as CKAN's default list does.
LICENSES = {
    "CC-BY-4.0": (
        _("Creative Commons Atribución 4.0 Internacional"),
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC0-1.0": (
        _("Creative Commons CC0 1.0 (dominio público)"),
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "CC-BY-SA-4.0": (
        _("Creative Commons Atribución-CompartirIgual 4.0"),
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "ODbL-1.0": (
        _("Open Data Commons Open Database License 1.0"),
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    "libre-uso-mx": (
        _("Términos de Libre Uso MX (datos.gob.mx)"),
        "https://datos.gob.mx/libreusomx",
    ),
}
LICENSE_CHOICES = [(key, title) for key, (title, _url) in LICENSES.items()]

EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
# Our value → (label, EU Publications Office frequency code used by DCAT-AP).
FREQUENCIES = {
    "continuous": (_("continua (siempre al día)"), "UPDATE_CONT"),
    "daily": (_("diaria"), "DAILY"),
    "weekly": (_("semanal"), "WEEKLY"),
    "monthly": (_("mensual"), "MONTHLY"),
    "quarterly": (_("trimestral"), "QUARTERLY"),
    "semiannual": (_("semestral"), "ANNUAL_2"),
    "annual": (_("anual"), "ANNUAL"),
    "irregular": (_("irregular"), "IRREG"),
    "never": (_("no se actualiza"), "NEVER"),
}
FREQUENCY_CHOICES = [(key, label) for key, (label, _code) in FREQUENCIES.items()]

# Declared format → (IANA media type, how the content is checked).
FORMATS = {
    "CSV": "text/csv",
    "JSON": "application/json",
    "GeoJSON": "application/geo+json",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "PDF": "application/pdf",
    "ZIP": "application/zip",
}
FORMAT_CHOICES = [(key, key) for key in FORMATS]
