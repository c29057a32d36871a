-- Why a delivery was cancelled (hook deleted, gone, disabled or switched off, or its event pruned), so
-- that recover can bring back what an auto-disable or a 410 cancelled.
ALTER TABLE deliveries ADD COLUMN cancel_reason TEXT;
