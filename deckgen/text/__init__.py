"""Text: the shipped font files, their metrics, and measuring and wrapping text with them."""
