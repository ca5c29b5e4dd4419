package org.huimin.claim;

import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.huimin.support.Api;
import org.huimin.support.TestClock;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Business dates are Asia/Shanghai dates, tested on the days they matter with the service's clock fixed: a stay across
 * the new year, a payment at midnight in Shanghai (16:00 UTC), and 29 February.
 */
@QuarkusTest
class BusinessDatesTest {

    @AfterEach
    void letTimeRun() {
        TestClock.reset();
    }

    /** A calendar-year plan of {@code year} in a fresh region, open for enrolment from September of the year before. */
    private static Map<String, Object> yearPlan(int year, String region) {
        Map<String, Object> plan = Api.plan(Api.uniqueCode("Y" + year), region);
        plan.put("planYear", year);
        plan.put("enrolmentOpens", (year - 1) + "-09-01");
        plan.put("enrolmentCloses", year + "-11-30");
        plan.put("coverageStarts", year + "-01-01");
        plan.put("coverageEnds", year + "-12-31");
        return plan;
    }

    private static Instant shanghai(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    @Test
    void aStayFromThe30thOfDecemberToThe2ndOfJanuaryIsJudgedOnItsAdmission() {
        String region = Api.region();
        Map<String, Object> plan = yearPlan(2026, region);
        TestClock.set(shanghai("2025-12-01T09:00:00"));
        Api.createPlan(plan).statusCode(201);
        String person = Api.activePeople(region, "RESIDENT", 1).get(0);
        Api.activePolicy((String) plan.get("code"), person, Api.now()); // paid before coverage: benefits from 1 January
        String hospital = Api.uniqueCode("HNY");
        Map<String, Object> stay = Api.settlement(hospital + "-1", person, "2026-12-30", "30000.00", "0.00", "0.00");
        stay.put("dischargeDate", "2027-01-02");
        // Discharged on the 2nd, settled on the 1st: the discharge lies in the future.
        TestClock.set(shanghai("2027-01-01T23:59:59"));
        Api.settle(hospital, stay).statusCode(422).body("code", equalTo("DATE_IN_FUTURE"));
        // At discharge: the 2026 policy pays (admitted in 2026), though today is 2027 and its coverage has ended.
        // 30,000 − 20,000 deductible = 10,000 × 0.80 = 8,000.
        TestClock.set(shanghai("2027-01-02T00:00:00"));
        Api.settle(hospital, stay).statusCode(201).body("eligible", equalTo(true)).body("payout", equalTo(8000.00f))
                .body("remaining.caps.IN_POLICY", equalTo(992000.00f));
        // Recorded on 2 January 2027 in Shanghai — 1 January 16:00 UTC.
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/reconciliation?date=2027-01-02").then()
                .body("settled.count", equalTo(1)).body("net", equalTo(8000.00f));
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/reconciliation?date=2027-01-01").then()
                .body("settled.count", equalTo(0));
        // A stay admitted on 2 January belongs to no 2027 plan here: NO_POLICY.
        Api.settle(hospital, Api.settlement(hospital + "-2", person, "2027-01-02", "30000.00", "0.00", "0.00"))
                .statusCode(201).body("reason", equalTo("NO_POLICY"));
    }

    @Test
    void aPaymentAtMidnightInShanghaiIsPaidOnTheNewDay() {
        String region = Api.region();
        Map<String, Object> plan = yearPlan(2026, region);
        TestClock.set(shanghai("2026-03-31T20:00:00"));
        Api.createPlan(plan).statusCode(201);
        List<String> people = Api.activePeople(region, "RESIDENT", 2);
        // Paid on or after coverage start: benefits start 30 days after the payment DATE, in Shanghai.
        // 23:59:59 on 31 March in Shanghai is 15:59:59 UTC: paid on 31 March → from 30 April.
        String before = Api.activePolicy((String) plan.get("code"), people.get(0), "2026-03-31T15:59:59Z");
        // 16:00:00 UTC is midnight in Shanghai: paid on 1 April → from 1 May.
        String after = Api.activePolicy((String) plan.get("code"), people.get(1), "2026-03-31T16:00:00Z");
        TestClock.set(shanghai("2026-04-01T12:00:00"));
        Api.as(Tokens.insured(people.get(0))).get("/api/v1/me/policies").then()
                .body("find { it.policyNumber == '" + before + "' }.benefitsFrom", equalTo("2026-04-30"));
        Api.as(Tokens.insured(people.get(1))).get("/api/v1/me/policies").then()
                .body("find { it.policyNumber == '" + after + "' }.benefitsFrom", equalTo("2026-05-01"));
        // The coverage check asks the same question on a given day.
        Api.as(Tokens.hospital("HMN")).get("/api/v1/hospital/coverage/" + people.get(0) + "?date=2026-04-30").then()
                .body("covered", equalTo(true));
        Api.as(Tokens.hospital("HMN")).get("/api/v1/hospital/coverage/" + people.get(1) + "?date=2026-04-30").then()
                .body("covered", equalTo(false)).body("reason", equalTo("WAITING_PERIOD"));
    }

    @Test
    void the29thOfFebruaryIsADayLikeAnyOther() {
        String region = Api.region();
        Map<String, Object> plan = yearPlan(2028, region);
        TestClock.set(shanghai("2028-02-29T10:00:00"));
        Api.createPlan(plan).statusCode(201);
        String person = Api.activePeople(region, "RESIDENT", 1).get(0);
        // Paid on 29 February 2028: 30 days later is 30 March (29 days of February counted once).
        Api.activePolicy((String) plan.get("code"), person, Api.now());
        String hospital = Api.uniqueCode("HLP");
        Map<String, Object> leapDay = Api.settlement(hospital + "-1", person, "2028-02-29", "30000.00", "0.00", "0.00");
        leapDay.put("dischargeDate", "2028-02-29");
        Api.settle(hospital, leapDay).statusCode(201).body("reason", equalTo("WAITING_PERIOD"));
        TestClock.set(shanghai("2028-03-30T10:00:00"));
        Map<String, Object> covered = Api.settlement(hospital + "-2", person, "2028-03-30", "30000.00", "0.00", "0.00");
        Api.settle(hospital, covered).statusCode(201).body("eligible", equalTo(true)).body("payout", equalTo(8000.00f));
        Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/reconciliation?date=2028-02-29").then()
                .body("settled.count", equalTo(1)).body("settled.payout", equalTo(0.00f));
    }
}
