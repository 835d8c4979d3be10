"""The MkDocs layer, kept thin: hooks that hand data in and out (a folder named mkdocs would shadow the library)."""
