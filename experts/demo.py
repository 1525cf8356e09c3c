"""Demo fields of expertise and the eight fictional experts, with portraits."""

import hashlib
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from accounts.models import User
from accounts.signals import trust_email

from .models import ExpertiseField, ExpertProfile, Publication

DEMO_PASSWORD = "pakar-demo-2045"  # noqa: S105 (printed on purpose: demo only)

PALETTE = ["#0b5d4b", "#7a4b12", "#1f4e79", "#6b2d5c", "#2f6b2f", "#8a3b12"]


def split_titles(full_name):
    """Split "Prof. Dr. Budi Sampelnata, S.E., M.Ec." into prefix, name, suffix."""
    name, _, suffix = full_name.partition(", ")
    words = name.split()
    prefix = []
    while len(words) > 1 and words[0].endswith("."):
        prefix.append(words.pop(0))
    return " ".join(prefix), " ".join(words), suffix.strip()


def portrait(initials, seed):
    """A square JPEG with coloured background and the expert's initials."""
    colour = PALETTE[int(hashlib.sha256(seed.encode()).hexdigest(), 16) % len(PALETTE)]
    image = Image.new("RGB", (480, 480), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=200)
    draw.ellipse((40, 40, 440, 440), outline="#c9a227", width=10)
    draw.text((240, 240), initials, fill="#ffffff", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"{seed}.jpg")


def load_fields(data):
    for item in data["bidang_keahlian"]:
        ExpertiseField.objects.get_or_create(
            slug=item["slug"],
            defaults={"name": item["name"], "description": item["description"]},
        )


def load_experts(data, out):
    """Create the eighteen fields and the eight experts with their publications."""
    load_fields(data)
    fields = {f.slug: f for f in ExpertiseField.objects.all()}
    created = 0
    for item in data["experts"]:
        prefix, name, suffix = split_titles(item["full_name"])
        user, was_created = User.objects.get_or_create(
            username=item["username"],
            defaults={
                "name": name,
                "email": item["email"],
                "account_type": User.AccountType.PAKAR,
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created += 1
        trust_email(user)
        profile, _ = ExpertProfile.objects.get_or_create(
            user=user,
            defaults={
                "slug": ExpertProfile.unique_slug(name),
                "title_prefix": prefix,
                "title_suffix": suffix,
                "institution": item["institution"],
                "bio": item["bio"],
            },
        )
        if not profile.fields.exists():
            profile.fields.set([fields[s] for s in item["bidang"] if s in fields])
        if not profile.photo:
            profile.photo.save(
                f"{user.username}.jpg", portrait(profile.initials, user.username)
            )
        for position, pub in enumerate(item["publications"]):
            Publication.objects.get_or_create(
                profile=profile,
                title=pub["title"],
                defaults={
                    "kind": pub["kind"],
                    "year": pub.get("year"),
                    "venue": pub.get("venue", ""),
                    "sort_order": position,
                },
            )
    out.write(
        f"Demo experts: {created} created, {len(data['experts'])} in total, "
        f"{len(fields)} fields of expertise. "
        f"Log in with a username below and the password '{DEMO_PASSWORD}':\n"
    )
    for item in data["experts"]:
        out.write(f"  {item['username']}\n")
