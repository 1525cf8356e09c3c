"""Who may open the reply pages, the permalinks and the editors' exports."""

from accounts.tests.url_walk import FORBIDDEN, LOGIN, OK, REDIRECT, Case, expect

from .factories import ReplyFactory, TopicFactory, build_site

EXPERT_ONLY = expect(visitor=LOGIN, pakar=OK, default=FORBIDDEN)
EDITORS_ONLY = expect(editor=OK, superuser=OK, default=FORBIDDEN)


def build_world(world):
    """A public topic with a reply by the walk's expert."""
    _home, _hub, section = build_site()
    world.topic = TopicFactory(parent=section)
    world.section = section
    world.reply = ReplyFactory(topic=world.topic, author=world.users["pakar"])


def topic_path(suffix):
    return lambda world: f"/balasan/{suffix.format(topic=world.topic.pk)}"


URLS = {
    "replies:create": Case(topic_path("topik/{topic}/tulis/"), EXPERT_ONLY),
    "replies:detail": Case(
        lambda world: f"/balasan/{world.reply.pk}/", expect(REDIRECT)
    ),
    "replies:edit": Case(
        lambda world: f"/balasan/{world.reply.pk}/sunting/", EXPERT_ONLY
    ),
    "replies:withdraw": Case(
        lambda world: f"/balasan/{world.reply.pk}/tarik/", EXPERT_ONLY
    ),
    "replies:export_topic_csv": Case(
        topic_path("ekspor/topik/{topic}.csv"), EDITORS_ONLY
    ),
    "replies:export_topic_xlsx": Case(
        topic_path("ekspor/topik/{topic}.xlsx"), EDITORS_ONLY
    ),
    "replies:export_section_csv": Case(
        lambda world: f"/balasan/ekspor/bagian/{world.section.pk}.csv", EDITORS_ONLY
    ),
    "replies:export_section_xlsx": Case(
        lambda world: f"/balasan/ekspor/bagian/{world.section.pk}.xlsx", EDITORS_ONLY
    ),
    "replies:summary_topic": Case(topic_path("rekap/topik/{topic}/"), EDITORS_ONLY),
    "replies:summary_section": Case(
        lambda world: f"/balasan/rekap/bagian/{world.section.pk}/", EDITORS_ONLY
    ),
}

PATHS = {
    "reply moderation in the admin": Case(
        "/admin/rpjpd_reply/",
        expect(visitor=LOGIN, editor=OK, superuser=OK, default=FORBIDDEN),
    ),
    "topic page with replies": Case(lambda world: world.topic.url, expect(OK)),
    "posting a reply": Case(
        topic_path("topik/{topic}/tulis/"),
        expect(visitor=LOGIN, pakar=OK, default=FORBIDDEN),
        method="post",
        data={"body": "terlalu pendek"},
    ),
}
