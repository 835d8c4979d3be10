"""What this machine provides: Debian's Chromium, Java, pdftotext and nginx, and a local web server."""
