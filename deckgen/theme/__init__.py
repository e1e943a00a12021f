"""Themes: the look of a deck as data (``themes/*.yaml`` with ``extends``).

``theme`` loads and validates a theme, ``colour`` holds the colour
arithmetic every renderer shares, ``contrast`` the WCAG checks and
``master`` reads organisation PowerPoint masters.
"""
