"""Readers: published reports (text, Markdown, HTML, PDF, DOCX) into the model."""
