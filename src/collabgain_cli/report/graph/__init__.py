"""The network map as graphs: Mermaid, DOT (Graphviz), GraphML and SVG (the picture the HTML
report embeds), with the layout and the wording they share.

Which module renders which `map --format` is said once, in `collabgain_cli.render`.
"""
