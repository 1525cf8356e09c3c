"""The public login form (its own module: allauth's forms import ``accounts.forms``)."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.core.validators import MaxLengthValidator

LOGIN_MAX_LENGTH = 254  # the longest email address; usernames are shorter


class LoginForm(AllauthLoginForm):
    """allauth's login form with a length cap on the username or email typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Without a cap a megabyte-long login reaches the database (on SQLite the
        # case-insensitive lookup then fails with "LIKE pattern too complex").
        field = self.fields["login"]
        field.max_length = LOGIN_MAX_LENGTH
        field.validators.append(MaxLengthValidator(LOGIN_MAX_LENGTH))
        field.widget.attrs["maxlength"] = str(LOGIN_MAX_LENGTH)
        # Experts and editors sign in with a username; "username" is also the
        # token password managers expect on a login field that accepts an email.
        field.widget.attrs["autocomplete"] = "username"
