"""aikg: a claims-and-entities knowledge graph of AI-industry news written in Korean."""

__version__ = "0.1.0"
