"""Readers by input format, dispatched from pipeline.ingest (the only entry point)."""
