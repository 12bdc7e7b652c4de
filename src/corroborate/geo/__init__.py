"""Places: the GeoNames gazetteer (built by `corroborate gazetteer build`, extended with
`corroborate gazetteer add`) and geocoding of the places a report names."""

from corroborate.geo.gazetteer import Gazetteer, default_gazetteer
from corroborate.geo.resolve import METONYMY, NOT_FOUND, geocode

__all__ = ["METONYMY", "NOT_FOUND", "Gazetteer", "default_gazetteer", "geocode"]
