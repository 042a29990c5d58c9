import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Holds. An account's held (pending) balance is an account of its own, kind `hold`, whose parent
 * is the customer account: a hold is a journal from the customer account to it, a capture a
 * journal from it to the destination, a release one back. So the ledger's rules (balanced
 * journals, balances equal to postings, no negative balance, every currency summing to zero)
 * cover held money unchanged, and `holds` records each hold's one settlement.
 */
export class AccountsHolds1796116000000 implements MigrationInterface {
  name = 'AccountsHolds1796116000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE accounts.accounts ADD COLUMN parent_id uuid REFERENCES accounts.accounts (id)`);
    await db.query(`ALTER TABLE accounts.accounts DROP CONSTRAINT accounts_kind_check`);
    await db.query(`
      ALTER TABLE accounts.accounts ADD CONSTRAINT accounts_kind_check CHECK (kind IN ('customer', 'system', 'hold')),
        ADD CONSTRAINT hold_account_has_parent CHECK ((kind = 'hold') = (parent_id IS NOT NULL))`);
    // One held balance per customer account.
    await db.query(`CREATE UNIQUE INDEX accounts_hold_of_parent ON accounts.accounts (parent_id) WHERE kind = 'hold'`);

    await db.query(`ALTER TABLE accounts.journals DROP CONSTRAINT journals_type_check`);
    await db.query(`
      ALTER TABLE accounts.journals ADD CONSTRAINT journals_type_check
        CHECK (type IN ('deposit', 'withdrawal', 'payment', 'refund', 'hold', 'capture', 'hold_release'))`);

    // A transfer asked for as a hold has the outcome `held` (or `failed`), keyed by the same id.
    await db.query(`ALTER TABLE accounts.transfers DROP CONSTRAINT transfers_status_check`);
    await db.query(
      `ALTER TABLE accounts.transfers ADD CONSTRAINT transfers_status_check CHECK (status IN ('succeeded', 'failed', 'held'))`,
    );

    await db.query(`
      CREATE TABLE accounts.holds (
        transfer_id            text PRIMARY KEY,
        kind                   text        NOT NULL CHECK (kind IN ('payment', 'refund')),
        reference              text        NOT NULL,
        account_id             uuid        NOT NULL REFERENCES accounts.accounts (id),
        held_account_id        uuid        NOT NULL REFERENCES accounts.accounts (id),
        destination_account_id uuid        NOT NULL REFERENCES accounts.accounts (id),
        amount                 bigint      NOT NULL CHECK (amount > 0),
        currency               char(3)     NOT NULL,
        status                 text        NOT NULL CHECK (status IN ('open', 'captured', 'released')),
        hold_journal_id        uuid        NOT NULL REFERENCES accounts.journals (id),
        amount_captured        bigint      NOT NULL DEFAULT 0 CHECK (amount_captured >= 0),
        amount_released        bigint      NOT NULL DEFAULT 0 CHECK (amount_released >= 0),
        capture_journal_id     uuid REFERENCES accounts.journals (id),
        release_journal_id     uuid REFERENCES accounts.journals (id),
        release_reason         text,
        release_message        text,
        created_at             timestamptz NOT NULL DEFAULT now(),
        settled_at             timestamptz,
        -- Open: nothing settled. Settled: every unit of the hold captured or released, once.
        CONSTRAINT hold_settled_in_full CHECK (CASE WHEN status = 'open'
          THEN amount_captured = 0 AND amount_released = 0 AND settled_at IS NULL
          ELSE amount_captured + amount_released = amount AND settled_at IS NOT NULL END),
        CONSTRAINT hold_captured_by_journal CHECK ((amount_captured > 0) = (capture_journal_id IS NOT NULL)),
        CONSTRAINT hold_released_by_journal CHECK ((amount_released > 0) = (release_journal_id IS NOT NULL)),
        CONSTRAINT hold_captured_in_status CHECK (status = 'captured' OR amount_captured = 0)
      )`);
    await db.query(`CREATE INDEX holds_open_by_account ON accounts.holds (account_id) WHERE status = 'open'`);
    // A settled hold never changes again, and no hold is ever deleted: it is settled once, whatever the code does.
    await db.query(`
      CREATE TRIGGER holds_settled_once BEFORE UPDATE ON accounts.holds
      FOR EACH ROW WHEN (OLD.status <> 'open') EXECUTE FUNCTION accounts.forbid_ledger_change()`);
    await db.query(`
      CREATE TRIGGER holds_kept BEFORE DELETE ON accounts.holds
      FOR EACH ROW EXECUTE FUNCTION accounts.forbid_ledger_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE accounts.holds`);
    await db.query(`ALTER TABLE accounts.transfers DROP CONSTRAINT transfers_status_check`);
    await db.query(
      `ALTER TABLE accounts.transfers ADD CONSTRAINT transfers_status_check CHECK (status IN ('succeeded', 'failed'))`,
    );
    await db.query(`ALTER TABLE accounts.journals DROP CONSTRAINT journals_type_check`);
    await db.query(
      `ALTER TABLE accounts.journals ADD CONSTRAINT journals_type_check CHECK (type IN ('deposit', 'withdrawal', 'payment', 'refund'))`,
    );
    await db.query(`DROP INDEX accounts.accounts_hold_of_parent`);
    await db.query(`ALTER TABLE accounts.accounts DROP CONSTRAINT hold_account_has_parent`);
    await db.query(`ALTER TABLE accounts.accounts DROP CONSTRAINT accounts_kind_check`);
    await db.query(
      `ALTER TABLE accounts.accounts ADD CONSTRAINT accounts_kind_check CHECK (kind IN ('customer', 'system'))`,
    );
    await db.query(`ALTER TABLE accounts.accounts DROP COLUMN parent_id`);
  }
}
