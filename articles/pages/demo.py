def ensure_pages() -> str:
    return "Pages: not yet."
