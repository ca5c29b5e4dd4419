package org.huimin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Db;
import org.huimin.support.Ids;
import org.huimin.support.TestClock;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The reports read tallies kept by triggers (V11), not the plan's rows: these show that they follow every change —
 * enrolment, payment, cancellation, settlement, a person moving county or being suspended — that folding changes no
 * figure, and that a tally that drifts is put right by the nightly check. Shanxi (14xxxx) and Jilin (22xxxx),
 * which no other test uses (one plan per region and year).
 */
@QuarkusTest
class ReportTallyTest {

    private static final String BUREAU = Tokens.bureau("140000");
    private static final String JILIN = Tokens.bureau("220000");

    @Inject
    ReportTallies tallies;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry metrics;

    private static ValidatableResponse claims(String bureau, String plan) {
        return Api.as(bureau).get("/api/v1/bureau/reports/claims?plan=" + plan).then().statusCode(200);
    }

    private static ValidatableResponse report(String plan) {
        return report(BUREAU, plan);
    }

    private static ValidatableResponse report(String bureau, String plan) {
        return Api.as(bureau).get("/api/v1/bureau/reports/enrolment?plan=" + plan).then().statusCode(200);
    }

    @Test
    void theTalliesFollowEveryChangeAndAMoveTakesAPersonsPoliciesWithThem() {
        String plan = Api.uniqueCode("SX");
        Api.createPlan(Api.plan(plan, "140000")).statusCode(201);
        String a = Ids.next("140105"), b = Ids.next("140105"), c = Ids.next("140106");
        Api.pushParticipants(List.of(Api.participant(a, "140105", "EMPLOYEE", "ACTIVE", 1),
                Api.participant(b, "140105", "RESIDENT", "ACTIVE", 1),
                Api.participant(c, "140106", "RESIDENT", "ACTIVE", 1))).statusCode(200);
        // A pays for A and B: 138.00. C pays 69.00 and cancels before coverage: refund 69.00 (requested, so owed).
        String order = Api.enrol(a, null, Api.enrolment(plan, "SELF", List.of(Api.member(a, "SELF"), Api.member(b, "SPOUSE"))))
                .statusCode(201).extract().path("orderId");
        Api.notifyPaid(Api.notificationBody(order, "TX-" + order, "138.00", Api.now())).statusCode(200);
        String numberC = Api.activePolicy(plan, c, Api.now());
        Api.as(Tokens.insured(c)).post("/api/v1/policies/" + numberC + "/cancellation").then().statusCode(200);

        // 140105: members A, B; enrolled A, B → 1.0000. 140106: member C, enrolled none → 0.0000.
        report(plan).body("counties", hasSize(2))
                .body("counties[0].county", equalTo("140105")).body("counties[0].members", equalTo(2))
                .body("counties[0].enrolled", equalTo(2))
                .body("counties[1].county", equalTo("140106")).body("counties[1].members", equalTo(1))
                .body("counties[1].enrolled", equalTo(0))
                // One channel, SELF: 2 active policies, 138.00 (C's cancelled policy lists the channel, counts nothing).
                .body("channels", hasSize(1)).body("channels[0].policies", equalTo(2))
                .body("channels[0].premium", equalTo(138.00f))
                // Collected 138.00 + 69.00 = 207.00; refunded 69.00; net 138.00.
                .body("totals.premiumCollected", equalTo(207.00f)).body("totals.premiumRefunded", equalTo(69.00f))
                .body("totals.netPremium", equalTo(138.00f));

        // B is in hospital within coverage (admitted 50 days from now, settled 6 days later): in-policy 25,000 → 4,000.
        String hospital = Api.uniqueCode("HSX");
        String admission = Api.today().plusDays(50).toString();
        TestClock.set(Api.today().plusDays(56).atTime(12, 0).atZone(TestClock.SHANGHAI).toInstant());
        try {
            Api.settle(hospital, Api.settlement(hospital + "-B", b, admission, "25000.00", "0.00", "0.00")).statusCode(201).body("payout", equalTo(4000.00f));
        } finally {
            TestClock.reset();
        }
        claims(Tokens.bureau("140105"), plan).body("settlements", equalTo(1)).body("payout", equalTo(4000.00f));

        // The bureau moves B to 140106 and suspends A.
        Api.pushParticipants(List.of(Api.participant(b, "140106", "RESIDENT", "ACTIVE", 2),
                Api.participant(a, "140105", "EMPLOYEE", "SUSPENDED", 2))).statusCode(200);
        // 140105: no member left (A suspended), A's policy still active → enrolled 1, rate 0 of 0 = 0.0000.
        // 140106: members B, C; enrolled B (moved with B); C's cancelled premium and refund moved nowhere (C stayed).
        report(plan).body("counties", hasSize(2))
                .body("counties[0].members", equalTo(0)).body("counties[0].enrolled", equalTo(1))
                .body("counties[0].rate", equalTo(0.0f))
                .body("counties[1].members", equalTo(2)).body("counties[1].enrolled", equalTo(1))
                .body("counties[1].rate", equalTo(0.5f))
                .body("totals.members", equalTo(2)).body("totals.enrolled", equalTo(2))
                .body("totals.premiumCollected", equalTo(207.00f)).body("totals.premiumRefunded", equalTo(69.00f));
        // A bureau of that one county sees it alone.
        Api.as(Tokens.bureau("140106")).get("/api/v1/bureau/reports/enrolment?plan=" + plan).then().statusCode(200)
                .body("counties", hasSize(1)).body("totals.enrolled", equalTo(1))
                .body("totals.premiumCollected", equalTo(138.00f)).body("totals.premiumRefunded", equalTo(69.00f));

        // B's settlement went with B; the insurers' lines keep the county they were booked with (140105).
        claims(Tokens.bureau("140106"), plan).body("settlements", equalTo(1)).body("payout", equalTo(4000.00f))
                .body("byCareType[0].key", equalTo("INPATIENT")).body("byCareType[0].payout", equalTo(4000.00f));
        claims(Tokens.bureau("140105"), plan).body("settlements", equalTo(0)).body("payout", equalTo(0.00f));

        // Every tally in the database agrees with the rows it counts — whatever the other tests did before this one.
        assertThat(tallies.correct().await().indefinitely()).as("keys corrected").isZero();
        // Folding changes the rows, not the figures.
        String before = report(plan).extract().asString();
        tallies.fold().await().indefinitely();
        assertThat(Db.count(pool, "SELECT count(*) FROM policy_tally p JOIN plan pl ON pl.id = p.plan_id "
                + "WHERE pl.code = $1 AND NOT p.folded", plan)).as("deltas left for the plan").isZero();
        assertThat(report(plan).extract().asString()).isEqualTo(before);
    }

    @Test
    void aTallyThatDriftsIsPutRightByTheNightlyCheck() {
        String plan = Api.uniqueCode("SX");
        Api.createPlan(Api.plan(plan, "220000")).statusCode(201);
        String d = Ids.next("220102");
        Api.pushParticipants(List.of(Api.participant(d, "220102", "RESIDENT", "ACTIVE", 1))).statusCode(200);
        Api.activePolicy(plan, d, Api.now());
        report(JILIN, plan).body("counties[0].enrolled", equalTo(1));

        // Something wrote five active policies into the tally that no row backs.
        Db.asOwner("INSERT INTO policy_tally (plan_id, county_code, payer_type, payer_org_type, active) "
                + "SELECT id, '220102', 'SELF', '', 5 FROM plan WHERE code = '" + plan + "'");
        report(JILIN, plan).body("counties[0].enrolled", equalTo(6));

        double counted = metrics.counter("huimin.report.tally.corrections").count();
        assertThat(tallies.correct().await().indefinitely()).as("keys corrected").isEqualTo(1);
        assertThat(metrics.counter("huimin.report.tally.corrections").count()).isEqualTo(counted + 1);
        report(JILIN, plan).body("counties[0].enrolled", equalTo(1)).body("totals.enrolled", equalTo(1));
        assertThat(tallies.correct().await().indefinitely()).as("a second check finds nothing").isZero();
    }
}
