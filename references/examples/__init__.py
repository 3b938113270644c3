"""The bundled example draft and the Crossref snapshot that lets it run offline."""
