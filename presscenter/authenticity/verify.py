"""Is this document official? Checks by verification code, by pasted text and by file.

Read-only: nothing here writes. Every answer respects what the asking user may read (embargo),
and never reveals that an unpublished or embargoed item exists.
"""

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import IO, Any, Literal

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from presscenter.authenticity import keys
from presscenter.authenticity.canonical import normalised_text, text_digest
from presscenter.core.errors import DomainError
from presscenter.core.html import sanitize, to_text
from presscenter.releases import access
from presscenter.releases.domain import plain_text
from presscenter.releases.models import Attachment, Item, Version
from presscenter.search.query import SearchParams, search

MAX_TEXT_CHARS = 200_000
MAX_CODE_CHARS = 32
SIMILARITY_THRESHOLD = 0.6
SEARCH_CANDIDATES = 20
SEARCH_WORDS = 8
RECENT_CANDIDATES = 100
DIFF_CONTEXT_WORDS = 12
# Characters that copying from web pages and office files adds invisibly.
INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
CODE_SEPARATORS_RE = re.compile(r"[\s\-–—_.]+")
WORD_RE = re.compile(r"\w+")
TAG_HINT_RE = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


class Status(StrEnum):
    AUTHENTIC = "authentic"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"
    NO_MATCH = "no_match"


# Several matches: the answer is the best of them.
STATUS_RANK = {Status.AUTHENTIC: 0, Status.SUPERSEDED: 1, Status.WITHDRAWN: 2, Status.NO_MATCH: 3}


@dataclass(frozen=True)
class Match:
    """One official version that the document is (or includes)."""

    item: Item
    version: Version
    status: Status
    signature_valid: bool
    message: str  # what the document is
    note: str = ""  # why it is no longer the current text: superseded or withdrawn


@dataclass(frozen=True)
class DiffSegment:
    kind: Literal["equal", "removed", "added"]  # removed: in the official text only; added: in the pasted text only
    text: str


@dataclass(frozen=True)
class Closest:
    """The nearest official version when the text does not match exactly."""

    item: Item
    version: Version
    similarity: float
    diff: list[DiffSegment]

    @property
    def percent(self) -> int:
        return int(self.similarity * 100)


@dataclass(frozen=True)
class Result:
    status: Status
    message: str
    note: str = ""
    matches: list[Match] = field(default_factory=list)
    closest: Closest | None = None

    @property
    def authentic(self) -> bool:
        return self.status != Status.NO_MATCH


# --- shared pieces -------------------------------------------------------------------------


def check_signature(version: Version) -> bool:
    """Ed25519 check of the stored canonical bytes against the public key that signed them."""
    return keys.check(bytes(version.signed_bytes), version.signature, version.key_id)


def _readable(item: Item, user: Any) -> bool:
    """Published at least once, and not under embargo for this user (withdrawn items stay readable)."""
    if item.current_version_id is None:
        return False
    return not (item.under_embargo() and not access.can_see_embargoed(user, item))


def _when(moment: Any) -> str:
    return date_format(timezone.localtime(moment), "H:i d/m/Y")


def _match(item: Item, version: Version) -> Match:
    assert item.current_version is not None
    facts = {
        "title": version.title,
        "number": version.number,
        "published": _when(version.published_at),
        "agency": item.organisation.name,
    }
    found = (
        _(
            "Văn bản chính thức: tin “%(title)s”, phiên bản %(number)s, công bố lúc %(published)s, cơ quan ban hành: %(agency)s."
        )
        % facts
    )
    if item.withdrawn_at is not None:
        status = Status.WITHDRAWN
        note = _("Tin này đã bị thu hồi lúc %(withdrawn)s. Lý do: %(reason)s") % {
            "withdrawn": _when(item.withdrawn_at),
            "reason": item.withdrawal_reason,
        }
    elif version.pk != item.current_version_id:
        status = Status.SUPERSEDED
        note = _("Phiên bản này đã được thay thế bởi phiên bản %(current)s (công bố lúc %(published)s).") % {
            "current": item.current_version.number,
            "published": _when(item.current_version.published_at),
        }
    else:
        status, note = Status.AUTHENTIC, ""
    return Match(item, version, status, signature_valid=check_signature(version), message=found, note=note)


def _result(matches: list[Match], closest: Closest | None = None) -> Result:
    if not matches:
        if closest is None:
            return Result(Status.NO_MATCH, _("Không khớp với văn bản chính thức nào đã công bố."))
        message = _(
            "Không khớp với văn bản chính thức nào. Văn bản gần nhất: tin “%(title)s”, phiên bản %(number)s "
            "(giống %(percent)s%%). Những chỗ khác nhau được đánh dấu bên dưới."
        ) % {"title": closest.version.title, "number": closest.version.number, "percent": closest.percent}
        return Result(Status.NO_MATCH, message, closest=closest)
    matches = sorted(matches, key=lambda m: (STATUS_RANK[m.status], -m.version.published_at.timestamp()))
    best = matches[0]
    return Result(best.status, best.message, best.note, matches)


def _items_with_versions() -> QuerySet[Item]:
    return Item.objects.select_related("organisation", "current_version").prefetch_related(
        Prefetch("versions", queryset=Version.objects.order_by("number"))
    )


# --- by verification code --------------------------------------------------------------------


def clean_code(code: str) -> str:
    """Codes are read out over the phone and retyped: ignore case, spaces and dashes."""
    return CODE_SEPARATORS_RE.sub("", code or "").upper()


def verify_code(code: str, user: Any = None) -> Result:
    cleaned = clean_code(code)
    if not cleaned:
        raise DomainError(_("Hãy nhập mã xác thực in trên văn bản."), field="code")
    if len(cleaned) > MAX_CODE_CHARS:
        raise DomainError(_("Mã xác thực quá dài; mã gồm 8 ký tự."), field="code")
    item = Item.objects.select_related("organisation", "current_version").filter(verification_code=cleaned).first()
    if item is None or not _readable(item, user):
        return Result(Status.NO_MATCH, _("Không có văn bản chính thức nào mang mã %(code)s.") % {"code": cleaned})
    assert item.current_version is not None
    return _result([_match(item, item.current_version)])


# --- by pasted text --------------------------------------------------------------------------


def _text_variants(text: str) -> list[str]:
    """The pasted text as-is, without invisible characters, and as plain text if it is markup."""
    variants = [text, INVISIBLE_RE.sub("", text)]
    if TAG_HINT_RE.search(text):
        variants.append(to_text(sanitize(variants[-1])))
    return variants


def verify_text(text: str, user: Any = None) -> Result:
    if not (text or "").strip():
        raise DomainError(_("Hãy dán nội dung văn bản cần kiểm tra."), field="text")
    if len(text) > MAX_TEXT_CHARS:
        raise DomainError(
            _("Văn bản quá dài (tối đa %(limit)s ký tự). Hãy dán phần tiêu đề, sapo và nội dung chính.")
            % {"limit": f"{MAX_TEXT_CHARS:,}".replace(",", ".")},
            field="text",
        )
    variants = _text_variants(text)
    digests = {text_digest(variant) for variant in variants}
    versions = Version.objects.filter(text_digest__in=digests).select_related(
        "item__organisation", "item__current_version"
    )
    matches = [_match(v.item, v) for v in versions if _readable(v.item, user)]
    if matches:
        return _result(matches)
    return _result([], closest_version(variants[-1], user))


def _words(text: str) -> list[str]:
    return normalised_text(text).split(" ")


def _candidate_items(text: str, user: Any) -> list[Item]:
    """Items worth comparing: what search finds for the text's opening words, and recent items."""
    # Plain words only: search syntax (quotes, a leading minus) in pasted text must not change the query.
    ids = _search_hits(" ".join(WORD_RE.findall(text)[:SEARCH_WORDS]), user)
    recent = access.public_items(user).order_by("-last_published_at").values_list("pk", flat=True)
    ids += [pk for pk in recent[:RECENT_CANDIDATES] if pk not in ids]
    return [item for item in _items_with_versions().filter(pk__in=ids) if _readable(item, user)]


def _search_hits(query: str, user: Any) -> list[int]:
    try:
        found = search(SearchParams(q=query, per_page=SEARCH_CANDIDATES), user)
    except DomainError:  # a query the search syntax refuses: rely on recent items
        return []
    return [hit.item.pk for hit in found.hits]


def closest_version(text: str, user: Any = None) -> Closest | None:
    """The most similar official version, if similar enough (word-level SequenceMatcher ratio)."""
    pasted = _words(text)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(pasted)  # the matcher caches facts about seq2: keep the pasted text there
    best: tuple[float, Item, Version] | None = None
    for item in _candidate_items(text, user):
        for version in item.versions.all():
            matcher.set_seq1(_words(plain_text(version.title, version.lead, version.body)))
            floor = best[0] if best else SIMILARITY_THRESHOLD
            # The cheap upper bounds first: most candidates are far off.
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            ratio = matcher.ratio()
            if ratio >= floor:
                best = (ratio, item, version)
    if best is None:
        return None
    ratio, item, version = best
    official = _words(plain_text(version.title, version.lead, version.body))
    return Closest(item=item, version=version, similarity=ratio, diff=word_diff(official, pasted))


def word_diff(official: list[str], pasted: list[str]) -> list[DiffSegment]:
    """What differs, word by word; long unchanged stretches keep only a little context."""
    segments: list[DiffSegment] = []
    opcodes = difflib.SequenceMatcher(a=official, b=pasted, autojunk=False).get_opcodes()
    for tag, a1, a2, b1, b2 in opcodes:
        if tag == "equal":
            segments.append(DiffSegment("equal", _shorten(official[a1:a2])))
            continue
        if a2 > a1:
            segments.append(DiffSegment("removed", " ".join(official[a1:a2])))
        if b2 > b1:
            segments.append(DiffSegment("added", " ".join(pasted[b1:b2])))
    return segments


def _shorten(words: list[str]) -> str:
    if len(words) <= 2 * DIFF_CONTEXT_WORDS:
        return " ".join(words)
    return f"{' '.join(words[:DIFF_CONTEXT_WORDS])} … {' '.join(words[-DIFF_CONTEXT_WORDS:])}"


# --- by file ---------------------------------------------------------------------------------


def file_digest(upload: IO[bytes], size: int | None) -> str:
    limit = settings.ATTACHMENT_MAX_BYTES
    if size is not None and size > limit:
        raise DomainError(_too_large(limit), field="file")
    digest = hashlib.sha256()
    read = 0
    upload.seek(0)
    while chunk := upload.read(1024 * 1024):
        read += len(chunk)
        if read > limit:  # the declared size can lie
            raise DomainError(_too_large(limit), field="file")
        digest.update(chunk)
    if read == 0:
        raise DomainError(_("Tệp rỗng: hãy chọn đúng tệp cần kiểm tra."), field="file")
    return digest.hexdigest()


def _too_large(limit: int) -> str:
    return _("Tệp quá lớn: tối đa %(size)s MB.") % {"size": f"{limit / 2**20:g}"}


def _signed_attachment_hashes(version: Version) -> set[str]:
    document = json.loads(bytes(version.signed_bytes))
    return {entry["sha256"] for entry in document.get("attachments", [])}


def verify_file(upload: IO[bytes] | None, user: Any = None) -> Result:
    """`upload` is a Django UploadedFile (or any binary file object)."""
    if upload is None:
        raise DomainError(_("Hãy chọn tệp cần kiểm tra."), field="file")
    digest = file_digest(upload, getattr(upload, "size", None))
    item_ids = Attachment.objects.filter(sha256=digest, published=True).values_list("item_id", flat=True)
    matches = [
        _match(item, version)
        for item in _items_with_versions().filter(pk__in=item_ids)
        if _readable(item, user)
        for version in item.versions.all()
        if digest in _signed_attachment_hashes(version)
    ]
    if not matches:
        return Result(Status.NO_MATCH, _("Tệp này không có trong văn bản chính thức nào đã công bố."))
    return _result(matches)
