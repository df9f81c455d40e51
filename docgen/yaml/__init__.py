"""Generic YAML: read with locations, locate nodes, emit, splice, verify and edit text.

Nothing here knows about project files or the models; `docgen.loader` adds that.
"""
