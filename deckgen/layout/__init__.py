"""Layout: slide geometry, the fitting engine and the placed-slide model every renderer draws."""
