-- Copied unchanged from the team's shared reference (../shared/reference/ceiling/choreo.sql), so the bench runs without it.
-- One payment as an event-driven flow with one transaction per step, each writing its inbox and outbox rows,
-- and the relay marking each event published: what an unbatched outbox design costs in SQL alone.
\set src random(1, 10000)
\set dst random(1, 10000)
\set amt random(1, 100)
\set p random(1, 9000000000000)
BEGIN;
INSERT INTO payments(id, src, dst, amount, status) VALUES (:p, :src, :dst, :amt, 'pending') ON CONFLICT DO NOTHING;
INSERT INTO outbox(type, payload) VALUES ('payment.created', '{"amount":1}');
COMMIT;
UPDATE outbox SET published_at = now() WHERE id = (SELECT max(id) FROM outbox);
BEGIN;
INSERT INTO inbox VALUES ('risk', :p) ON CONFLICT DO NOTHING;
INSERT INTO risk(payment_id, decision, score) VALUES (:p, 'approve', 10);
INSERT INTO outbox(type, payload) VALUES ('risk.assessed', '{"amount":1}');
COMMIT;
UPDATE outbox SET published_at = now() WHERE id = (SELECT max(id) FROM outbox);
BEGIN;
INSERT INTO inbox VALUES ('payments', :p) ON CONFLICT DO NOTHING;
UPDATE payments SET status = 'processing', updated_at = now() WHERE id = :p;
INSERT INTO outbox(type, payload) VALUES ('payment.approved', '{"amount":1}');
COMMIT;
UPDATE outbox SET published_at = now() WHERE id = (SELECT max(id) FROM outbox);
BEGIN;
INSERT INTO inbox VALUES ('accounts', :p) ON CONFLICT DO NOTHING;
UPDATE accounts SET balance = balance - :amt WHERE id = :src;
UPDATE accounts SET balance = balance + :amt WHERE id = :dst;
INSERT INTO postings(payment_id, account_id, amount) VALUES (:p, :src, -:amt), (:p, :dst, :amt);
INSERT INTO outbox(type, payload) VALUES ('funds.transferred', '{"amount":1}');
COMMIT;
UPDATE outbox SET published_at = now() WHERE id = (SELECT max(id) FROM outbox);
BEGIN;
INSERT INTO inbox VALUES ('payments-2', :p) ON CONFLICT DO NOTHING;
UPDATE payments SET status = 'succeeded', updated_at = now() WHERE id = :p;
INSERT INTO outbox(type, payload) VALUES ('payment.succeeded', '{"amount":1}');
COMMIT;
UPDATE outbox SET published_at = now() WHERE id = (SELECT max(id) FROM outbox);
BEGIN;
INSERT INTO inbox VALUES ('notifications', :p) ON CONFLICT DO NOTHING;
INSERT INTO notifications(payment_id, kind) VALUES (:p, 'payment.succeeded');
COMMIT;
