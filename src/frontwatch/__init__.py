"""frontwatch: war reporting into verified, geolocated, evidence-linked event data."""

__version__ = "0.1.0"
