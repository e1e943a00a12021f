"""The build: one :class:`pipeline.Build` per content file, handed to every format's writer.

``formats`` is the registry of output formats, ``pipeline`` the build
object and the all-or-nothing write, ``batch``/``parallel``/``incremental``
build many files quickly, ``watch`` rebuilds on save and ``repro`` makes
outputs byte-for-byte reproducible.
"""
