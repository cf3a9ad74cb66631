"""Forms of a bill's text: importing a version and correcting one of its units."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from cocrea.core.forms import checked_upload
from cocrea.lawmaking.importing import MAX_UPLOAD_BYTES, too_large
from cocrea.lawmaking.models import LegislativeProcess, ProcessKind, TextUnit
from cocrea.lawmaking.text_selectors import unit_choices


def _size_check(upload: UploadedFile[bytes]) -> None:
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise too_large(upload.size)


class VersionImportForm(forms.Form):
    label = forms.CharField(
        label=_("Nombre de la versión"),
        max_length=120,
        help_text=_("Por ejemplo, «Iniciativa», «Versión de la comisión» o «Dictamen»."),
    )
    changelog = forms.CharField(
        label=_("Qué cambió"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Lo que esta versión cambia respecto de la anterior, en pocas líneas."),
    )
    is_current_law = forms.BooleanField(
        label=_("Es el texto vigente de la ley que se reforma (versión 0)"), required=False
    )
    upload = forms.FileField(
        label=_("Archivo con el texto"),
        required=False,
        help_text=_("DOCX, ODT, Markdown (.md) o texto (.txt), de hasta 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.odt,.md,.markdown,.txt"}),
    )
    text = forms.CharField(
        label=_("O pega el texto"),
        required=False,
        max_length=MAX_UPLOAD_BYTES,
        widget=forms.Textarea(attrs={"rows": 12}),
        strip=False,
    )
    text_format = forms.ChoiceField(
        label=_("Formato del texto pegado"),
        choices=(
            ("plain", _("Texto simple: cada línea es un párrafo")),
            ("markdown", _("Markdown: los párrafos se separan con una línea en blanco")),
        ),
        initial="plain",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, process: LegislativeProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if process.kind != ProcessKind.REFORM:
            del self.fields["is_current_law"]

    def clean_upload(self) -> object:
        return checked_upload(self, "upload", _size_check)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if "upload" in self.errors or "text" in self.errors:
            return data  # already told what is wrong with it
        if bool(data.get("upload")) == bool((data.get("text") or "").strip()):
            raise ValidationError(_("Sube un archivo o pega el texto (uno de los dos)."))
        return data

    def import_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "label": data["label"],
            "changelog": data["changelog"],
            "is_current_law": bool(data.get("is_current_law")),
            "upload": data.get("upload") or None,
            "text": data["text"] if not data.get("upload") else "",
            "markdown": data["text_format"] == "markdown",
        }


class UnitChoiceField(forms.ModelChoiceField[TextUnit]):
    def label_from_instance(self, obj: TextUnit) -> str:
        return f"{obj.heading} {obj.title}".strip()


class UnitForm(forms.ModelForm[TextUnit]):
    after = UnitChoiceField(
        label=_("Va después de"),
        queryset=TextUnit.objects.none(),
        required=False,
        empty_label=_("(al principio del texto)"),
    )

    class Meta:
        model = TextUnit
        fields = ["kind", "key", "heading", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {
            "key": _(
                "La dirección de la parte, igual en todas las versiones: «articulo-5», "
                "«transitorio-1». Si la dejas vacía, sale del tipo y del encabezado."
            ),
            "heading": _("Como se escribe en la ley: «Artículo 5.», «Capítulo II», «Primero.»"),
            "title": _("El nombre de un título, capítulo o sección («De los derechos»)."),
            "body": _("Separa las fracciones y los párrafos con una línea en blanco."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.instance
        self.fields["key"].required = False
        choices = unit_choices(version=unit.version)
        if unit.pk is not None:
            choices = choices.exclude(pk=unit.pk)
            self.initial.setdefault("after", choices.filter(position__lt=unit.position).last())
        else:
            self.initial.setdefault("after", choices.last())
        after = self.fields["after"]
        assert isinstance(after, forms.ModelChoiceField)
        after.queryset = choices

    def unit_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = ("kind", "key", "heading", "title", "body", "after")
        return {name: data.get(name) or ("" if name != "after" else None) for name in names}
