-- Over Axon Server an attempt whose outcome is unknown (a command timed out, or lost its connection after it ran)
-- keeps its key's claim, so that the same request sent again runs under the same identity and moves money once; this
-- says until when the claim's running attempt holds it. Null where the claim commits with the events (the embedded
-- default), and on claims from before, whose attempt is given up two minutes after the claim, as it was then. Numbered 10.3 so that migrations of branches developed alongside land before it.
ALTER TABLE idempotency_key ADD COLUMN attempt_expires_at TIMESTAMP WITH TIME ZONE;
