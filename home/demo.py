"""Demo content for the site shell: home page, guides, footer and the editor account.

Idempotent: what exists is left alone, so running it twice changes nothing.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
)

from .models import FooterSettings, HomePage, StandardPage

EDITOR_GROUP = "Editor Bappeda"
EDITOR_USERNAME = "editor.bappeda"
EDITOR_PASSWORD = "Kukar-Editor-2045"  # noqa: S105 — a published demo credential

HERO_TEXT = (
    "Ruang musyawarah para ahli untuk Rencana Pembangunan Jangka Panjang Daerah "
    "(RPJPD) Kabupaten Kutai Kartanegara 2025–2045. Baca topik yang disiapkan "
    "Bappeda, ikuti tanggapan para pakar, dan pelajari dokumen rujukannya di Pustaka."
)
HOME_INTRO = (
    "<p>Visi RPJPD Kutai Kartanegara 2025–2045 adalah <b>{visi}</b>, dengan arah "
    "pembangunan sebagai {arah}. Ruang Runding membantu Bappeda mengumpulkan "
    "masukan para ahli untuk menerjemahkan visi itu menjadi sasaran yang terukur, "
    "sampai ke tingkat kecamatan.</p>"
)

GUIDES = [
    {
        "slug": "panduan-pakar",
        "title": "Panduan Pakar",
        "intro": (
            "Cara masuk, melengkapi Profil Saya, menanggapi topik RPJPD, dan menjawab "
            "konsultasi dari masyarakat."
        ),
        "body": """
<h2>1. Masuk dengan akun dari Bappeda</h2>
<p>Akun pakar dibuat oleh admin Bappeda. Anda menerima nama pengguna dan kata sandi
awal, atau surel berisi tautan untuk membuat kata sandi sendiri. Pilih
<b>Masuk</b> di pojok kanan atas, isi nama pengguna atau alamat surel beserta kata
sandi, lalu segera ganti kata sandi awal Anda.</p>
<h2>2. Lengkapi Profil Saya</h2>
<p>Profil Saya adalah halaman yang dilihat publik. Unggah foto, tuliskan gelar,
nama lengkap, instansi, jabatan, dan ringkasan riwayat singkat. Pilih bidang keahlian
dari daftar yang disediakan Bappeda, lalu tambahkan publikasi dan penelitian Anda.
Anda menentukan sendiri apakah surel dan nomor telepon boleh tampil.</p>
<h2>3. Menanggapi topik RPJPD</h2>
<p>Buka menu <b>RPJPD</b>, pilih salah satu dari tiga bagian (Kata Kunci Visi, Isu
Strategis Daerah, Sasaran Pokok), lalu buka topiknya. Bacalah ringkasan,
pertanyaan pemandu, dan tabel indikator. Tekan <b>Balas</b>, tulis tanggapan Anda,
lalu tekan <b>Kirim</b>. Anda juga dapat membalas tanggapan pakar lain.</p>
<ul>
<li>Tulis secara ringkas dan langsung menjawab pertanyaan pemandu.</li>
<li>Sebutkan sumber data dan tahun acuan bila mengutip angka.</li>
<li>Usulkan indikator yang dapat diukur sampai tingkat kecamatan bila memungkinkan.</li>
</ul>
<h2>4. Menjawab konsultasi</h2>
<p>Warga, aparatur pemerintah, atau sesama pakar dapat mengirim pertanyaan kepada
Anda secara pribadi. Anda menerima surel untuk setiap konsultasi dan balasan baru;
semuanya terkumpul di <b>Konsultasi → Konsultasi Saya</b>. Isi konsultasi hanya dapat
dibaca oleh Anda dan penanya.</p>
<h2>5. Etika</h2>
<p>Tanggapan di topik RPJPD bersifat publik dan dapat dikutip dalam rekap masukan
untuk naskah RPJPD. Hindari data pribadi, jaga kesantunan, dan nyatakan bila ada
kepentingan yang perlu diketahui pembaca.</p>
""",
    },
    {
        "slug": "panduan-masyarakat",
        "title": "Panduan Masyarakat",
        "intro": (
            "Cara membaca topik RPJPD, mencari dokumen di Pustaka, dan berkonsultasi "
            "secara pribadi dengan pakar."
        ),
        "body": """
<h2>Membaca tanpa mendaftar</h2>
<p>Semua topik RPJPD beserta tanggapan para pakar, daftar pakar, dan seluruh isi
Pustaka terbuka untuk siapa saja tanpa perlu masuk. Tekan tombol <b>RPJP</b> di
beranda untuk melihat tiga bagian RPJPD: Kata Kunci Visi Kutai Kartanegara, Isu
Strategis Daerah, dan Sasaran Pokok.</p>
<h2>Mencari dokumen di Pustaka</h2>
<p>Pustaka berisi peraturan, dokumen perencanaan, rekomendasi kebijakan, data, dan
kajian. Ketik kata kunci seperti <i>perencanaan</i> atau <i>lahan pangan</i>, atau
nomor peraturan seperti <i>59/2024</i> atau <i>UU 59 2024</i>. Persempit hasil
dengan jenis dokumen, tahun, label, atau status peraturan, lalu unduh berkasnya.
Alamat halaman hasil pencarian dapat dibagikan kepada orang lain.</p>
<h2>Berkonsultasi dengan pakar</h2>
<ol>
<li>Daftar sebagai <b>masyarakat</b> atau <b>pemerintah</b> dengan alamat surel yang
aktif, lalu buka tautan verifikasi yang kami kirim.</li>
<li>Pilih pakar menurut nama atau bidang keahliannya, lalu tekan
<b>Konsultasi</b>.</li>
<li>Tulis pokok persoalan dan pertanyaan Anda sejelas mungkin. Anda dapat melampirkan
berkas PDF atau foto.</li>
<li>Ikuti jawabannya di <b>Konsultasi Saya</b>. Percakapan hanya dapat dibaca oleh
Anda dan pakar yang Anda pilih.</li>
</ol>
<h2>Butuh bantuan?</h2>
<p>Hubungi layanan bantuan Bappeda yang tercantum di bagian bawah setiap halaman.</p>
""",
    },
    {
        "slug": "tentang",
        "title": "Tentang Ruang Runding",
        "intro": (
            "Ruang Runding adalah ruang musyawarah daring Bappeda Kabupaten Kutai "
            "Kartanegara untuk penyusunan dan pengawalan RPJPD 2025–2045."
        ),
        "body": """
<p>Rencana Pembangunan Jangka Panjang Daerah (RPJPD) menetapkan arah pembangunan
Kutai Kartanegara selama dua puluh tahun. Visinya, <b>Kutai Kartanegara Maju,
Tangguh, Berbudaya</b>, ditetapkan melalui Peraturan Daerah Nomor 16 Tahun 2024.
Agar visi itu dapat diukur dan dijalankan, Bappeda mengundang para ahli dari
perguruan tinggi, lembaga penelitian, dan praktisi untuk menimbangnya topik demi
topik.</p>
<h2>Empat layanan</h2>
<ul>
<li><b>Profil pakar</b>: daftar ahli beserta bidang keahlian, instansi, dan
publikasinya.</li>
<li><b>Musyawarah RPJPD</b>: topik yang disusun Bappeda dan tanggapan para pakar,
terbuka untuk dibaca publik.</li>
<li><b>Konsultasi</b>: pertanyaan pribadi dari masyarakat dan aparatur kepada pakar
pilihan mereka.</li>
<li><b>Pustaka</b>: perpustakaan publik berisi peraturan, dokumen perencanaan, data,
dan kajian.</li>
</ul>
<h2>Bagaimana masukan dipakai</h2>
<p>Bappeda merekap tanggapan pakar per topik dan per bagian sebagai bahan penyusunan
dan evaluasi dokumen perencanaan. Rekap itu mencatat bagaimana setiap masukan
ditindaklanjuti.</p>
<h2>Tentang data di situs ini</h2>
<p>Data demo situs ini memuat pakar, warga, tanggapan, dan konsultasi
<b>fiktif</b>. Topik yang ditandai ilustratif disusun dari gambaran umum tentang
Kutai Kartanegara, bukan dari naskah RPJPD, dan tidak boleh dikutip sebagai sikap
resmi pemerintah daerah.</p>
""",
    },
]

FOOTER = {
    "helpdesk_email": "ruangrunding@bappeda-kukar.example",
    "helpdesk_phone": "(0541) 000 000 (contoh)",
    "helpdesk_whatsapp": "0811 0000 0000 (contoh)",
    "office_hours": "Senin–Jumat, 08.00–16.00 WITA",
    "address": (
        "Bappeda Kabupaten Kutai Kartanegara\n"
        "Tenggarong, Kutai Kartanegara\n"
        "Kalimantan Timur"
    ),
}

# Codenames per app label: what a Bappeda editor manages outside the page tree.
EDITOR_MODEL_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "pustaka": ["add_documentkind", "change_documentkind", "delete_documentkind"],
    "experts": [
        "add_expertisefield",
        "change_expertisefield",
        "delete_expertisefield",
    ],
    "home": ["change_footersettings"],
    "wagtaildocs": ["add_document", "change_document", "delete_document"],
    "wagtailimages": ["add_image", "change_image", "delete_image"],
    "taggit": ["add_tag", "change_tag"],
}
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
EDITOR_COLLECTION_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
}


def publish(page):
    """Publish a newly created page's first revision."""
    page.save_revision().publish()
    return page


def ensure_home(plan):
    """Make a HomePage the site root, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Beranda",
                slug="beranda",
                seo_title="Ruang Runding Kutai Kartanegara",
                hero_title="Ruang Runding Kutai Kartanegara",
                hero_text=HERO_TEXT,
                rpjp_button_text="RPJP",
                intro=HOME_INTRO.format(
                    visi=plan["visi"], arah=plan["arah_pembangunan"].lower()
                ),
            )
        )
        publish(home)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    if site.root_page_id != home.pk or site.site_name != "Ruang Runding Kukar":
        site.root_page = home
        site.site_name = "Ruang Runding Kukar"
        site.save()

    # Wagtail's "Welcome to your new Wagtail site!" page, if still there.
    Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).exclude(pk=home.pk).filter(numchild=0).delete()
    return home


def ensure_guides(home, out):
    """The guides and the about page under the home page."""
    for guide in GUIDES:
        if StandardPage.objects.child_of(home).filter(slug=guide["slug"]).exists():
            continue
        page = home.add_child(
            instance=StandardPage(
                title=guide["title"],
                slug=guide["slug"],
                intro=guide["intro"],
                body=guide["body"].strip(),
                show_in_menus=True,
            )
        )
        publish(page)
        out.write(f"  page: {page.title}\n")


def ensure_footer(site):
    """Footer contact details, filled once and then left to the editors."""
    footer = FooterSettings.for_site(site)
    if not footer.helpdesk_email:
        for field, value in FOOTER.items():
            setattr(footer, field, value)
        footer.save()


def ensure_editor_group(home):
    """The "Editor Bappeda" group with the admin rights editors need, and no more."""
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    wanted = []
    for app_label, codenames in EDITOR_MODEL_PERMISSIONS.items():
        wanted += Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    missing = set(wanted) - set(group.permissions.all())
    if missing:
        group.permissions.add(*missing)

    for codename in EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page=home, permission=permission
        )

    root_collection = Collection.get_first_root_node()
    for app_label, codenames in EDITOR_COLLECTION_PERMISSIONS.items():
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    return group


def ensure_editor(group, out):
    """The demo editor account; its password is set only when it is created."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=EDITOR_USERNAME,
        defaults={
            "name": "Editor Bappeda (demo)",
            "email": "editor.bappeda@bappeda-kukar.example",
            "is_staff": True,
            "account_type": "pemerintah",
            "instansi": "Bappeda Kabupaten Kutai Kartanegara",
            "jabatan": "Pengelola Ruang Runding",
        },
    )
    if created:
        user.set_password(EDITOR_PASSWORD)
        user.save()
        # Wagtail admin in Indonesian for this editor.
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "id-id"
        profile.save()
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
    out.write(
        f"  editor (Wagtail admin /admin/): username {EDITOR_USERNAME} "
        f"password {EDITOR_PASSWORD}\n"
    )
    return user


def load_site(data, out):
    """Home page as the site root, guides, footer settings and the demo editor."""
    out.write("Site\n")
    home = ensure_home(data["konteks"]["rpjpd_kukar"])
    ensure_guides(home, out)
    ensure_footer(Site.objects.get(is_default_site=True))
    group = ensure_editor_group(home)
    ensure_editor(group, out)
