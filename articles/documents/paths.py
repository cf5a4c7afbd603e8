"""Where attached files are stored: the rule photos follow (dated folders, unguessable names).

A document's files are served through its download view, which checks that the document is public; the
stored name is never shown to readers, and being random it cannot be guessed from the media folder either.
"""

from articles.photos.paths import dated_random_path


def document_file_path(instance, filename: str) -> str:
    return dated_random_path("documents", filename)
