"""The paths guides' first migrations name for these blocks (they now live in core.blocks).

Migrations store a StreamField's blocks by dotted path, so the old paths stay importable."""

from core.blocks import EmbedBlock, MultilineTextBlock, ParagraphBlock, TableBlock

__all__ = ["EmbedBlock", "MultilineTextBlock", "ParagraphBlock", "TableBlock"]
