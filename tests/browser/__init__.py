"""Real-browser tests: the lessons opened and run in JupyterLab, driven by Playwright and Chromium.

A package (this file) so that ``tests/browser/conftest.py`` is imported as
``browser.conftest`` and does not replace ``tests/conftest.py`` in ``sys.modules``
(the other test modules do ``from conftest import REPO``).
"""
