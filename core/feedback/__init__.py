"""The "Klopt er iets niet?" form: a visitor's short note about a page, mailed and listed.

A page type turns it on by declaring ``core.models.AcceptsFeedback`` among its bases and
naming where the organisation's e-mail address is found (the first one filled in wins; none?
the site's editors get it)::

    class PlacePage(AcceptsFeedback, Location, VisitInformation, BasePage):
        feedback_contacts = ("email", "organisation.contact_email")

The view is registered in ``CoreConfig.ready()`` (``routing.register_feedback_views``); the
registry (``feedback_url``) is safe to import anywhere.
"""
