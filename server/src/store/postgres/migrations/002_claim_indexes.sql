-- Claiming and the next due time find ordered hooks' oldest deliveries hook by hook instead of walking
-- every pending delivery (a backlog behind an ordered hook whose receiver is down can be very long),
-- and read leased deliveries (at most the deliveries in flight) without scanning the pending ones.
CREATE INDEX hooks_ordered ON hooks (tenant_id, id) WHERE ordered;
CREATE INDEX deliveries_leased ON deliveries (tenant_id, hook_id) WHERE status = 'pending' AND lease_expires_at IS NOT NULL;
