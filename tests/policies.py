"""The Content-Security-Policy header as tests read it."""


def directives(response) -> dict[str, list[str]]:
    """{directive: [sources]} of the response's enforced policy."""
    parts = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {words[0]: words[1:] for words in parts if words}
