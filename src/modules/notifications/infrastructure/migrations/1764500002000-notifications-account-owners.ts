import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications' own copy of which owner holds which account (from account.opened), for owner-bound keys. */
export class NotificationsAccountOwners1764500002000 implements MigrationInterface {
  name = 'NotificationsAccountOwners1764500002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications.account_owners (
        account_id uuid PRIMARY KEY,
        owner_id   text NOT NULL
      )`);
    await db.query(`CREATE INDEX account_owners_owner ON notifications.account_owners (owner_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notifications.account_owners`);
  }
}
