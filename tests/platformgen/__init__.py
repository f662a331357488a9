"""Outsider-written mini-site of the English edition in the probable real CMS templates.

Standard library only; never imports ``scraper``. See tests/fixtures/platform/README.md.
"""
