def ensure_questions() -> str:
    return "Questions: not yet."
