"""The benchmark corpus: generated PDFs with exact ground truth Markdown (see ``build``)."""
