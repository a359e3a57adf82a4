"""The English catalog is complete, consistent with its msgids, compiled, and actually used."""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from presscenter.core.errors import DomainError
from presscenter.releases import domain
from presscenter.releases.models import ItemType

LOCALE_DIR = Path(__file__).resolve().parents[1] / "presscenter" / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"

# Python-format placeholders (named and positional), brace-format placeholders and literal percent signs.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|%%|\{[A-Za-z_][A-Za-z0-9_]*\}")
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    # "msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr[0]", ... → unescaped text.
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgstrs(self) -> dict[str, str]:
        return {key: text for key, text in self.fields.items() if key.startswith("msgstr")}


def _unquote(quoted: str) -> str:
    body = quoted.strip()[1:-1]
    return re.sub(r"\\(.)", lambda match: ESCAPES[match.group(1)], body)


def parse_po(path: Path) -> list[Entry]:
    """Enough of the PO format for a catalog written by makemessages: one entry per blank-line block."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry, key = Entry(), ""
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry.fields[key] += _unquote(line)
            else:
                key, quoted = line.split(" ", 1)
                entry.fields[key] = _unquote(quoted)
        entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def catalog() -> list[Entry]:
    entries = parse_po(PO_PATH)
    assert entries[0].fields["msgid"] == "", "the first entry must be the header"
    return entries[1:]


def test_header_declares_english_and_plural_forms():
    header = parse_po(PO_PATH)[0]
    assert "fuzzy" not in header.flags
    assert "Language: en\n" in header.fields["msgstr"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header.fields["msgstr"]
    assert "charset=UTF-8" in header.fields["msgstr"]


def test_every_entry_is_translated_and_not_fuzzy(catalog):
    untranslated = [e.fields["msgid"] for e in catalog if not e.msgstrs or not all(e.msgstrs.values())]
    fuzzy = [e.fields["msgid"] for e in catalog if "fuzzy" in e.flags]
    plural_incomplete = [
        e.fields["msgid"]
        for e in catalog
        if "msgid_plural" in e.fields and set(e.msgstrs) != {"msgstr[0]", "msgstr[1]"}
    ]
    assert untranslated == []
    assert fuzzy == []
    assert plural_incomplete == []


def test_placeholders_of_translation_match_msgid(catalog):
    mismatched = []
    for entry in catalog:
        for key, text in entry.msgstrs.items():
            source = entry.fields["msgid_plural"] if key == "msgstr[1]" else entry.fields["msgid"]
            expected = sorted(PLACEHOLDER.findall(source))
            if sorted(PLACEHOLDER.findall(text)) != expected:
                mismatched.append((entry.fields["msgid"], text))
    assert mismatched == []


def test_compiled_catalog_matches_po(catalog):
    """The committed .mo is what machines without gettext use, so it must hold every translation."""
    with MO_PATH.open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    # GNUTranslations keys plural entries by (msgid, n): count distinct msgids (with context) instead.
    compiled_ids = {key[0] if isinstance(key, tuple) else key for key in translations._catalog}  # type: ignore[attr-defined]
    compiled_ids.discard("")  # the header
    po_ids = {
        f"{e.fields['msgctxt']}\x04{e.fields['msgid']}" if "msgctxt" in e.fields else e.fields["msgid"]
        for e in catalog
        if all(e.msgstrs.values())
    }
    assert compiled_ids == po_ids
    for entry in catalog:
        if "msgctxt" not in entry.fields and "msgid_plural" not in entry.fields:
            assert translations.gettext(entry.fields["msgid"]) == entry.fields["msgstr"]


def test_item_type_labels_are_english():
    with translation.override("en"):
        assert str(ItemType.PRESS_RELEASE.label) == "Press release"
        assert str(ItemType.CORRECTION.label) == "Correction"
    with translation.override("vi"):
        assert str(ItemType.PRESS_RELEASE.label) == "Thông cáo báo chí"


def test_domain_error_message_is_english(newsroom):
    with pytest.raises(DomainError) as refused:
        domain.create_item(newsroom.editor, newsroom.org, title="")
    with translation.override("en"):
        assert str(refused.value.message) == "The title must not be empty."
    with translation.override("vi"):
        assert str(refused.value.message) == "Tiêu đề không được để trống."


@pytest.mark.django_db
def test_pages_stay_vietnamese_for_an_english_browser_until_the_reader_switches(client):
    page = client.get(reverse("accounts:login"), headers={"accept-language": "en"})
    assert page.status_code == 200
    assert "<title>Đăng nhập –" in page.content.decode()
    client.cookies["django_language"] = "en"
    page = client.get(reverse("accounts:login"), headers={"accept-language": "vi"})
    assert "<title>Sign in –" in page.content.decode()


@pytest.mark.django_db
def test_language_switch_sets_english_for_later_pages(client):
    switched = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert switched.status_code == 302
    page = client.get(reverse("accounts:login")).content.decode()
    assert "<title>Sign in –" in page
    assert 'lang="en"' in page
