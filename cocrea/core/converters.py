"""URL converters shared by the apps' urls.py."""


def choice_converter(*choices: str) -> type:
    """A path converter that accepts exactly one of `choices` (e.g. a file extension)."""

    class Choice:
        regex = "|".join(choices)

        def to_python(self, value: str) -> str:
            return value

        def to_url(self, value: str) -> str:
            return value

    return Choice
