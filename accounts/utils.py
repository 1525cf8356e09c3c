"""Small account helpers used by settings and templates."""


def user_display(user):
    """How allauth names a person in its pages and emails: their full name."""
    return user.display_name
