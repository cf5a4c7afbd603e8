"""Counting readers' views of articles, apart from the article page (which any cache may serve).

The page's script (static/js/views.js) or, without JavaScript, its <noscript> pixel reports the view to
`views.py`; `record_view` decides whether it is a reader's view (`readers.py`), counts it once per reader per
article per 24 hours, and answers the current total. With Redis (settings.VIEW_BUFFER_URL) a view is one
Redis call and the counts reach the database in batches (`buffer.py`); without it each view is written at
once. Both write through `store.apply_views`, the one place counts reach the database.
"""

from .buffer import flush_views
from .record import record_view

__all__ = ["flush_views", "record_view"]
