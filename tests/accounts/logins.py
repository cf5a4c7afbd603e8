"""Logging in to the admin from a given address, as the lockout and password reset tests need."""

LOGIN = "/quan-tri/login/"
PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's
ADDRESS, OTHER_ADDRESS = "203.0.113.7", "198.51.100.23"


def log_in(client, user, password=PASSWORD, address=ADDRESS, **headers):
    return client.post(
        f"{LOGIN}?next=/quan-tri/",
        {"username": user.username, "password": password, "next": "/quan-tri/"},
        REMOTE_ADDR=address,
        **headers,
    )


def lock_out(client, user, address=ADDRESS, **headers):
    """Five wrong passwords: the response to the last one."""
    for number in range(5):
        response = log_in(client, user, password=f"doan-sai-{number}", address=address, **headers)
    return response


def is_signed_in(client):
    return client.get("/quan-tri/").status_code == 200
