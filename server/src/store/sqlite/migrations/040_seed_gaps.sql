-- Issue 15 (seed gaps). hooks.redirects: whether a 3xx answer counts as success ('fail' keeps the
-- behaviour every existing hook had). tenants.live_chat_app_id: the appId `livechat` hooks send.
ALTER TABLE hooks ADD COLUMN redirects TEXT NOT NULL DEFAULT 'fail' CHECK (redirects IN ('fail', 'succeed'));
ALTER TABLE tenants ADD COLUMN live_chat_app_id TEXT;
