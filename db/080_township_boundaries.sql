-- Township boundaries for the console's map (issue 15): one GeoJSON geometry (Polygon or MultiPolygon,
-- WGS 84 longitude/latitude) per township division. The demo county generates its own
-- (demo/demo_boundaries.c, source 'demo'); a real county imports its FeatureCollection
-- (PUT /api/v1/boundaries, source 'import'), which replaces the rows of the townships it carries.
CREATE TABLE township_boundaries (
    division_code TEXT PRIMARY KEY REFERENCES divisions(code),
    geometry      TEXT NOT NULL,      -- GeoJSON geometry object, compact
    source        TEXT NOT NULL CHECK (source IN ('demo', 'import')),
    updated_by    INTEGER REFERENCES users(id),
    updated_at    INTEGER NOT NULL
);
