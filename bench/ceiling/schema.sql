-- Copied unchanged from the team's shared reference (../shared/reference/ceiling/schema.sql), so the bench runs without it.
-- Minimal tables that stand for the work of one payment; used to measure what PostgreSQL alone can do here.
drop table if exists accounts, payments, postings, outbox, inbox, risk, notifications;
create table accounts(id int primary key, balance bigint not null, version int not null default 0);
insert into accounts select g, 1000000000 from generate_series(1,10000) g;
create table payments(id bigint primary key, src int, dst int, amount bigint, status text,
  created_at timestamptz default now(), updated_at timestamptz default now());
create table postings(id bigserial primary key, payment_id bigint, account_id int, amount bigint, created_at timestamptz default now());
create table outbox(id bigserial primary key, type text, payload jsonb, created_at timestamptz default now(), published_at timestamptz);
create table inbox(consumer text, event_id bigint, primary key(consumer, event_id));
create table risk(id bigserial primary key, payment_id bigint, decision text, score int);
create table notifications(id bigserial primary key, payment_id bigint, kind text, created_at timestamptz default now());
