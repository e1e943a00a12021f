"""Stage 1, content: a YAML file read safely, validated and turned into the content model.

``yamlsafe`` reads untrusted YAML into a located tree, ``grammar`` declares
the types, ``loader`` checks every key and builds :class:`model.Content`;
``datafiles`` (CSV/Excel), ``pictures``, ``course``, ``markup`` and
``yardstick`` read the parts of it that come from elsewhere.
"""
