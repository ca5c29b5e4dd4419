-- The physical ceiling (issue 16): the statements of one settlement and of one family enrolment — the same as
-- claims.pgbench and campaign.pgbench — in one PL/pgSQL function each, so that pgbench pays one round trip per
-- request where the service pays four (claims) or five (campaign). PL/pgSQL keeps each statement's plan for the
-- session, as the service's prepared statements do. Created by run.sh in the load-test database only (never in the
-- service's schema); called by claims-one-call.pgbench and campaign-one-call.pgbench.
CREATE OR REPLACE FUNCTION lt_settle(p_n bigint, p_client int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_policy bigint;
    v_plan bigint;
    v_id char(18);
    v_settlement bigint;
    v_participant record;
BEGIN
    SELECT po.id, po.plan_id, po.id_number INTO v_policy, v_plan, v_id
      FROM policy po
      JOIN plan p ON p.id = po.plan_id
      JOIN benefit_balance b ON b.plan_id = po.plan_id AND b.id_number = po.id_number
     WHERE po.id_number = (SELECT id_number FROM lt_people WHERE n = p_n) AND po.status = 'ACTIVE'
       AND p.coverage_starts <= CURRENT_DATE - 3 AND p.coverage_ends >= CURRENT_DATE - 3
     ORDER BY po.id
     LIMIT 1 FOR UPDATE OF po, b;
    SELECT id_number, name, county_code, insurance_type, status, basic_benefits_from, low_income, seq,
           benefit_periods::text, family_bindings::text
      INTO v_participant FROM participant WHERE id_number = v_id;
    WITH s AS (
        INSERT INTO settlement (hospital_code, settlement_id, request_hash, id_number, policy_id, plan_id,
               care_type, admission_date, discharge_date, total_amount, in_policy_self_pay,
               out_of_policy_self_pay, over_limit_self_pay, eligible, reason, payout, consumed, response,
               status, settled_at, settled_on, basic_settlement_id)
        VALUES ('PGB1', 'pgb1-' || p_client || '-' || p_n || '-' || random(), repeat('0', 64), v_id, v_policy, v_plan,
                'INPATIENT', CURRENT_DATE - 3, CURRENT_DATE - 3, 73000.00, 2000.00, 1000.00, 0.00, true, NULL, 1300.00,
                '{"deductibles": {"MAIN": 0.00},"caps": {"IN_POLICY": 800.00,"OUT_OF_POLICY": 500.00}}'::text::jsonb,
                '{"settlementId": "x","status": "SETTLED","eligible": true,"reason": null,"payout": 1300.00,"patientPays": 1700.00,"breakdown": [{"liability": "IN_POLICY","eligibleAmount": 2000.00,"deductibleApplied": 0.00,"ratio": 0.80,"payout": 800.00},{"liability": "OUT_OF_POLICY","eligibleAmount": 1000.00,"deductibleApplied": 0.00,"ratio": 0.50,"payout": 500.00}],"remaining": {"deductibles": {"MAIN": 0.00},"caps": {"IN_POLICY": 999200.00,"OUT_OF_POLICY": 999500.00}},"insurerShares": [{"insurer": "PICC","amount": 520.00},{"insurer": "CPIC","amount": 455.00},{"insurer": "PAIC","amount": 325.00}],"settledAt": "2026-11-23T10:00:00Z"}',
                'SETTLED', now(), CURRENT_DATE, NULL)
        ON CONFLICT (hospital_code, settlement_id) DO NOTHING RETURNING id, plan_id, hospital_code, settled_at),
    j AS (
        INSERT INTO journal_line (kind, source_id, line, plan_id, account, insurer, amount, county_code, hospital_code, recorded_at)
        SELECT 'SETTLEMENT', s.id, l.line, s.plan_id, l.account, l.insurer, l.amount::numeric, '210102', s.hospital_code, s.settled_at
          FROM s, unnest('{1,2,3,4,5,6}'::int[],
                         '{CLAIMS_SETTLED,HOSPITAL_PAYABLE,CLAIMS_SETTLED,HOSPITAL_PAYABLE,CLAIMS_SETTLED,HOSPITAL_PAYABLE}'::text[],
                         '{PICC,PICC,CPIC,CPIC,PAIC,PAIC}'::text[], '{520.00,-520.00,455.00,-455.00,325.00,-325.00}'::text[])
               AS l(line, account, insurer, amount))
    SELECT id INTO v_settlement FROM s;
    INSERT INTO audit_record (actor_subject, actor_role, actor_org, action, subject_masked, subject_key, target, outcome)
    VALUES ('his-PGB1', 'hospital', 'PGB1', 'SETTLEMENT', '2101**********0000', repeat('0', 64), 'pgb', 'PAYOUT 1300.00');
    UPDATE benefit_balance SET deductibles_used = '{"MAIN": 20000.00}'::text::jsonb,
           caps_used = '{"IN_POLICY": 800.00,"OUT_OF_POLICY": 500.00}'::text::jsonb
     WHERE plan_id = v_plan AND id_number = v_id;
    RETURN v_settlement;
END $$;

CREATE OR REPLACE FUNCTION lt_enrol(p_n bigint, p_client int, p_plan text) RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
    v_order uuid := gen_random_uuid();
    v_plan record;
    v_people char(18)[];
    v_row record;
BEGIN
    PERFORM request_hash, response FROM idempotency_record WHERE caller = 'pgb1' AND idem_key = 'k' || p_n || '-' || p_client;
    SELECT p.id, p.code, p.name, p.region, p.plan_year, p.premium, p.enrolment_opens, p.enrolment_closes,
           p.coverage_starts, p.coverage_ends, p.late_enrolment_waiting_days, p.terms::text AS terms
      INTO v_plan FROM plan p WHERE p.code = p_plan;
    v_people := ARRAY[(SELECT id_number FROM lt_people WHERE n = p_n), (SELECT id_number FROM lt_people WHERE n = p_n + 1)];
    FOR v_row IN SELECT id_number, name, county_code, insurance_type, status, basic_benefits_from, low_income, seq,
                        benefit_periods::text, family_bindings::text
                   FROM participant WHERE id_number = ANY(v_people) LOOP
    END LOOP;
    FOR v_row IN SELECT po.id_number, po.status, o.id, o.payer_type, o.payer_id_number, o.expires_at
                   FROM policy po JOIN enrolment_order o ON o.id = po.order_id JOIN plan pl ON pl.id = po.plan_id
                  WHERE pl.code = p_plan AND po.status IN ('PENDING_PAYMENT', 'ACTIVE') AND po.id_number = ANY(v_people) LOOP
    END LOOP;
    INSERT INTO idempotency_record (caller, idem_key, request_hash, status, response)
    VALUES ('pgb1', 'k' || p_n || '-' || p_client, repeat('0', 64), 1, '{"orderId":"x"}') ON CONFLICT DO NOTHING;
    INSERT INTO enrolment_order (id, plan_id, payer_type, payer_id_number, payer_org_code, payer_org_type, amount, status,
                                 created_at, expires_at)
    VALUES (v_order, v_plan.id, 'SELF', v_people[1], NULL, NULL, 138.00, 'PENDING_PAYMENT', now(), now() + interval '2 hours');
    INSERT INTO policy (order_id, plan_id, id_number, name, relation, status, premium, consent_at, guardian_consent_at, created_at)
    SELECT v_order, v_plan.id, m.id_number, '参保人', 'SELF', 'PENDING_PAYMENT', 69.00, now(), NULL, now()
      FROM unnest(v_people) AS m(id_number)
    ON CONFLICT (plan_id, id_number) WHERE status IN ('PENDING_PAYMENT', 'ACTIVE') DO NOTHING;
    INSERT INTO audit_record (actor_subject, actor_role, actor_org, action, subject_masked, subject_key, target, outcome)
    VALUES ('pgb1', 'insured', NULL, 'ENROLMENT', '2101**********0000', repeat('0', 64), v_order::text, 'PENDING_PAYMENT members=2');
    RETURN v_order;
END $$;
