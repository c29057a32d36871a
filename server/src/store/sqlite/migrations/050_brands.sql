-- GET /v1/brands lists the brands a tenant's events carry by hopping from one brand to the next in this
-- index (a loose index scan), so its cost grows with the number of brands, not of events. Partial: events
-- without a brand (single-brand helpdesks) add nothing to it.
CREATE INDEX events_tenant_brand ON events (tenant_id, brand) WHERE brand IS NOT NULL;
