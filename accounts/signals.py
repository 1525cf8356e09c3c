"""Keep allauth's email records in step with accounts Bappeda creates itself."""

from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from .models import User


def trust_email(user):
    """Mark ``user.email`` as verified: staff and editors vouch for it."""
    from allauth.account.models import EmailAddress

    if not user.email:
        return
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        EmailAddress.objects.filter(user=user, primary=True).update(primary=False)
        EmailAddress.objects.create(
            user=user, email=user.email, verified=True, primary=True
        )
    elif not address.verified or not address.primary:
        EmailAddress.objects.filter(user=user, primary=True).exclude(
            pk=address.pk
        ).update(primary=False)
        address.verified = True
        address.primary = True
        address.save(update_fields=["verified", "primary"])


@receiver(post_save, sender=User, dispatch_uid="accounts-trust-staff-email")
def trust_staff_email(sender, instance, raw=False, **kwargs):
    """Editors and admins are created by an admin, so their address needs no check."""
    if raw or not instance.is_staff:
        return
    trust_email(instance)


def ensure_groups(sender, **kwargs):
    """Re-apply the editor group's permissions after every migrate (idempotent).

    Runs once, for the last app, when every app's permissions exist.
    """
    from django.apps import apps

    from .groups import ensure_editor_group

    with_models = [a for a in apps.get_app_configs() if a.models_module is not None]
    if sender.label != with_models[-1].label:
        return

    ensure_editor_group()


def connect():
    post_migrate.connect(ensure_groups, dispatch_uid="accounts-ensure-groups")
