-- Copied unchanged from the team's shared reference (../shared/reference/ceiling/single.sql), so the bench runs without it.
-- One payment settled in ONE transaction: the lower bound of work per payment (the "synchronous" design).
\set src random(1, 10000)
\set dst random(1, 10000)
\set amt random(1, 100)
\set p random(1, 9000000000000)
BEGIN;
INSERT INTO payments(id, src, dst, amount, status) VALUES (:p, :src, :dst, :amt, 'succeeded') ON CONFLICT DO NOTHING;
UPDATE accounts SET balance = balance - :amt WHERE id = :src;
UPDATE accounts SET balance = balance + :amt WHERE id = :dst;
INSERT INTO postings(payment_id, account_id, amount) VALUES (:p, :src, -:amt), (:p, :dst, :amt);
INSERT INTO outbox(type, payload) VALUES ('payment.succeeded', '{"amount":1}');
COMMIT;
