"""Renderers of the network map: one module per format, each turning a NetworkMap into a string.

Which module renders which `map --format` is said once, in `collabgain_cli.render`.
"""
