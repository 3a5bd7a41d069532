"""Where events happen: place mentions resolved in a bundled GeoNames gazetteer (the ``place`` stage)."""
