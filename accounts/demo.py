"""Demo accounts for members of the public and government staff (all fictional)."""

from .models import User
from .signals import trust_email

DEMO_PASSWORD = "warga-demo-2045"  # noqa: S105 (printed on purpose: demo only)


def load_users(data, out):
    """Create the five demo public and government users with verified emails."""
    created = 0
    for item in data["users"]:
        user, was_created = User.objects.get_or_create(
            username=item["username"],
            defaults={
                "name": item["full_name"],
                "email": item["email"],
                "account_type": item["role"],
                "instansi": item.get("institution", ""),
                "jabatan": item.get("jabatan", ""),
                "kecamatan": item.get("kecamatan", ""),
                "occupation": item.get("occupation", ""),
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created += 1
        trust_email(user)
    out.write(
        f"Demo users: {created} created, {len(data['users'])} in total. "
        f"Log in with a username below and the password '{DEMO_PASSWORD}':\n"
    )
    for item in data["users"]:
        out.write(f"  {item['username']} ({item['role']})\n")
