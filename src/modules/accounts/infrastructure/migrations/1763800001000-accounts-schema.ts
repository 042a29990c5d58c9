import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The accounts module's tables: accounts with their balances, and the double-entry ledger. */
export class AccountsSchema1763800001000 implements MigrationInterface {
  name = 'AccountsSchema1763800001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS accounts`);

    // The balance is stored for fast reads and row locking; the ledger (postings) is the truth it
    // must always equal. The CHECK makes a negative balance impossible without overdraft, whatever the code does.
    await db.query(`
      CREATE TABLE accounts.accounts (
        id              uuid PRIMARY KEY,
        name            text        NOT NULL,
        currency        char(3)     NOT NULL,
        status          text        NOT NULL CHECK (status IN ('active', 'frozen', 'closed')),
        kind            text        NOT NULL DEFAULT 'customer' CHECK (kind IN ('customer', 'system')),
        owner_id        text,
        metadata        jsonb       NOT NULL DEFAULT '{}',
        allow_overdraft boolean     NOT NULL DEFAULT false,
        balance         bigint      NOT NULL DEFAULT 0,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT balance_not_negative CHECK (allow_overdraft OR balance >= 0),
        -- Balances travel as JSON numbers: only integers within ±(2^53 - 1) are exact.
        CONSTRAINT balance_exact_in_json CHECK (balance BETWEEN -9007199254740991 AND 9007199254740991)
      )`);
    // One system account per currency: where deposits come from and withdrawals go to.
    await db.query(
      `CREATE UNIQUE INDEX accounts_system_currency ON accounts.accounts (currency) WHERE kind = 'system'`,
    );
    await db.query(`CREATE INDEX accounts_owner ON accounts.accounts (owner_id, id DESC) WHERE kind = 'customer'`);
    await db.query(`CREATE INDEX accounts_listing ON accounts.accounts (id DESC) WHERE kind = 'customer'`);

    await db.query(`
      CREATE TABLE accounts.journals (
        id         uuid PRIMARY KEY,
        type       text        NOT NULL CHECK (type IN ('deposit', 'withdrawal', 'payment', 'refund')),
        currency   char(3)     NOT NULL,
        reference  text,
        metadata   jsonb       NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE accounts.postings (
        seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id            uuid        NOT NULL UNIQUE,
        journal_id    uuid        NOT NULL REFERENCES accounts.journals (id),
        account_id    uuid        NOT NULL REFERENCES accounts.accounts (id),
        amount        bigint      NOT NULL CHECK (amount <> 0),
        balance_after bigint      NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX postings_statement ON accounts.postings (account_id, seq DESC)`);
    await db.query(`CREATE INDEX postings_journal ON accounts.postings (journal_id)`);

    // Entries are immutable: a mistake is corrected by a reversing entry, never by UPDATE or DELETE.
    await db.query(`
      CREATE FUNCTION accounts.forbid_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger entries are immutable (% on %)', TG_OP, TG_TABLE_NAME;
      END $$`);
    await db.query(`
      CREATE TRIGGER journals_immutable BEFORE UPDATE OR DELETE ON accounts.journals
      FOR EACH ROW EXECUTE FUNCTION accounts.forbid_ledger_change()`);
    await db.query(`
      CREATE TRIGGER postings_immutable BEFORE UPDATE OR DELETE ON accounts.postings
      FOR EACH ROW EXECUTE FUNCTION accounts.forbid_ledger_change()`);

    // Every journal balances, checked by the database when the transaction commits.
    await db.query(`
      CREATE FUNCTION accounts.assert_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE total numeric; entries integer;
      BEGIN
        SELECT sum(amount), count(*) INTO total, entries FROM accounts.postings WHERE journal_id = NEW.journal_id;
        IF total <> 0 OR entries < 2 THEN
          RAISE EXCEPTION 'journal % is unbalanced (% postings summing to %)', NEW.journal_id, entries, total;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER postings_balanced AFTER INSERT ON accounts.postings
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accounts.assert_journal_balanced()`);

    // The outcome of each transfer other modules asked for: their transfer id is the idempotency key.
    await db.query(`
      CREATE TABLE accounts.transfers (
        transfer_id    text PRIMARY KEY,
        kind           text        NOT NULL CHECK (kind IN ('payment', 'refund')),
        status         text        NOT NULL CHECK (status IN ('succeeded', 'failed')),
        failure_reason text,
        failure_message text,
        journal_id     uuid REFERENCES accounts.journals (id),
        source_account_id         uuid,
        destination_account_id    uuid,
        amount                    bigint,
        currency                  char(3),
        source_balance_after      bigint,
        destination_balance_after bigint,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA accounts CASCADE`);
  }
}
