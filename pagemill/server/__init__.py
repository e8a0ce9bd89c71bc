"""The HTTP service and web viewer (``pagemill serve``); needs the ``server`` extra.

Importing this package does not import FastAPI: the CLI registers ``serve`` without it.
"""
