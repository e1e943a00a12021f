"""Renderers of the placed deck: the pptx writer (python-pptx), the preview painter, and ``check``."""
