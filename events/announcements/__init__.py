"""The public "announce an activity" flow of the agenda.

A visitor fills in the form on an ``EventSubmissionPage``; a valid announcement becomes a
draft ``EventPage`` in the moderation workflow, and nothing is published until an editor
approves it. Who sent it (name, e-mail, phone) is kept apart, in ``EventSubmission``, so it
never reaches the page, its revisions or the search index, and it is deleted after
``EVENTS_SUBMISSION_RETENTION_DAYS`` by ``delete_expired_submissions``.

- ``fields``: how the model's fields are read from the public (plain text, a place).
- ``form``: ``AnnouncementForm``, a ModelForm on ``EventPage`` plus the sender's details.
- ``layout``: its fieldsets and the summary of its errors.
- ``repeat``: once, every week, every two weeks or every month, as an RRULE built by the
  admin widget's own ``join_rule``.
- ``building``: a valid form becomes a draft event and an ``EventSubmission``.
- ``moderation``: the workflow starts without Wagtail's own "submitted" e-mails.
- ``notify``: the confirmation to the sender and the one e-mail to the moderators.
- ``view``: the page's GET and POST, the honeypot and the rate limit.
- ``limits``: retention period, rate and how far ahead a date may be.
"""
