"""Factories for the Pustaka library."""

import factory
import wagtail_factories
from django.core.files.base import ContentFile

from pustaka.models import DocumentKind, PustakaDocumentPage, PustakaIndexPage


class DocumentKindFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Jenis {n}")
    slug = factory.Sequence(lambda n: f"jenis-{n}")

    class Meta:
        model = DocumentKind
        django_get_or_create = ("slug",)


class PustakaIndexPageFactory(wagtail_factories.PageFactory):
    title = "Pustaka"
    slug = "pustaka"

    class Meta:
        model = PustakaIndexPage


class WagtailDocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Berkas {n}")
    file = factory.LazyFunction(
        lambda: ContentFile(b"%PDF-1.4 uji\n%%EOF\n", name="berkas.pdf")
    )


class PustakaDocumentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Dokumen {n}")
    slug = factory.Sequence(lambda n: f"dokumen-{n}")
    kind = factory.SubFactory(DocumentKindFactory)
    year = 2024
    abstract = "Abstrak dokumen."

    class Meta:
        model = PustakaDocumentPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()
