"""Project package: settings, URLs and the WSGI entry point.

Named ``coalition`` rather than ``site`` because Python's standard library owns
the module name ``site``.
"""
