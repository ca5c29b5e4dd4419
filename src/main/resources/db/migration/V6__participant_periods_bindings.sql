-- Issues 13 and 14: what the bureau says beyond the status. Both are replaced whole by a newer record that carries
-- them, and kept by one that does not (ParticipantRepository.upsert).
-- 待遇享受期: [{"from": "2025-01-01", "to": "2025-06-30"}, {"from": "2025-09-01", "to": null}]; NULL when never sent
-- (eligibility then follows status and basic_benefits_from, as before).
ALTER TABLE participant ADD COLUMN benefit_periods jsonb;
-- 家庭共济绑定 of an employee's personal account: [{"idNumber": "…", "relation": "SPOUSE"}]; the only proof of a
-- relation the service trusts for personal-account payments.
ALTER TABLE participant ADD COLUMN family_bindings jsonb;
