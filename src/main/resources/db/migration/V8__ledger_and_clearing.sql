-- Issue 12: the money loop. A double-entry journal written in the same transaction as the change that moves money,
-- each amount split between the insurers when it arises; hospital clearing statements; insurer payments.

-- ---- The journal ------------------------------------------------------------------------------------------------
-- One row per line. An entry is identified by what caused it, (kind, source_id): the premium of policy 17 is
-- ('PREMIUM', 17), the reversal of settlement 42 is ('REVERSAL', 42). The primary key therefore also makes every
-- event book at most once, whatever retries or races happen. Amounts are signed: a debit is positive, a credit
-- negative, so an entry balances when its lines sum to zero — for each insurer on its own, as every entry here is
-- split per insurer (each insurer's books balance by themselves).
--
-- Chart of accounts (README "Money"): CASH (asset: the insurer's money); PREMIUM_INCOME (income, credit on premium
-- received), PREMIUM_REFUNDS (contra-income, debit on a completed cancellation refund); UNAPPLIED_RECEIPTS (liability:
-- late money held until it is refunded); CLAIMS_SETTLED and CLAIMS_REIMBURSED (expense: desk settlements and approved
-- online claims), CLAIMS_REVERSED (contra-expense); HOSPITAL_PAYABLE and MEMBER_PAYABLE (liabilities: owed to
-- hospitals for what they advanced, and to members for approved online claims).
CREATE TABLE journal_line (
    kind          varchar(20)   NOT NULL CHECK (kind IN ('PREMIUM', 'PREMIUM_REFUND', 'LATE_RECEIPT', 'LATE_REFUND',
                                                         'SETTLEMENT', 'REVERSAL', 'ONLINE_CLAIM', 'MEMBER_PAYMENT',
                                                         'HOSPITAL_PAYMENT')),
    source_id     bigint        NOT NULL,
    line          smallint      NOT NULL CHECK (line > 0),
    plan_id       bigint        NOT NULL,
    account       varchar(24)   NOT NULL CHECK (account IN ('CASH', 'PREMIUM_INCOME', 'PREMIUM_REFUNDS',
                                                            'UNAPPLIED_RECEIPTS', 'CLAIMS_SETTLED', 'CLAIMS_REVERSED',
                                                            'CLAIMS_REIMBURSED', 'HOSPITAL_PAYABLE', 'MEMBER_PAYABLE')),
    insurer       varchar(32)   NOT NULL,
    amount        numeric(14,2) NOT NULL CHECK (amount <> 0),
    -- The insured person's county when the money arose (region-scoped statistics), the hospital, the payer channel.
    county_code   char(6),
    hospital_code varchar(32),
    channel       varchar(20),
    recorded_at   timestamptz   NOT NULL,
    PRIMARY KEY (kind, source_id, line)
);
-- Accounts and verification read a plan's lines; the settlement path pays for this one index beside the key.
CREATE INDEX journal_line_plan ON journal_line (plan_id, account);

-- Debits equal credits, per entry and per insurer, checked by the database at the end of every INSERT statement
-- (every entry is written by one statement).
CREATE FUNCTION journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    SELECT kind, source_id, insurer, sum(amount) AS off INTO bad
      FROM new_lines GROUP BY kind, source_id, insurer HAVING sum(amount) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal entry (%, %) does not balance for insurer %: off by %', bad.kind, bad.source_id,
            bad.insurer, bad.off USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER journal_line_balanced AFTER INSERT ON journal_line
    REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION journal_balanced();

-- Append-only: corrections are new entries. The service role has no UPDATE, DELETE or TRUNCATE either (below).
CREATE FUNCTION journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the journal is append-only: correct it with a new entry' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER journal_line_append_only BEFORE UPDATE OR DELETE ON journal_line
    FOR EACH ROW EXECUTE FUNCTION journal_append_only();
CREATE TRIGGER journal_line_no_truncate BEFORE TRUNCATE ON journal_line
    FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON journal_line FROM ${service_role};

-- ---- The journal of what happened before this release ------------------------------------------------------------
-- The split of an amount between a plan's insurers (terms.insurers, lead first), as InsurerSplit does it:
-- round_half_up(amount × share) each, the rounding cents to the lead. Used for premiums here; settlements keep the
-- shares their answer gave the hospital. (InsurerSplitSqlTest checks the two agree.)
CREATE FUNCTION insurer_split(amount numeric, terms jsonb)
    RETURNS TABLE (ord integer, insurer text, part numeric) LANGUAGE sql IMMUTABLE AS $$
    WITH shares AS (
        SELECT i.ord::integer AS ord, i.elem ->> 'code' AS insurer,
               round(amount * (i.elem ->> 'share')::numeric, 2) AS part
          FROM jsonb_array_elements(terms -> 'insurers') WITH ORDINALITY i(elem, ord))
    SELECT ord, insurer, part + CASE WHEN ord = 1 THEN amount - (SELECT sum(part) FROM shares) ELSE 0 END FROM shares
$$;

-- Premium of every policy that was paid (active, or cancelled since).
INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, county_code, channel, recorded_at)
SELECT 'PREMIUM', po.id, s.ord * 2 - 1 + d.k, po.plan_id, d.account, s.insurer, d.sign * s.part, pa.county_code,
       o.payer_type, po.activated_at
  FROM policy po
  JOIN enrolment_order o ON o.id = po.order_id
  JOIN plan pl ON pl.id = po.plan_id
  LEFT JOIN participant pa ON pa.id_number = po.id_number
 CROSS JOIN LATERAL insurer_split(po.premium, pl.terms) s
 CROSS JOIN (VALUES (0, 'CASH', 1), (1, 'PREMIUM_INCOME', -1)) d(k, account, sign)
 WHERE po.activated_at IS NOT NULL AND s.part <> 0;

-- Completed cancellation refunds.
INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, county_code, channel, recorded_at)
SELECT 'PREMIUM_REFUND', r.id, s.ord * 2 - 1 + d.k, r.plan_id, d.account, s.insurer, d.sign * s.part, pa.county_code,
       r.channel, coalesce(r.recorded_at, r.result_at, r.created_at)
  FROM refund r
  JOIN plan pl ON pl.id = r.plan_id
  LEFT JOIN policy po ON po.id = r.policy_id
  LEFT JOIN participant pa ON pa.id_number = po.id_number
 CROSS JOIN LATERAL insurer_split(r.amount, pl.terms) s
 CROSS JOIN (VALUES (0, 'PREMIUM_REFUNDS', 1), (1, 'CASH', -1)) d(k, account, sign)
 WHERE r.source = 'CANCELLATION' AND r.status = 'SUCCEEDED' AND s.part <> 0;

-- Late money, held by the lead insurer until refunded.
INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, channel, recorded_at)
SELECT 'LATE_RECEIPT', r.id, 1 + d.k, r.plan_id, d.account, pl.terms -> 'insurers' -> 0 ->> 'code', d.sign * r.amount,
       r.channel, r.created_at
  FROM refund r
  JOIN plan pl ON pl.id = r.plan_id
 CROSS JOIN (VALUES (0, 'CASH', 1), (1, 'UNAPPLIED_RECEIPTS', -1)) d(k, account, sign)
 WHERE r.source = 'LATE_PAYMENT' AND r.amount <> 0;
INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, channel, recorded_at)
SELECT 'LATE_REFUND', r.id, 1 + d.k, r.plan_id, d.account, pl.terms -> 'insurers' -> 0 ->> 'code', d.sign * r.amount,
       r.channel, coalesce(r.recorded_at, r.result_at, r.created_at)
  FROM refund r
  JOIN plan pl ON pl.id = r.plan_id
 CROSS JOIN (VALUES (0, 'UNAPPLIED_RECEIPTS', 1), (1, 'CASH', -1)) d(k, account, sign)
 WHERE r.source = 'LATE_PAYMENT' AND r.status = 'SUCCEEDED' AND r.amount <> 0;

-- Settlements, with the shares their answer told the hospital; and their reversals, mirroring them.
INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, county_code, hospital_code, recorded_at)
SELECT 'SETTLEMENT', st.id, sh.ord::integer * 2 - 1 + d.k, st.plan_id, d.account, sh.elem ->> 'insurer',
       d.sign * (sh.elem ->> 'amount')::numeric, pa.county_code, st.hospital_code, st.settled_at
  FROM settlement st
  LEFT JOIN participant pa ON pa.id_number = st.id_number
 CROSS JOIN LATERAL jsonb_array_elements(st.response::jsonb -> 'insurerShares') WITH ORDINALITY sh(elem, ord)
 CROSS JOIN (VALUES (0, 'CLAIMS_SETTLED', 1), (1, 'HOSPITAL_PAYABLE', -1)) d(k, account, sign)
 WHERE st.payout > 0 AND (sh.elem ->> 'amount')::numeric <> 0;
INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, county_code, hospital_code, recorded_at)
SELECT 'REVERSAL', j.source_id, j.line, j.plan_id,
       CASE j.account WHEN 'CLAIMS_SETTLED' THEN 'CLAIMS_REVERSED' ELSE j.account END, j.insurer, -j.amount,
       j.county_code, j.hospital_code, st.reversed_at
  FROM journal_line j
  JOIN settlement st ON st.id = j.source_id
 WHERE j.kind = 'SETTLEMENT' AND st.status = 'REVERSED';

-- ---- Hospital clearing (清算) -------------------------------------------------------------------------------------
-- A run puts every settlement and reversal of a plan recorded before its cut-off, and not yet cleared, into one
-- statement per hospital. clearing_item is what makes "exactly one statement" hold: its key is the event
-- ('S' settlement or 'R' reversal, settlement id), so an event can be itemised once, by whichever run gets it; runs of
-- one plan also take a transaction-scoped advisory lock, so a second run waits and then finds only what is new.
CREATE TABLE clearing_run (
    id         uuid        PRIMARY KEY,
    plan_id    bigint      NOT NULL REFERENCES plan (id),
    cut_off    timestamptz NOT NULL,
    started_by varchar(200) NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX clearing_run_plan ON clearing_run (plan_id, cut_off);

CREATE TABLE clearing_statement (
    id              uuid          PRIMARY KEY,
    run_id          uuid          NOT NULL REFERENCES clearing_run (id),
    plan_id         bigint        NOT NULL REFERENCES plan (id),
    hospital_code   varchar(32)   NOT NULL,
    settled_count   bigint        NOT NULL,
    settled_payout  numeric(16,2) NOT NULL,
    reversed_count  bigint        NOT NULL,
    reversed_payout numeric(16,2) NOT NULL,
    net             numeric(16,2) NOT NULL,
    confirmed_at    timestamptz,
    paid_at         timestamptz,
    created_at      timestamptz   NOT NULL,
    UNIQUE (run_id, hospital_code)
);
CREATE INDEX clearing_statement_hospital ON clearing_statement (hospital_code, created_at DESC);

-- Each insurer's part of a statement: the sum of its recorded shares of the statement's settlements and reversals.
CREATE TABLE clearing_part (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    statement_id   uuid          NOT NULL REFERENCES clearing_statement (id),
    insurer        varchar(32)   NOT NULL,
    amount         numeric(16,2) NOT NULL,
    transaction_id varchar(64)   UNIQUE,
    paid_at        timestamptz,
    recorded_at    timestamptz,
    UNIQUE (statement_id, insurer)
);

CREATE TABLE clearing_item (
    kind          char(1) NOT NULL CHECK (kind IN ('S', 'R')),
    settlement_id bigint  NOT NULL,
    statement_id  uuid    NOT NULL REFERENCES clearing_statement (id),
    PRIMARY KEY (kind, settlement_id)
);

-- The indexes a run reads settlements by are built in V10, CONCURRENTLY (settlement is a large table in production).

GRANT SELECT, INSERT ON journal_line TO ${service_role};
REVOKE UPDATE, DELETE, TRUNCATE ON clearing_item FROM ${service_role};
