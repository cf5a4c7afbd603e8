"""Filters for the LOGGING setting."""

import logging


class ClientErrorsInOneLine(logging.Filter):
    """Drop the traceback from the record of a 4xx answer; keep the line itself.

    Django attaches the exception to what it logs for a 403 (a refused permission), a 404 or a 400 (a
    forged Host header, a path with `..`): expected events, a few a minute on a public site, whose tracebacks
    would bury the 500s that need reading. Records carry the answer's status in `status_code`.
    """

    def filter(self, record):
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
