-- Issue 16: the reports over a whole plan read every policy and joined every participant (the enrolment report took
-- 8.5–9.0 s at 10,000,000 participants and 2,000,000 policies), every settlement and the journal's lines. Now they
-- sum tallies: one row per key, plus the changes since.
--
-- * Every change to a participant, a policy, a refund, a settlement or the journal writes, in its own transaction,
--   what it changes in the tallies (row triggers on the request paths; a statement trigger for the bureau's batches
--   of 5,000 records, and for refunds). The rows are deltas, never an UPDATE of a shared counter: a counter row per county
--   would make every enrolment or settlement of the county wait on its lock until commit, and a family's several
--   rows could deadlock.
-- * report_tally_fold() folds the deltas into one row per key (folded = true), every few seconds (ReportTallies).
--   A report sums all rows of its keys, so it is exact whether or not the fold has run.
-- * The report groups people by their bureau record's county as it is now: a participant who moves county moves the
--   contributions of their policies, refunds and settlements with them (the participant trigger; the journal keeps
--   the county booked with each line). The triggers take no locks, so a change committing at the same moment as its
--   person's move could be counted in the old county:
--   report_tally_correct() compares the tallies with the rows (one statement, one snapshot: every committed change has
--   both its rows and its deltas in it, none uncommitted has either) and writes the difference as a delta. It runs
--   nightly (ReportTallies) and counts what it corrected (huimin.report.tally.corrections, an alert above 0).

CREATE TABLE member_tally (
    county_code char(6) NOT NULL,
    members     bigint  NOT NULL,              -- ACTIVE bureau records
    folded      boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX member_tally_key ON member_tally (county_code) WHERE folded;

CREATE TABLE policy_tally (
    plan_id        bigint        NOT NULL,
    county_code    char(6)       NOT NULL,
    payer_type     varchar(20)   NOT NULL,
    payer_org_type varchar(16)   NOT NULL,     -- '' when the payer is not an organisation
    policies       bigint        NOT NULL DEFAULT 0,   -- any status: a channel is listed once it has a policy
    active         bigint        NOT NULL DEFAULT 0,
    active_premium numeric(16,2) NOT NULL DEFAULT 0,
    paid_premium   numeric(16,2) NOT NULL DEFAULT 0,   -- ACTIVE or CANCELLED: the order was paid
    refunded       numeric(16,2) NOT NULL DEFAULT 0,   -- cancellation refunds owed or made (status <> NONE)
    folded         boolean       NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX policy_tally_key ON policy_tally (plan_id, county_code, payer_type, payer_org_type) WHERE folded;

-- Rows come and go every few seconds: vacuum them by a fixed number of dead rows, not a fraction of the table.
ALTER TABLE member_tally SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
ALTER TABLE policy_tally SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);

-- What the tallies must add up to, computed from the rows (used by report_tally_correct, and by the tests).
CREATE VIEW member_tally_expected AS
SELECT county_code, count(*) AS members FROM participant WHERE status = 'ACTIVE' GROUP BY county_code;

CREATE VIEW policy_tally_expected AS
SELECT plan_id, county_code, payer_type, payer_org_type, sum(policies) AS policies, sum(active) AS active,
       sum(active_premium) AS active_premium, sum(paid_premium) AS paid_premium, sum(refunded) AS refunded
  FROM (SELECT po.plan_id, pa.county_code, o.payer_type, coalesce(o.payer_org_type, '') AS payer_org_type,
               1 AS policies, (po.status = 'ACTIVE')::int AS active,
               CASE WHEN po.status = 'ACTIVE' THEN po.premium ELSE 0 END AS active_premium,
               CASE WHEN po.status IN ('ACTIVE', 'CANCELLED') THEN po.premium ELSE 0 END AS paid_premium,
               0 AS refunded
          FROM policy po
          JOIN enrolment_order o ON o.id = po.order_id
          JOIN participant pa ON pa.id_number = po.id_number
        UNION ALL
        SELECT r.plan_id, pa.county_code, o.payer_type, coalesce(o.payer_org_type, ''), 0, 0, 0, 0, r.amount
          FROM refund r
          JOIN policy po ON po.id = r.policy_id
          JOIN enrolment_order o ON o.id = po.order_id
          JOIN participant pa ON pa.id_number = po.id_number
         WHERE r.source = 'CANCELLATION' AND r.status <> 'NONE') x
 GROUP BY plan_id, county_code, payer_type, payer_org_type;

-- The claims report: settlements by the person's county now ('' when they have no bureau record: counted for
-- viewers of every region only) and care type; the journal's insurer lines by the county booked with them.
CREATE TABLE settlement_tally (
    plan_id      bigint        NOT NULL,
    county_code  char(6)       NOT NULL,
    care_type    varchar(32)   NOT NULL,
    settlements  bigint        NOT NULL DEFAULT 0,
    eligible     bigint        NOT NULL DEFAULT 0,
    reversals    bigint        NOT NULL DEFAULT 0,
    settled      bigint        NOT NULL DEFAULT 0,   -- status SETTLED
    payout       numeric(16,2) NOT NULL DEFAULT 0,   -- of the SETTLED
    paying       bigint        NOT NULL DEFAULT 0,   -- eligible and SETTLED
    in_policy    numeric(16,2) NOT NULL DEFAULT 0,
    in_policy_n  bigint        NOT NULL DEFAULT 0,
    out_policy   numeric(16,2) NOT NULL DEFAULT 0,
    out_policy_n bigint        NOT NULL DEFAULT 0,
    folded       boolean       NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX settlement_tally_key ON settlement_tally (plan_id, county_code, care_type) WHERE folded;

CREATE TABLE journal_tally (
    plan_id     bigint        NOT NULL,
    county_code char(6)       NOT NULL,              -- '' when the line has none
    insurer     varchar(32)   NOT NULL,
    premium     numeric(16,2) NOT NULL DEFAULT 0,    -- net premium: −(PREMIUM_INCOME + PREMIUM_REFUNDS)
    claims      numeric(16,2) NOT NULL DEFAULT 0,    -- CLAIMS_SETTLED + CLAIMS_REVERSED + CLAIMS_REIMBURSED
    folded      boolean       NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX journal_tally_key ON journal_tally (plan_id, county_code, insurer) WHERE folded;

ALTER TABLE settlement_tally SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
ALTER TABLE journal_tally SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);

-- One settlement's contribution, by its columns (the triggers, the move of a person and the check all use it).
CREATE FUNCTION settlement_contribution(status text, eligible boolean, payout numeric, consumed jsonb,
        OUT settlements int, OUT eligible_n int, OUT reversals int, OUT settled int, OUT payout_settled numeric,
        OUT paying int, OUT in_policy numeric, OUT in_policy_n int, OUT out_policy numeric, OUT out_policy_n int)
LANGUAGE sql IMMUTABLE AS $$
    SELECT 1, eligible::int, (status = 'REVERSED')::int, (status = 'SETTLED')::int,
           CASE WHEN status = 'SETTLED' THEN payout ELSE 0 END, (eligible AND status = 'SETTLED')::int,
           CASE WHEN status = 'SETTLED' THEN coalesce((consumed->'caps'->>'IN_POLICY')::numeric, 0) ELSE 0 END,
           (status = 'SETTLED' AND coalesce((consumed->'caps'->>'IN_POLICY')::numeric, 0) > 0)::int,
           CASE WHEN status = 'SETTLED' THEN coalesce((consumed->'caps'->>'OUT_OF_POLICY')::numeric, 0) ELSE 0 END,
           (status = 'SETTLED' AND coalesce((consumed->'caps'->>'OUT_OF_POLICY')::numeric, 0) > 0)::int
$$;

CREATE VIEW settlement_tally_expected AS
SELECT s.plan_id, coalesce(pa.county_code, '') AS county_code, s.care_type, sum(c.settlements) AS settlements,
       sum(c.eligible_n) AS eligible, sum(c.reversals) AS reversals, sum(c.settled) AS settled,
       sum(c.payout_settled) AS payout, sum(c.paying) AS paying, sum(c.in_policy) AS in_policy,
       sum(c.in_policy_n) AS in_policy_n, sum(c.out_policy) AS out_policy, sum(c.out_policy_n) AS out_policy_n
  FROM settlement s
  LEFT JOIN participant pa ON pa.id_number = s.id_number
 CROSS JOIN LATERAL settlement_contribution(s.status, s.eligible, s.payout, s.consumed) c
 WHERE s.plan_id IS NOT NULL
 GROUP BY 1, 2, 3;

CREATE VIEW journal_tally_expected AS
SELECT plan_id, coalesce(county_code, '') AS county_code, insurer,
       coalesce(-sum(amount) FILTER (WHERE account IN ('PREMIUM_INCOME', 'PREMIUM_REFUNDS')), 0) AS premium,
       coalesce(sum(amount) FILTER (WHERE account IN ('CLAIMS_SETTLED', 'CLAIMS_REVERSED', 'CLAIMS_REIMBURSED')), 0) AS claims
  FROM journal_line
 WHERE account IN ('PREMIUM_INCOME', 'PREMIUM_REFUNDS', 'CLAIMS_SETTLED', 'CLAIMS_REVERSED', 'CLAIMS_REIMBURSED')
 GROUP BY 1, 2, 3;

-- ---- Deltas ----------------------------------------------------------------------------------------------------
-- Row triggers where a request writes a row or two (policies, settlements, journal lines): measured, a statement
-- trigger with transition tables cost a settlement about 20 % of its database time, a row trigger a few per cent
-- (load-tests/README.md, "What the report tallies cost the request paths"). Statement
-- triggers where a statement writes thousands (a bureau batch of participants) or rarely (refunds): each receives
-- the statement's rows before (gone) and after (changed); INSERT has only changed, DELETE only gone (named "changed"
-- too, with the sign turned). Keys whose sums do not change write nothing.

CREATE FUNCTION policy_tally_on_policy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- OLD is NULL for an INSERT, NEW for a DELETE: the row before counts minus, the row after plus.
    INSERT INTO policy_tally (plan_id, county_code, payer_type, payer_org_type, policies, active, active_premium, paid_premium)
    SELECT c.plan_id, pa.county_code, o.payer_type, coalesce(o.payer_org_type, ''), sum(c.sign),
           sum(c.sign * (c.status = 'ACTIVE')::int),
           sum(c.sign * CASE WHEN c.status = 'ACTIVE' THEN c.premium ELSE 0 END),
           sum(c.sign * CASE WHEN c.status IN ('ACTIVE', 'CANCELLED') THEN c.premium ELSE 0 END)
      FROM (VALUES (-1, OLD.plan_id, OLD.id_number, OLD.order_id, OLD.status, OLD.premium),
                   (1, NEW.plan_id, NEW.id_number, NEW.order_id, NEW.status, NEW.premium))
           AS c(sign, plan_id, id_number, order_id, status, premium)
      JOIN participant pa ON pa.id_number = c.id_number
      JOIN enrolment_order o ON o.id = c.order_id
     GROUP BY 1, 2, 3, 4
    HAVING sum(c.sign) <> 0 OR sum(c.sign * (c.status = 'ACTIVE')::int) <> 0
        OR sum(c.sign * CASE WHEN c.status = 'ACTIVE' THEN c.premium ELSE 0 END) <> 0
        OR sum(c.sign * CASE WHEN c.status IN ('ACTIVE', 'CANCELLED') THEN c.premium ELSE 0 END) <> 0;
    RETURN NULL;
END $$;
CREATE TRIGGER policy_tally AFTER INSERT OR DELETE ON policy FOR EACH ROW EXECUTE FUNCTION policy_tally_on_policy();
CREATE TRIGGER policy_tally_update AFTER UPDATE ON policy FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.premium IS DISTINCT FROM NEW.premium
          OR OLD.plan_id IS DISTINCT FROM NEW.plan_id OR OLD.id_number IS DISTINCT FROM NEW.id_number
          OR OLD.order_id IS DISTINCT FROM NEW.order_id)
    EXECUTE FUNCTION policy_tally_on_policy();

CREATE FUNCTION policy_tally_on_refund() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO policy_tally (plan_id, county_code, payer_type, payer_org_type, refunded)
        SELECT c.plan_id, pa.county_code, o.payer_type, coalesce(o.payer_org_type, ''), sum(c.sign * c.amount)
          FROM (SELECT -1 AS sign, plan_id, policy_id, amount FROM gone WHERE source = 'CANCELLATION' AND status <> 'NONE'
                UNION ALL
                SELECT 1, plan_id, policy_id, amount FROM changed WHERE source = 'CANCELLATION' AND status <> 'NONE') c
          JOIN policy po ON po.id = c.policy_id
          JOIN enrolment_order o ON o.id = po.order_id
          JOIN participant pa ON pa.id_number = po.id_number
         GROUP BY 1, 2, 3, 4
        HAVING sum(c.sign * c.amount) <> 0;
    ELSE
        INSERT INTO policy_tally (plan_id, county_code, payer_type, payer_org_type, refunded)
        SELECT c.plan_id, pa.county_code, o.payer_type, coalesce(o.payer_org_type, ''),
               CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END * sum(c.amount)
          FROM changed c
          JOIN policy po ON po.id = c.policy_id
          JOIN enrolment_order o ON o.id = po.order_id
          JOIN participant pa ON pa.id_number = po.id_number
         WHERE c.source = 'CANCELLATION' AND c.status <> 'NONE'
         GROUP BY 1, 2, 3, 4;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER policy_tally_refund_insert AFTER INSERT ON refund
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION policy_tally_on_refund();
CREATE TRIGGER policy_tally_refund_update AFTER UPDATE ON refund
    REFERENCING OLD TABLE AS gone NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION policy_tally_on_refund();
CREATE TRIGGER policy_tally_refund_delete AFTER DELETE ON refund
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION policy_tally_on_refund();

CREATE FUNCTION settlement_tally_on_settlement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- The settlement path: one row, one insert (a row trigger costs the settlement a few per cent of its database
        -- time where a statement trigger with transition tables cost ~20 %: load-tests/README.md).
        IF NEW.plan_id IS NOT NULL THEN
            INSERT INTO settlement_tally (plan_id, county_code, care_type, settlements, eligible, reversals, settled,
                                          payout, paying, in_policy, in_policy_n, out_policy, out_policy_n)
            -- settlement_contribution() written out: a function in FROM is not inlined, and this is the hot path
            VALUES (NEW.plan_id, coalesce((SELECT county_code FROM participant WHERE id_number = NEW.id_number), ''),
                    NEW.care_type, 1, NEW.eligible::int, (NEW.status = 'REVERSED')::int, (NEW.status = 'SETTLED')::int,
                    CASE WHEN NEW.status = 'SETTLED' THEN NEW.payout ELSE 0 END,
                    (NEW.eligible AND NEW.status = 'SETTLED')::int,
                    CASE WHEN NEW.status = 'SETTLED' THEN coalesce((NEW.consumed->'caps'->>'IN_POLICY')::numeric, 0) ELSE 0 END,
                    (NEW.status = 'SETTLED' AND coalesce((NEW.consumed->'caps'->>'IN_POLICY')::numeric, 0) > 0)::int,
                    CASE WHEN NEW.status = 'SETTLED' THEN coalesce((NEW.consumed->'caps'->>'OUT_OF_POLICY')::numeric, 0) ELSE 0 END,
                    (NEW.status = 'SETTLED' AND coalesce((NEW.consumed->'caps'->>'OUT_OF_POLICY')::numeric, 0) > 0)::int);
        END IF;
    ELSE
        INSERT INTO settlement_tally (plan_id, county_code, care_type, settlements, eligible, reversals, settled, payout,
                                      paying, in_policy, in_policy_n, out_policy, out_policy_n)
        SELECT x.plan_id, coalesce(pa.county_code, ''), x.care_type, sum(x.sign * c.settlements),
               sum(x.sign * c.eligible_n), sum(x.sign * c.reversals), sum(x.sign * c.settled),
               sum(x.sign * c.payout_settled), sum(x.sign * c.paying), sum(x.sign * c.in_policy),
               sum(x.sign * c.in_policy_n), sum(x.sign * c.out_policy), sum(x.sign * c.out_policy_n)
          FROM (VALUES (-1, OLD.plan_id, OLD.id_number, OLD.care_type, OLD.status, OLD.eligible, OLD.payout, OLD.consumed),
                       (1, NEW.plan_id, NEW.id_number, NEW.care_type, NEW.status, NEW.eligible, NEW.payout, NEW.consumed))
               AS x(sign, plan_id, id_number, care_type, status, eligible, payout, consumed)
          LEFT JOIN participant pa ON pa.id_number = x.id_number
         CROSS JOIN LATERAL settlement_contribution(x.status, x.eligible, x.payout, x.consumed) c
         WHERE x.plan_id IS NOT NULL
         GROUP BY 1, 2, 3
        HAVING sum(x.sign * c.reversals) <> 0 OR sum(x.sign * c.settled) <> 0 OR sum(x.sign * c.payout_settled) <> 0
            OR sum(x.sign * c.settlements) <> 0 OR sum(x.sign * c.eligible_n) <> 0 OR sum(x.sign * c.paying) <> 0
            OR sum(x.sign * c.in_policy) <> 0 OR sum(x.sign * c.in_policy_n) <> 0 OR sum(x.sign * c.out_policy) <> 0
            OR sum(x.sign * c.out_policy_n) <> 0;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER settlement_tally AFTER INSERT OR DELETE ON settlement FOR EACH ROW
    EXECUTE FUNCTION settlement_tally_on_settlement();
CREATE TRIGGER settlement_tally_update AFTER UPDATE ON settlement FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.payout IS DISTINCT FROM NEW.payout
          OR OLD.eligible IS DISTINCT FROM NEW.eligible OR OLD.consumed IS DISTINCT FROM NEW.consumed
          OR OLD.plan_id IS DISTINCT FROM NEW.plan_id OR OLD.care_type IS DISTINCT FROM NEW.care_type
          OR OLD.id_number IS DISTINCT FROM NEW.id_number)
    EXECUTE FUNCTION settlement_tally_on_settlement();

-- The journal is append-only (V8 refuses UPDATE and DELETE): inserts alone, one row at a time (the settlement path
-- writes six lines, three of which count here).
CREATE FUNCTION journal_tally_on_journal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.account IN ('CLAIMS_SETTLED', 'CLAIMS_REVERSED', 'CLAIMS_REIMBURSED') THEN
        INSERT INTO journal_tally (plan_id, county_code, insurer, claims)
        VALUES (NEW.plan_id, coalesce(NEW.county_code, ''), NEW.insurer, NEW.amount);
    ELSIF NEW.account IN ('PREMIUM_INCOME', 'PREMIUM_REFUNDS') THEN
        INSERT INTO journal_tally (plan_id, county_code, insurer, premium)
        VALUES (NEW.plan_id, coalesce(NEW.county_code, ''), NEW.insurer, -NEW.amount);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER journal_tally AFTER INSERT ON journal_line FOR EACH ROW EXECUTE FUNCTION journal_tally_on_journal();

-- A participant: members by status and county; a changed county (or a record that appears or goes) moves what their
-- policies, refunds and settlements count from the old county to the new.
CREATE FUNCTION tallies_on_participant() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids char(18)[];
    old_counties char(6)[];
    new_counties char(6)[];
    old_active boolean[];
    new_active boolean[];
BEGIN
    IF TG_OP = 'UPDATE' THEN
        SELECT array_agg(g.id_number), array_agg(g.county_code), array_agg(c.county_code),
               array_agg(g.status = 'ACTIVE'), array_agg(c.status = 'ACTIVE')
          INTO ids, old_counties, new_counties, old_active, new_active
          FROM gone g JOIN changed c ON c.id_number = g.id_number
         WHERE g.county_code <> c.county_code OR (g.status = 'ACTIVE') <> (c.status = 'ACTIVE');
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(id_number), array_agg(NULL::char(6)), array_agg(county_code), array_agg(false),
               array_agg(status = 'ACTIVE')
          INTO ids, old_counties, new_counties, old_active, new_active FROM changed;
    ELSE
        SELECT array_agg(id_number), array_agg(county_code), array_agg(NULL::char(6)), array_agg(status = 'ACTIVE'),
               array_agg(false)
          INTO ids, old_counties, new_counties, old_active, new_active FROM changed;
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;

    INSERT INTO member_tally (county_code, members)
    SELECT county, sum(n)
      FROM unnest(old_counties, new_counties, old_active, new_active) AS m(old_county, new_county, old_active, new_active)
     CROSS JOIN LATERAL (VALUES (m.old_county, CASE WHEN m.old_active THEN -1 ELSE 0 END),
                                (m.new_county, CASE WHEN m.new_active THEN 1 ELSE 0 END)) AS side(county, n)
     WHERE side.county IS NOT NULL
     GROUP BY county HAVING sum(n) <> 0;

    INSERT INTO policy_tally (plan_id, county_code, payer_type, payer_org_type, policies, active, active_premium,
                              paid_premium, refunded)
    SELECT plan_id, county, payer_type, payer_org_type, sum(sign * policies), sum(sign * active),
           sum(sign * active_premium), sum(sign * paid_premium), sum(sign * refunded)
      FROM (SELECT po.plan_id, o.payer_type, coalesce(o.payer_org_type, '') AS payer_org_type, m.old_county,
                   m.new_county, 1 AS policies, (po.status = 'ACTIVE')::int AS active,
                   CASE WHEN po.status = 'ACTIVE' THEN po.premium ELSE 0 END AS active_premium,
                   CASE WHEN po.status IN ('ACTIVE', 'CANCELLED') THEN po.premium ELSE 0 END AS paid_premium,
                   0 AS refunded
              FROM unnest(ids, old_counties, new_counties) AS m(id_number, old_county, new_county)
              JOIN policy po ON po.id_number = m.id_number
              JOIN enrolment_order o ON o.id = po.order_id
             WHERE m.old_county IS DISTINCT FROM m.new_county
            UNION ALL
            SELECT r.plan_id, o.payer_type, coalesce(o.payer_org_type, ''), m.old_county, m.new_county, 0, 0, 0, 0,
                   r.amount
              FROM unnest(ids, old_counties, new_counties) AS m(id_number, old_county, new_county)
              JOIN policy po ON po.id_number = m.id_number
              JOIN refund r ON r.policy_id = po.id AND r.source = 'CANCELLATION' AND r.status <> 'NONE'
              JOIN enrolment_order o ON o.id = po.order_id
             WHERE m.old_county IS DISTINCT FROM m.new_county) x
     CROSS JOIN LATERAL (VALUES (x.old_county, -1), (x.new_county, 1)) AS side(county, sign)
     WHERE side.county IS NOT NULL
     GROUP BY plan_id, county, payer_type, payer_org_type;

    -- Settlements count under '' while their person has no record, so they move from and to ''.
    INSERT INTO settlement_tally (plan_id, county_code, care_type, settlements, eligible, reversals, settled, payout,
                                  paying, in_policy, in_policy_n, out_policy, out_policy_n)
    SELECT s.plan_id, side.county, s.care_type, sum(side.sign * c.settlements), sum(side.sign * c.eligible_n),
           sum(side.sign * c.reversals), sum(side.sign * c.settled), sum(side.sign * c.payout_settled),
           sum(side.sign * c.paying), sum(side.sign * c.in_policy), sum(side.sign * c.in_policy_n),
           sum(side.sign * c.out_policy), sum(side.sign * c.out_policy_n)
      FROM unnest(ids, old_counties, new_counties) AS m(id_number, old_county, new_county)
      -- a settlement has a plan exactly when it has a policy, of its own person (indexed both ways; by ID number not)
      JOIN policy po ON po.id_number = m.id_number
      JOIN settlement s ON s.policy_id = po.id
     CROSS JOIN LATERAL settlement_contribution(s.status, s.eligible, s.payout, s.consumed) c
     CROSS JOIN LATERAL (VALUES (coalesce(m.old_county, ''), -1), (coalesce(m.new_county, ''), 1)) AS side(county, sign)
     WHERE m.old_county IS DISTINCT FROM m.new_county
     GROUP BY s.plan_id, side.county, s.care_type;
    RETURN NULL;
END $$;
CREATE TRIGGER participant_tally_insert AFTER INSERT ON participant
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tallies_on_participant();
CREATE TRIGGER participant_tally_update AFTER UPDATE ON participant
    REFERENCING OLD TABLE AS gone NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tallies_on_participant();
CREATE TRIGGER participant_tally_delete AFTER DELETE ON participant
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tallies_on_participant();

-- ---- Folding and correcting --------------------------------------------------------------------------------------
-- One fold at a time across instances (a transaction advisory lock; a second caller skips). A fold deletes the
-- deltas it sees and adds them to the folded rows in one transaction: a delta committed meanwhile is not seen, so it
-- stays for the next fold, and a report reading between sees either the deltas or their fold, never both.
CREATE FUNCTION report_tally_fold() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    folded_members bigint;
    folded_policies bigint;
    folded_settlements bigint;
    folded_journal bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('huimin.report_tally_fold')) THEN
        RETURN 0;
    END IF;
    WITH gone AS (DELETE FROM member_tally WHERE NOT folded RETURNING county_code, members)
    INSERT INTO member_tally (county_code, members, folded)
    SELECT county_code, sum(members), true FROM gone GROUP BY county_code
    ON CONFLICT (county_code) WHERE folded DO UPDATE SET members = member_tally.members + excluded.members;
    GET DIAGNOSTICS folded_members = ROW_COUNT;
    WITH gone AS (DELETE FROM policy_tally WHERE NOT folded
                  RETURNING plan_id, county_code, payer_type, payer_org_type, policies, active, active_premium,
                            paid_premium, refunded)
    INSERT INTO policy_tally (plan_id, county_code, payer_type, payer_org_type, policies, active, active_premium,
                              paid_premium, refunded, folded)
    SELECT plan_id, county_code, payer_type, payer_org_type, sum(policies), sum(active), sum(active_premium),
           sum(paid_premium), sum(refunded), true
      FROM gone GROUP BY plan_id, county_code, payer_type, payer_org_type
    ON CONFLICT (plan_id, county_code, payer_type, payer_org_type) WHERE folded DO UPDATE
       SET policies = policy_tally.policies + excluded.policies, active = policy_tally.active + excluded.active,
           active_premium = policy_tally.active_premium + excluded.active_premium,
           paid_premium = policy_tally.paid_premium + excluded.paid_premium,
           refunded = policy_tally.refunded + excluded.refunded;
    GET DIAGNOSTICS folded_policies = ROW_COUNT;
    WITH gone AS (DELETE FROM settlement_tally WHERE NOT folded
                  RETURNING plan_id, county_code, care_type, settlements, eligible, reversals, settled, payout, paying,
                            in_policy, in_policy_n, out_policy, out_policy_n)
    INSERT INTO settlement_tally (plan_id, county_code, care_type, settlements, eligible, reversals, settled, payout,
                                  paying, in_policy, in_policy_n, out_policy, out_policy_n, folded)
    SELECT plan_id, county_code, care_type, sum(settlements), sum(eligible), sum(reversals), sum(settled), sum(payout),
           sum(paying), sum(in_policy), sum(in_policy_n), sum(out_policy), sum(out_policy_n), true
      FROM gone GROUP BY plan_id, county_code, care_type
    ON CONFLICT (plan_id, county_code, care_type) WHERE folded DO UPDATE
       SET settlements = settlement_tally.settlements + excluded.settlements,
           eligible = settlement_tally.eligible + excluded.eligible,
           reversals = settlement_tally.reversals + excluded.reversals,
           settled = settlement_tally.settled + excluded.settled, payout = settlement_tally.payout + excluded.payout,
           paying = settlement_tally.paying + excluded.paying,
           in_policy = settlement_tally.in_policy + excluded.in_policy,
           in_policy_n = settlement_tally.in_policy_n + excluded.in_policy_n,
           out_policy = settlement_tally.out_policy + excluded.out_policy,
           out_policy_n = settlement_tally.out_policy_n + excluded.out_policy_n;
    GET DIAGNOSTICS folded_settlements = ROW_COUNT;
    WITH gone AS (DELETE FROM journal_tally WHERE NOT folded RETURNING plan_id, county_code, insurer, premium, claims)
    INSERT INTO journal_tally (plan_id, county_code, insurer, premium, claims, folded)
    SELECT plan_id, county_code, insurer, sum(premium), sum(claims), true FROM gone
     GROUP BY plan_id, county_code, insurer
    ON CONFLICT (plan_id, county_code, insurer) WHERE folded DO UPDATE
       SET premium = journal_tally.premium + excluded.premium, claims = journal_tally.claims + excluded.claims;
    GET DIAGNOSTICS folded_journal = ROW_COUNT;
    RETURN folded_members + folded_policies + folded_settlements + folded_journal;
END $$;

-- Writes (expected − tallied) for every key where they differ; returns how many keys it corrected. Each INSERT is one
-- statement, so it compares the rows and the tallies in one snapshot. Run it in READ COMMITTED (each statement's
-- snapshot is taken after the lock is held, so a second run never corrects what the first already did).
CREATE FUNCTION report_tally_correct() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    corrected_members bigint;
    corrected_policies bigint;
    corrected_settlements bigint;
    corrected_journal bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('huimin.report_tally_correct'));
    INSERT INTO member_tally (county_code, members)
    SELECT coalesce(e.county_code, t.county_code), coalesce(e.members, 0) - coalesce(t.members, 0)
      FROM member_tally_expected e
      FULL JOIN (SELECT county_code, sum(members) AS members FROM member_tally GROUP BY county_code) t
        ON t.county_code = e.county_code
     WHERE coalesce(e.members, 0) <> coalesce(t.members, 0);
    GET DIAGNOSTICS corrected_members = ROW_COUNT;
    INSERT INTO policy_tally (plan_id, county_code, payer_type, payer_org_type, policies, active, active_premium,
                              paid_premium, refunded)
    SELECT coalesce(e.plan_id, t.plan_id), coalesce(e.county_code, t.county_code), coalesce(e.payer_type, t.payer_type),
           coalesce(e.payer_org_type, t.payer_org_type),
           coalesce(e.policies, 0) - coalesce(t.policies, 0), coalesce(e.active, 0) - coalesce(t.active, 0),
           coalesce(e.active_premium, 0) - coalesce(t.active_premium, 0),
           coalesce(e.paid_premium, 0) - coalesce(t.paid_premium, 0), coalesce(e.refunded, 0) - coalesce(t.refunded, 0)
      FROM policy_tally_expected e
      FULL JOIN (SELECT plan_id, county_code, payer_type, payer_org_type, sum(policies) AS policies,
                        sum(active) AS active, sum(active_premium) AS active_premium,
                        sum(paid_premium) AS paid_premium, sum(refunded) AS refunded
                   FROM policy_tally GROUP BY plan_id, county_code, payer_type, payer_org_type) t
        ON t.plan_id = e.plan_id AND t.county_code = e.county_code AND t.payer_type = e.payer_type
       AND t.payer_org_type = e.payer_org_type
     WHERE (coalesce(e.policies, 0), coalesce(e.active, 0), coalesce(e.active_premium, 0), coalesce(e.paid_premium, 0),
            coalesce(e.refunded, 0))
           IS DISTINCT FROM
           (coalesce(t.policies, 0), coalesce(t.active, 0), coalesce(t.active_premium, 0), coalesce(t.paid_premium, 0),
            coalesce(t.refunded, 0));
    GET DIAGNOSTICS corrected_policies = ROW_COUNT;
    INSERT INTO settlement_tally (plan_id, county_code, care_type, settlements, eligible, reversals, settled, payout,
                                  paying, in_policy, in_policy_n, out_policy, out_policy_n)
    SELECT coalesce(e.plan_id, t.plan_id), coalesce(e.county_code, t.county_code), coalesce(e.care_type, t.care_type),
           coalesce(e.settlements, 0) - coalesce(t.settlements, 0), coalesce(e.eligible, 0) - coalesce(t.eligible, 0),
           coalesce(e.reversals, 0) - coalesce(t.reversals, 0), coalesce(e.settled, 0) - coalesce(t.settled, 0),
           coalesce(e.payout, 0) - coalesce(t.payout, 0), coalesce(e.paying, 0) - coalesce(t.paying, 0),
           coalesce(e.in_policy, 0) - coalesce(t.in_policy, 0), coalesce(e.in_policy_n, 0) - coalesce(t.in_policy_n, 0),
           coalesce(e.out_policy, 0) - coalesce(t.out_policy, 0), coalesce(e.out_policy_n, 0) - coalesce(t.out_policy_n, 0)
      FROM settlement_tally_expected e
      FULL JOIN (SELECT plan_id, county_code, care_type, sum(settlements) AS settlements, sum(eligible) AS eligible,
                        sum(reversals) AS reversals, sum(settled) AS settled, sum(payout) AS payout,
                        sum(paying) AS paying, sum(in_policy) AS in_policy, sum(in_policy_n) AS in_policy_n,
                        sum(out_policy) AS out_policy, sum(out_policy_n) AS out_policy_n
                   FROM settlement_tally GROUP BY plan_id, county_code, care_type) t
        ON t.plan_id = e.plan_id AND t.county_code = e.county_code AND t.care_type = e.care_type
     WHERE (coalesce(e.settlements, 0), coalesce(e.eligible, 0), coalesce(e.reversals, 0), coalesce(e.settled, 0),
            coalesce(e.payout, 0), coalesce(e.paying, 0), coalesce(e.in_policy, 0), coalesce(e.in_policy_n, 0),
            coalesce(e.out_policy, 0), coalesce(e.out_policy_n, 0))
           IS DISTINCT FROM
           (coalesce(t.settlements, 0), coalesce(t.eligible, 0), coalesce(t.reversals, 0), coalesce(t.settled, 0),
            coalesce(t.payout, 0), coalesce(t.paying, 0), coalesce(t.in_policy, 0), coalesce(t.in_policy_n, 0),
            coalesce(t.out_policy, 0), coalesce(t.out_policy_n, 0));
    GET DIAGNOSTICS corrected_settlements = ROW_COUNT;
    INSERT INTO journal_tally (plan_id, county_code, insurer, premium, claims)
    SELECT coalesce(e.plan_id, t.plan_id), coalesce(e.county_code, t.county_code), coalesce(e.insurer, t.insurer),
           coalesce(e.premium, 0) - coalesce(t.premium, 0), coalesce(e.claims, 0) - coalesce(t.claims, 0)
      FROM journal_tally_expected e
      FULL JOIN (SELECT plan_id, county_code, insurer, sum(premium) AS premium, sum(claims) AS claims
                   FROM journal_tally GROUP BY plan_id, county_code, insurer) t
        ON t.plan_id = e.plan_id AND t.county_code = e.county_code AND t.insurer = e.insurer
     WHERE (coalesce(e.premium, 0), coalesce(e.claims, 0)) IS DISTINCT FROM (coalesce(t.premium, 0), coalesce(t.claims, 0));
    GET DIAGNOSTICS corrected_journal = ROW_COUNT;
    RETURN corrected_members + corrected_policies + corrected_settlements + corrected_journal;
END $$;

-- The data already here: tallied once (the triggers exist from now on, and this transaction holds their tables).
SELECT report_tally_correct();
SELECT report_tally_fold();
