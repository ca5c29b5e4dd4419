-- Issue 11: balances per person per plan, orders that expire or are withdrawn, refunds that run to the end,
-- one payment per basic-insurance settlement.

-- ---- Balances belong to the person within the plan (cancelling never resets a cap) ----------------------------
-- One row per person per plan; settlements, approvals and reversals lock it (BalanceRepository).
CREATE TABLE benefit_balance (
    plan_id          bigint    NOT NULL REFERENCES plan (id),
    id_number        char(18)  NOT NULL,
    deductibles_used jsonb     NOT NULL DEFAULT '{}',
    caps_used        jsonb     NOT NULL DEFAULT '{}',
    PRIMARY KEY (plan_id, id_number)
);
-- What every policy of a person in a plan has used so far, summed (a cancelled policy's use stays used).
INSERT INTO benefit_balance (plan_id, id_number, deductibles_used, caps_used)
SELECT po.plan_id, po.id_number,
       coalesce((SELECT jsonb_object_agg(d.key, d.total) FROM (
                    SELECT e.key, sum(e.value::numeric) AS total
                      FROM policy p2, jsonb_each_text(p2.deductibles_used) e
                     WHERE p2.plan_id = po.plan_id AND p2.id_number = po.id_number GROUP BY e.key) d), '{}'),
       coalesce((SELECT jsonb_object_agg(c.key, c.total) FROM (
                    SELECT e.key, sum(e.value::numeric) AS total
                      FROM policy p2, jsonb_each_text(p2.caps_used) e
                     WHERE p2.plan_id = po.plan_id AND p2.id_number = po.id_number GROUP BY e.key) c), '{}')
  FROM policy po
 WHERE po.activated_at IS NOT NULL
 GROUP BY po.plan_id, po.id_number;
ALTER TABLE policy DROP COLUMN deductibles_used, DROP COLUMN caps_used;

-- ---- Unpaid orders expire, or are withdrawn, and free their members at once --------------------------------
ALTER TABLE enrolment_order DROP CONSTRAINT enrolment_order_status_check;
ALTER TABLE enrolment_order ADD CONSTRAINT enrolment_order_status_check
    CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'PAYMENT_FAILED', 'EXPIRED', 'WITHDRAWN'));
ALTER TABLE enrolment_order ADD COLUMN expires_at timestamptz;
ALTER TABLE enrolment_order ADD COLUMN closed_at timestamptz;
UPDATE enrolment_order SET expires_at = created_at + CASE payer_type
        WHEN 'SELF' THEN interval '2 hours' WHEN 'PERSONAL_ACCOUNT' THEN interval '3 days' ELSE interval '7 days' END;
ALTER TABLE enrolment_order ALTER COLUMN expires_at SET NOT NULL;
-- The sweep's queue: only unpaid orders, oldest deadline first.
CREATE INDEX enrolment_order_expiry ON enrolment_order (expires_at) WHERE status = 'PENDING_PAYMENT';

ALTER TABLE policy DROP CONSTRAINT policy_status_check;
ALTER TABLE policy ADD CONSTRAINT policy_status_check
    CHECK (status IN ('PENDING_PAYMENT', 'ACTIVE', 'CANCELLED', 'PAYMENT_FAILED', 'EXPIRED', 'WITHDRAWN'));
ALTER TABLE personal_account_deduction DROP CONSTRAINT personal_account_deduction_status_check;
ALTER TABLE personal_account_deduction ADD CONSTRAINT personal_account_deduction_status_check
    CHECK (status IN ('REQUESTED', 'SUCCEEDED', 'FAILED', 'WITHDRAWN'));
-- A deduction result that arrives for a withdrawn request is recorded, not lost.
ALTER TABLE personal_account_deduction ADD COLUMN late_result varchar(12) CHECK (late_result IN ('SUCCEEDED', 'FAILED'));

-- Money that arrives for an expired or withdrawn order: recorded (and refunded), never activating anything.
CREATE TABLE late_payment (
    order_id        uuid          NOT NULL REFERENCES enrolment_order (id),
    transaction_id  varchar(64)   NOT NULL UNIQUE,
    amount          numeric(14,2) NOT NULL CHECK (amount >= 0),
    paid_at         timestamptz   NOT NULL,
    recorded_at     timestamptz   NOT NULL,
    refund_id       uuid          NOT NULL,
    PRIMARY KEY (order_id, transaction_id)
);

-- ---- Refunds run to the end -------------------------------------------------------------------------------
-- A refund goes back where its money came from and moves REQUESTED → SUCCEEDED or FAILED (an operator may retry a
-- FAILED one: a new attempt of the same refund). Refunds to the original payment carry their own outbox: the row is
-- written in the transaction that creates the refund, and RefundSender sends it after commit, with back-off, until
-- the provider accepts it (send_due_at is when it is next due; null once accepted).
ALTER TABLE refund ADD COLUMN refund_id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE refund ADD CONSTRAINT refund_refund_id_key UNIQUE (refund_id);
ALTER TABLE refund ALTER COLUMN refund_id DROP DEFAULT;
ALTER TABLE refund ALTER COLUMN policy_id DROP NOT NULL;
ALTER TABLE refund ADD COLUMN source varchar(16) NOT NULL DEFAULT 'CANCELLATION' CHECK (source IN ('CANCELLATION', 'LATE_PAYMENT'));
ALTER TABLE refund ALTER COLUMN source DROP DEFAULT;
ALTER TABLE refund ADD COLUMN plan_id bigint REFERENCES plan (id);
ALTER TABLE refund ADD COLUMN policy_number varchar(32);
ALTER TABLE refund ADD COLUMN payer_id_number char(18);
ALTER TABLE refund ADD COLUMN payer_org_code varchar(64);
ALTER TABLE refund ADD COLUMN transaction_id varchar(64);
ALTER TABLE refund ADD COLUMN attempt integer NOT NULL DEFAULT 1;
ALTER TABLE refund ADD COLUMN send_due_at timestamptz;
ALTER TABLE refund ADD COLUMN send_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE refund ADD COLUMN sent_at timestamptz;
ALTER TABLE refund ADD COLUMN result_at timestamptz;
ALTER TABLE refund ADD COLUMN recorded_at timestamptz;
ALTER TABLE refund ADD COLUMN reference varchar(64);
UPDATE refund r SET plan_id = o.plan_id, payer_id_number = o.payer_id_number, payer_org_code = o.payer_org_code,
                    transaction_id = o.payment_transaction_id,
                    policy_number = (SELECT policy_number FROM policy p WHERE p.id = r.policy_id)
  FROM enrolment_order o WHERE o.id = r.order_id;
-- Refunds recorded before this release never left the platform: they are requested now, through their channel.
UPDATE refund SET send_due_at = now() WHERE status = 'REQUESTED' AND channel = 'ORIGINAL_PAYMENT';
ALTER TABLE refund ALTER COLUMN plan_id SET NOT NULL;
ALTER TABLE refund ADD CONSTRAINT refund_status_check CHECK (status IN ('NONE', 'REQUESTED', 'SUCCEEDED', 'FAILED'));
CREATE INDEX refund_outbox ON refund (send_due_at) WHERE send_due_at IS NOT NULL;
CREATE INDEX refund_status_channel ON refund (status, channel, created_at);
CREATE INDEX refund_payer ON refund (payer_id_number) WHERE payer_id_number IS NOT NULL;
CREATE INDEX refund_org ON refund (payer_org_code) WHERE payer_org_code IS NOT NULL;

-- ---- One payment per basic-insurance settlement (医保结算ID), at a desk or online -------------------------------
ALTER TABLE settlement ADD COLUMN basic_settlement_id varchar(64);
CREATE TABLE basic_settlement_claim (
    basic_settlement_id varchar(64)  PRIMARY KEY,
    holder              varchar(200) NOT NULL,
    claimed_at          timestamptz  NOT NULL
);

-- The status column of stored idempotent answers is no longer an HTTP status (services do not know them).
COMMENT ON COLUMN idempotency_record.status IS '0 while the request runs, 1 once its answer is stored (201 before V5)';
