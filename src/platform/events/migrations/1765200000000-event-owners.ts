import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may see an event (GET /v1/events with an owner-bound key), without the platform knowing any
 * module: `platform.subject_owners` maps a subject to the owners it belongs to, kept by a trigger
 * on the outbox in the publishing transaction. An event whose data has a string `ownerId` makes its
 * subject that owner's (an account opened for an owner); an event whose data names an owned
 * subject makes its own subject belong to the same owners (a payment between two accounts belongs
 * to both owners, and so do its refunds, risk assessments and transfers, published under the
 * payment id). The rows outlive retention: an account's owner is still known when its opening
 * event is long pruned.
 */
export class EventOwners1765200000000 implements MigrationInterface {
  name = 'EventOwners1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE platform.subject_owners (
        subject  text NOT NULL,
        owner_id text NOT NULL,
        PRIMARY KEY (subject, owner_id)
      )`);
    await db.query(`CREATE INDEX subject_owners_owner ON platform.subject_owners (owner_id, subject)`);
    // The events API filters by subject and pages by seq.
    await db.query(`CREATE INDEX outbox_events_subject ON platform.outbox_events (subject, seq)`);

    await db.query(`
      CREATE FUNCTION platform.record_subject_owners() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO platform.subject_owners (subject, owner_id)
        SELECT NEW.subject, o.owner_id FROM (
          SELECT NEW.data->>'ownerId' AS owner_id WHERE jsonb_typeof(NEW.data->'ownerId') = 'string'
          UNION
          SELECT s.owner_id FROM platform.subject_owners s
          WHERE s.subject IN (SELECT value FROM jsonb_each_text(NEW.data)) AND s.subject <> NEW.subject
        ) o
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER outbox_events_subject_owners AFTER INSERT ON platform.outbox_events
      FOR EACH ROW EXECUTE FUNCTION platform.record_subject_owners()`);

    // Events already retained, in publishing order: owners first, then what names them.
    await db.query(`
      INSERT INTO platform.subject_owners (subject, owner_id)
      SELECT DISTINCT subject, data->>'ownerId' FROM platform.outbox_events
      WHERE jsonb_typeof(data->'ownerId') = 'string'
      ON CONFLICT DO NOTHING`);
    await db.query(`
      INSERT INTO platform.subject_owners (subject, owner_id)
      SELECT DISTINCT e.subject, s.owner_id FROM platform.outbox_events e
      CROSS JOIN LATERAL jsonb_each_text(e.data) AS v(key, value)
      JOIN platform.subject_owners s ON s.subject = v.value AND s.subject <> e.subject
      ON CONFLICT DO NOTHING`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER outbox_events_subject_owners ON platform.outbox_events`);
    await db.query(`DROP FUNCTION platform.record_subject_owners()`);
    await db.query(`DROP INDEX platform.outbox_events_subject`);
    await db.query(`DROP TABLE platform.subject_owners`);
  }
}
