"""Finding things: Vietnamese text folded for accent-insensitive matching, and the search itself."""
