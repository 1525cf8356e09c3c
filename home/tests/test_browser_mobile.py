"""Every kind of page on a 390 px phone: nothing wider than the screen, one h1,
every form control labelled, main controls big enough to tap.

One test walks the demo site as a visitor, a member of the public and an expert
(loading the demo once costs most of the time). Some demo texts are made long and
unbroken first, the way people really type them (a file name, a URL, a word
without spaces), so a layout that only fits tidy text fails here.
"""

import io

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD as PUBLIC_PASSWORD
from consult.models import Consultation, Message
from experts.demo import DEMO_PASSWORD as EXPERT_PASSWORD
from experts.models import ExpertProfile
from rpjpd.models import Reply, TopicPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
CITIZEN = "rudi.warga.sebulu"
EXPERT = "rina.contohwati"
LONG_WORD = "Pertanggungjawabanpenyelenggaraanpemerintahandaerahkabupaten" * 2
LONG_URL = "https://jdih.kukarkab.go.id/dokumen/" + "lampiran-perda-" * 12 + "2024.pdf"

# Runs in the page; returns a list of problems, empty when the page is fine.
CHECK_PAGE = """
() => {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  const name = (el) => {
    const classes = typeof el.className === "string" ? el.className.trim() : "";
    return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (el.name ? "[name=" + el.name + "]" : "")
      + (classes ? "." + classes.split(/\\s+/).join(".") : "");
  };

  if (document.documentElement.scrollWidth > vw) {
    // Name the outermost elements that stick out, to say what to fix.
    const all = [...document.body.querySelectorAll("*")];
    let wide = all.filter((el) => {
      const box = el.getBoundingClientRect();
      const parent = el.parentElement && el.parentElement.getBoundingClientRect();
      return box.width && box.right > vw + 1 && !el.closest(".skip-link")
        && !(parent && parent.right > vw + 1);
    });
    if (!wide.length) {
      // Or text sticking out of a box that fits: name the innermost such box.
      wide = all.filter((el) => el.scrollWidth > el.clientWidth + 1 && !el.children.length);
    }
    problems.push("page is " + document.documentElement.scrollWidth + "px wide: "
      + wide.slice(0, 3).map(name).join(", "));
  }
  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) problems.push(h1s.length + " h1 elements");
  if (document.documentElement.lang !== "id") problems.push("lang is not id");
  if (document.querySelectorAll("main").length !== 1) problems.push("no single main");
  const skip = document.querySelector("a.skip-link[href='#main-content']");
  if (!skip || !document.getElementById("main-content")) {
    problems.push("no skip link to the main content");
  }
  for (const el of document.querySelectorAll("input, select, textarea")) {
    if (["hidden", "submit", "button", "reset", "image"].includes(el.type)) continue;
    const labelled = [...(el.labels || [])].some((label) => label.textContent.trim())
      || (el.getAttribute("aria-label") || "").trim()
      || el.getAttribute("aria-labelledby") || el.title;
    if (!labelled) problems.push("unlabelled " + name(el));
    const described = (el.getAttribute("aria-describedby") || "").split(/\\s+/);
    for (const id of described.filter(Boolean)) {
      if (!document.getElementById(id)) problems.push(name(el) + " described by missing #" + id);
    }
  }
  for (const img of document.querySelectorAll("img:not([alt])")) {
    problems.push("image without alt " + img.src);
  }
  // Main controls: at least 44 px tall (a check box counts with its label).
  const controls = "button, .button, input:not([type=hidden]), select, textarea, summary, "
    + ".main-nav a";
  for (const el of document.querySelectorAll(controls)) {
    if (!shown(el)) continue;
    let height = el.getBoundingClientRect().height;
    if ((el.type === "checkbox" || el.type === "radio") && el.labels && el.labels[0]) {
      height = Math.max(height, el.labels[0].getBoundingClientRect().height);
    }
    if (height < 43.5) {
      const text = (el.textContent || "").trim().slice(0, 30);
      problems.push("tap target " + Math.round(height) + "px tall: " + name(el) + " " + text);
    }
  }
  return problems;
}
"""


@pytest.fixture
def demo_site():
    call_command("load_demo", stdout=io.StringIO())
    # Long texts where people type them: a consultation, an expert's
    # institution, an expert's reply.
    consultation = Consultation.objects.filter(
        requester__username=CITIZEN, expert__username=EXPERT
    ).get()
    consultation.subject = ("Lahan " + LONG_WORD)[:200]
    consultation.save(update_fields=["subject"])
    first = consultation.messages.first()
    Message.objects.create(
        consultation=consultation,
        sender=first.sender,
        body=f"{LONG_WORD}\n\n{LONG_URL}",
        client_token="00000000-0000-4000-8000-000000000001",
    )
    profile = ExpertProfile.objects.get(user__username=EXPERT)
    profile.institution = "Politeknik " + LONG_WORD
    profile.save()
    reply = Reply.objects.filter(author__username=EXPERT).first()
    reply.body += f"\n\n{LONG_URL} {LONG_WORD}"
    reply.save(update_fields=["body"])
    return {
        "consultation": consultation,
        "profile": profile,
        "topic": TopicPage.objects.get(slug="ketergantungan-sektor-ekstraktif"),
    }


def check(tab, path, problems):
    response = tab.goto(path)
    assert response is not None and response.status < 500, path
    # Closed panels (library filters) count too: open them.
    tab.evaluate(
        "() => document.querySelectorAll('details').forEach((d) => d.open = true)"
    )
    problems.extend(f"{path}: {problem}" for problem in tab.evaluate(CHECK_PAGE))


def check_menu(tab, problems):
    tab.goto("/")
    tab.get_by_role("button", name="Menu").click()
    for toggle in tab.locator(".submenu-toggle").all():
        toggle.click()
    problems.extend(f"menu: {problem}" for problem in tab.evaluate(CHECK_PAGE))


def new_tab(browser, live_server):
    context = browser.new_context(
        viewport=PHONE,
        locale="id-ID",
        timezone_id="Asia/Makassar",
        base_url=live_server.url,
    )
    context.set_default_timeout(10_000)
    return context, context.new_page()


def log_in(tab, username, password):
    tab.goto("/akun/login/")
    tab.fill('input[name="login"]', username)
    tab.fill('input[name="password"]', password)
    tab.press('input[name="password"]', "Enter")
    tab.wait_for_url(lambda url: "/akun/login/" not in url)


def test_every_kind_of_page_fits_a_phone(browser, live_server, demo_site):
    consultation = demo_site["consultation"]
    profile = demo_site["profile"]
    topic = demo_site["topic"]
    thread = f"/konsultasi/{consultation.public_id}/"
    problems = []

    context, tab = new_tab(browser, live_server)
    for path in [
        "/",
        "/rpjpd/",
        "/rpjpd/isu-strategis-daerah/",
        topic.url,
        "/pustaka/?q=rencana+pembangunan",
        "/pustaka/?year=bukan-tahun",
        "/pustaka/uu-59-2024-rpjpn/",
        "/pakar/",
        f"/pakar/{profile.slug}/",
        "/konsultasi/",
        "/panduan-masyarakat/",
        "/privasi/",
        "/akun/login/",
        "/akun/signup/",
        "/akun/password/reset/",
        "/halaman-yang-tidak-ada/",
    ]:
        check(tab, path, problems)
    check_menu(tab, problems)
    context.close()

    context, tab = new_tab(browser, live_server)
    log_in(tab, CITIZEN, PUBLIC_PASSWORD)
    for path in [
        f"/konsultasi/baru/{profile.slug}/",
        "/konsultasi/saya/",
        thread,
        "/akun/saya/",
        "/akun/email/",
        "/akun/data-saya/",
        "/akun/hapus-akun/",
    ]:
        check(tab, path, problems)
    # A refused form: its messages are linked to the fields they are about.
    tab.goto(f"/konsultasi/baru/{profile.slug}/")
    tab.locator("main form button[type=submit]").first.click()
    tab.wait_for_load_state()
    problems.extend(f"refused form: {p}" for p in tab.evaluate(CHECK_PAGE))
    check_menu(tab, problems)
    context.close()

    context, tab = new_tab(browser, live_server)
    log_in(tab, EXPERT, EXPERT_PASSWORD)
    for path in [
        "/akun/profil/",
        "/konsultasi/saya/",
        thread,
        topic.url,
        f"/balasan/topik/{topic.id}/tulis/",
    ]:
        check(tab, path, problems)
    check_menu(tab, problems)
    context.close()

    assert not problems, "\n".join(problems)
