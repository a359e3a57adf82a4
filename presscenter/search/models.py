from django.db import models
from django.utils.translation import gettext_lazy as _

from presscenter.releases.models import Item


class SearchDocument(models.Model):
    """One public item as the search index sees it: text already folded by presscenter.text
    (tokens joined by single spaces), plus the columns that filters use.

    The full-text index over these columns is vendor specific and lives in migrations:
    an FTS5 table kept in step by triggers on SQLite, a generated tsvector column with a GIN
    index on PostgreSQL.
    """

    item = models.OneToOneField(Item, primary_key=True, on_delete=models.CASCADE, related_name="search_document")
    title = models.TextField(_("tiêu đề (đã chuẩn hóa)"))
    lead = models.TextField(_("sapo (đã chuẩn hóa)"), blank=True)
    body = models.TextField(_("nội dung (đã chuẩn hóa)"), blank=True)
    # The body's first ranking.BODY_CHARS, all that ranking reads: with news-length bodies,
    # reading (and on PostgreSQL decompressing) whole bodies was most of a search's SQL time.
    # Nullable only so that SQLite adds the column in place: for a NOT NULL column Django
    # rebuilds the table, which would drop the FTS5 triggers.
    opening = models.TextField(_("đoạn mở đầu (đã chuẩn hóa)"), null=True, blank=True)  # noqa: DJ001 - see above
    # Title, lead and opening with their accents (ranking.marked_columns), read to rank an
    # accented query's exact matches above folded ones. Nullable like the opening.
    marked = models.TextField(_("tiêu đề, sapo và đoạn mở đầu có dấu"), null=True, blank=True)  # noqa: DJ001 - see above
    # Agency, type, topic and area as tokens ("o3 kpressrelease t12 a7", see index.filter_tags),
    # so the full-text index alone serves these filters.
    tags = models.TextField(_("nhãn lọc"), blank=True)
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="+")
    type = models.CharField(_("loại tin"), max_length=20)
    language = models.CharField(_("ngôn ngữ"), max_length=2)
    published_at = models.DateTimeField(_("cập nhật lần cuối"))
    embargo_until = models.DateTimeField(_("cấm đăng đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("tài liệu tìm kiếm")
        verbose_name_plural = _("tài liệu tìm kiếm")
        indexes = [
            models.Index(fields=["-published_at", "-item"], name="search_doc_latest"),
            models.Index(fields=["organisation", "-published_at"], name="search_doc_org_latest"),
            models.Index(fields=["type", "-published_at"], name="search_doc_type_latest"),
            # The few items under embargo now, excluded by id from public searches.
            models.Index(
                fields=["embargo_until"], name="search_doc_embargoed", condition=models.Q(embargo_until__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return self.title
