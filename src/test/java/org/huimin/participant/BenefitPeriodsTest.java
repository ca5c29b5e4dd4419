package org.huimin.participant;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.huimin.support.Api;
import org.huimin.support.Ids;
import org.huimin.support.TestClock;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Benefit periods (待遇享受期): basic insurance is active on a day exactly when a period contains it, judged on the
 * admission date — a stay across the new year is paid though the new contribution is still unpaid at discharge, and
 * back-payment restores what was refused meanwhile. Records without periods keep the status rule.
 */
@QuarkusTest
class BenefitPeriodsTest {

    @AfterEach
    void letTimeRun() {
        TestClock.reset();
    }

    private static Map<String, Object> withPeriods(String id, String county, String status, long seq, Object periods) {
        Map<String, Object> record = Api.participant(id, county, "RESIDENT", status, seq);
        record.put("benefitPeriods", periods);
        return record;
    }

    private static Map<String, Object> period(String from, String to) {
        Map<String, Object> period = new java.util.LinkedHashMap<>();
        period.put("from", from);
        period.put("to", to);
        return period;
    }

    @Test
    void overlappingOrInvertedPeriodsAreRejectedRecordByRecord() {
        String region = Api.region();
        String good = Ids.next(region);
        String inverted = Ids.next(region);
        String overlapping = Ids.next(region);
        String twoOpen = Ids.next(region);
        Api.pushParticipants(List.of(
                withPeriods(good, region, "ACTIVE", 1, List.of(period("2025-01-01", "2025-06-30"), period("2025-09-01", null))),
                withPeriods(inverted, region, "ACTIVE", 1, List.of(period("2025-06-30", "2025-01-01"))),
                withPeriods(overlapping, region, "ACTIVE", 1, List.of(period("2025-01-01", "2025-06-30"),
                        period("2025-06-30", null))),
                withPeriods(twoOpen, region, "ACTIVE", 1, List.of(period("2025-01-01", null), period("2026-01-01", null)))))
                .statusCode(200).body("applied", equalTo(1)).body("rejected", hasSize(3))
                .body("rejected.code", equalTo(List.of("INVALID_PERIODS", "INVALID_PERIODS", "INVALID_PERIODS")))
                .body("rejected.index", equalTo(List.of(1, 2, 3)));
    }

    @Test
    void eligibilityIsJudgedOnTheAdmissionDateFromThePeriods() {
        String region = Api.region();
        String plan = Api.uniqueCode("BP");
        Map<String, Object> planBody = Api.plan(plan, region);
        planBody.put("planYear", 2026);
        planBody.put("enrolmentOpens", "2025-09-01");
        planBody.put("enrolmentCloses", "2026-11-30");
        planBody.put("coverageStarts", "2026-01-01");
        planBody.put("coverageEnds", "2026-12-31");
        TestClock.set(shanghai("2025-12-01T09:00:00"));
        Api.createPlan(planBody).statusCode(201);
        String person = Ids.next(region);
        // Contributions paid for 2026 (the period runs to its end), status SUSPENDED because 2027 is not yet paid.
        Api.pushParticipants(List.of(withPeriods(person, region, "ACTIVE", 1, List.of(period("2020-01-01", null)))))
                .statusCode(200).body("applied", equalTo(1));
        Api.activePolicy(plan, person, Api.now());
        String hospital = Api.uniqueCode("HBP");
        TestClock.set(shanghai("2027-01-05T10:00:00"));
        Api.pushParticipants(List.of(withPeriods(person, region, "SUSPENDED", 2, List.of(period("2020-01-01", "2026-12-31")))))
                .statusCode(200).body("applied", equalTo(1));
        // Admitted 20 December 2026, discharged 5 January 2027 with 2027 unpaid: covered on the admission date.
        Map<String, Object> stay = Api.settlement(hospital + "-1", person, "2026-12-20", "30000.00", "0.00", "0.00");
        stay.put("dischargeDate", "2027-01-05");
        Api.settle(hospital, stay).statusCode(201).body("eligible", equalTo(true)).body("payout", equalTo(8000.00f));
        // The status rule alone would have refused it: a record without periods keeps that rule.
        String old = Ids.next(region);
        Api.pushParticipants(List.of(Api.participant(old, region, "RESIDENT", "ACTIVE", 1))).statusCode(200);
        TestClock.set(shanghai("2025-12-02T09:00:00"));
        Api.activePolicy(plan, old, Api.now());
        TestClock.set(shanghai("2027-01-05T10:00:00"));
        Api.pushParticipants(List.of(Api.participant(old, region, "RESIDENT", "SUSPENDED", 2))).statusCode(200);
        Map<String, Object> oldStay = Api.settlement(hospital + "-2", old, "2026-12-20", "30000.00", "0.00", "0.00");
        oldStay.put("dischargeDate", "2027-01-05");
        Api.settle(hospital, oldStay).statusCode(201).body("reason", equalTo("BASIC_INSURANCE_INACTIVE"));
    }

    @Test
    void aSuspensionIsExplainedAndBackPaymentRestoresIt() {
        String region = Api.region();
        String plan = Api.uniqueCode("BQ");
        Map<String, Object> planBody = Api.runningPlan(plan, region);
        Api.createPlan(planBody).statusCode(201);
        String person = Api.insuredPerson(plan, planBody);
        String stay = Api.today().minusDays(20).toString();
        String resumes = Api.today().minusDays(10).toString();
        // Suspended for arrears from 30 days ago; a new period starts 10 days ago (paid again).
        Api.pushParticipants(List.of(withPeriods(person, region, "ACTIVE", 5, List.of(
                period("2020-01-01", Api.today().minusDays(30).toString()), period(resumes, null))))).statusCode(200);
        Api.as(Tokens.hospital("HBQ")).get("/api/v1/hospital/coverage/" + person + "?date=" + stay).then().statusCode(200)
                .body("covered", equalTo(false)).body("reason", equalTo("BASIC_INSURANCE_INACTIVE"))
                .body("basicBenefitsFrom", equalTo(resumes))
                .body("explanation", org.hamcrest.Matchers.containsString(resumes));
        String hospital = Api.uniqueCode("HBQ");
        Api.settle(hospital, Api.settlement(hospital + "-1", person, stay, "30000.00", "0.00", "0.00")).statusCode(201)
                .body("reason", equalTo("BASIC_INSURANCE_INACTIVE"));
        // Back-payment (补缴): the bureau restores the period retroactively; a newer record without periods keeps them.
        Api.pushParticipants(List.of(withPeriods(person, region, "ACTIVE", 6, List.of(period("2020-01-01", null)))))
                .statusCode(200);
        Api.pushParticipants(List.of(Api.participant(person, region, "RESIDENT", "ACTIVE", 7))).statusCode(200);
        Api.as(Tokens.hospital("HBQ")).get("/api/v1/hospital/coverage/" + person + "?date=" + stay).then()
                .body("covered", equalTo(true)).body("basicBenefitsFrom", nullValue());
        Api.settle(hospital, Api.settlement(hospital + "-2", person, stay, "30000.00", "0.00", "0.00")).statusCode(201)
                .body("eligible", equalTo(true));
        // An older record (lower seq) changes nothing, periods included.
        Api.pushParticipants(List.of(withPeriods(person, region, "ACTIVE", 3, List.of(period("2030-01-01", null)))))
                .statusCode(200).body("stale", equalTo(1));
    }

    private static Instant shanghai(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }
}
