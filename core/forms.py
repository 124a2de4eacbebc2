"""What every public form of the site shares: the error summary, choices that never 500."""

from django import forms
from django.core.exceptions import ValidationError


class ErrorSummaryMixin:
    """``error_summary()`` for ``core/includes/error_summary.html``.

    Fields named in ``summary_skips`` (a honeypot) are never listed.
    """

    summary_skips: tuple[str, ...] = ()

    def error_summary(self):
        """(anchor id, label, first error) per invalid field, in the order of the form.

        A group of radio buttons or checkboxes has no single input to point at (its
        ``id_for_label`` is empty), so the link goes to its first option.
        """
        items = []
        for field in self:
            if not field.errors or field.name in self.summary_skips:
                continue
            anchor = field.id_for_label
            if not anchor:
                options = field.subwidgets
                anchor = options[0].id_for_label if options else field.auto_id
            items.append((anchor, field.label, field.errors[0]))
        return items


# The ids a database can hold: a number beyond them is no choice at all, but SQLite raises
# OverflowError (a 500) when asked for it, so such values are refused before the query.
ID_RANGE = range(-(2**63), 2**63)


def _fits_an_id(value):
    try:
        return int(str(value).strip()) in ID_RANGE
    except ValueError:
        return True  # not a number: the field's own check refuses it with its message


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` that answers an id out of range as an invalid choice."""

    def to_python(self, value):
        if value not in self.empty_values and not _fits_an_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` that answers an id out of range as an invalid choice."""

    def _check_values(self, value):
        for item in value or ():
            if not _fits_an_id(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)
