def ensure_identity() -> str:
    return "Identity: not yet."
