"""The forms of the question pages: a journalist's question, and the moderator's actions."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from presscenter.events.models import Event, EventQuestion, Session, Speaker
from presscenter.events.questions import MAX_ANSWER, MAX_REASON, MAX_TEXT


class AskForm(forms.Form):
    text = forms.CharField(
        label=_("Câu hỏi của bạn"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ngắn gọn, một vấn đề mỗi câu hỏi; tối đa 1.000 ký tự. Ban tổ chức duyệt trước khi đưa lên."),
    )
    session = forms.ModelChoiceField(
        label=_("Phiên"), queryset=Session.objects.none(), required=False, empty_label=_("— Không chọn —")
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any):
        super().__init__(*args, **kwargs)
        sessions = event.sessions.all()
        if sessions.exists():
            cast(forms.ModelChoiceField, self.fields["session"]).queryset = sessions
        else:
            del self.fields["session"]


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không đưa vào"), max_length=MAX_REASON)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Nội dung trả lời"), max_length=MAX_ANSWER, widget=forms.Textarea(attrs={"rows": 3})
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Lên")), ("down", _("Xuống"))])


class AssignForm(forms.Form):
    speaker = forms.ModelChoiceField(
        label=_("Người trả lời"), queryset=Speaker.objects.none(), required=False, empty_label=_("— Chưa giao —")
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["speaker"]).queryset = event.speakers.all()


class MergeForm(forms.Form):
    kept = forms.ModelChoiceField(label=_("Gộp vào câu hỏi"), queryset=EventQuestion.objects.none())

    def __init__(self, *args: Any, event: Event, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["kept"]).queryset = event.questions.all()


class EmptyForm(forms.Form):
    pass
