"""What an official's form page says it acts on, and the way back to that record.

`core/form.html` takes optional `subject` (the record, in words, after the title in the heading
and the page's <title>), `breadcrumbs` ((address, words) pairs) and `cancel_url`. A page declared
with `core.editing.edit_view` puts only `title` and `exercise` in its context, so these ride on
the title itself: a `FormTitle` is the title's text that also carries them, and the template
reads `title.subject`, `title.breadcrumbs` and `title.cancel_url` when the view passes none.
"""

Crumbs = tuple[tuple[str, str], ...]


class FormTitle(str):
    """A form page's title, with what it acts on and where "Cancelar" goes."""

    subject: str
    breadcrumbs: Crumbs
    cancel_url: str

    def __new__(
        cls, title: str, *, subject: str = "", breadcrumbs: Crumbs = (), cancel_url: str = ""
    ) -> "FormTitle":
        made = super().__new__(cls, title)
        made.subject, made.breadcrumbs, made.cancel_url = subject, breadcrumbs, cancel_url
        return made
