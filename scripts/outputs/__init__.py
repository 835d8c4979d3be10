"""Outputs: what the build writes beside the pages (embeds, JSON, QR codes, leaflets and PDFs, redirects, hosting files, archives)."""
