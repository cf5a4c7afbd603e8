"""Closing browser contexts without leaving the live server mid-request."""

import contextlib


def close_when_quiet(context):
    """Close a browser context once its pages' requests (an article's view beacon, say) are answered.

    On SQLite the live server shares the test's in-memory connection across threads: a beacon still being
    counted (a transaction on that connection) when the next test starts would leave that test inside it.
    """
    from playwright.sync_api import Error

    for page in context.pages:
        with contextlib.suppress(Error):
            page.wait_for_load_state("networkidle", timeout=5_000)
    context.close()
