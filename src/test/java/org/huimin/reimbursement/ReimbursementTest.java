package org.huimin.reimbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.huimin.support.Api;
import org.huimin.support.Claims;
import org.huimin.support.Ids;
import org.huimin.support.TestClock;
import org.huimin.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Online claims end to end, with hand-worked payouts on the API.md plan (deductible 20,000; in-policy 80 %, out-of-policy
 * 70 %; PICC leads). The stay of every claim here: in-policy 30,000 and out-of-policy 20,000 → (30,000 − 20,000) × 0.80
 * = 8,000 plus 20,000 × 0.70 = 14,000: 22,000.00.
 */
@QuarkusTest
class ReimbursementTest {

    private Map<String, Object> planBody;
    private String plan;
    private LocalDate admission;

    @BeforeEach
    void plan() {
        planBody = Api.runningPlan(Api.uniqueCode("RB"));
        plan = (String) planBody.get("code");
        Api.createPlan(planBody).statusCode(201);
        admission = Api.today().minusDays(20);
    }

    private String insured() {
        return Api.insuredPerson(plan, planBody);
    }

    private String submitted(String person, String basicId) {
        return Claims.submit(person, Claims.claim(person, Api.nameOf(person), admission, "30000.00", "20000.00", basicId,
                Claims.inpatientDocuments(person))).statusCode(201).extract().path("reimbursementId");
    }

    @Test
    void documentsAreRecognisedByContentAndLimitedInSize() {
        String person = Ids.next("210102");
        Claims.upload(person, "INVOICE", Claims.PDF, "scan.exe").statusCode(201)
                .body("contentType", equalTo("application/pdf"))
                .body("size", equalTo(2048))
                .body("sha256", equalTo(sha256(Claims.PDF)))
                .body("type", equalTo("INVOICE"));
        Claims.upload(person, "OTHER", Claims.PNG, "x.pdf").statusCode(201).body("contentType", equalTo("image/png"));
        // A text file named .pdf, and an executable named .jpg: by content, neither.
        Claims.upload(person, "INVOICE", "not a pdf".getBytes(), "invoice.pdf").statusCode(415)
                .contentType("application/problem+json").body("code", equalTo("UNSUPPORTED_DOCUMENT"));
        Claims.upload(person, "INVOICE", new byte[] {0x4D, 0x5A, 0, 0}, "photo.jpg").statusCode(415);
        Claims.upload(person, "PASSPORT", Claims.PDF, "x.pdf").statusCode(400);
        // Over 10 MB (10 MB + 1 byte of PDF): 413.
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(Claims.PDF, 0, big, 0, 16);
        Claims.upload(person, "INVOICE", big, "big.pdf").statusCode(413).contentType("application/problem+json");
        Api.as(Tokens.hospital("H1")).get("/api/v1/me/reimbursements").then().statusCode(403);
    }

    @Test
    void submitReviewApprovePay() {
        String person = insured();
        String basicId = Api.uniqueCode("BS");
        List<String> documents = Claims.inpatientDocuments(person);
        Map<String, Object> body = Claims.claim(person, Api.nameOf(person), admission, "30000.00", "20000.00", basicId, documents);
        String key = "claim-" + basicId;
        String id = Api.as(Tokens.insured(person)).header("Idempotency-Key", key).body(body).post("/api/v1/me/reimbursements")
                .then().statusCode(201)
                .body("status", equalTo("SUBMITTED"))
                .body("estimate.payout", equalTo(22000.00f))
                .body("estimate.breakdown[0].payout", equalTo(8000.00f))
                .body("estimate.breakdown[1].payout", equalTo(14000.00f))
                .body("flags", hasSize(0))
                .body("decisionDueBy", equalTo(Api.today().plusDays(30).toString()))
                .extract().path("reimbursementId");
        // The same key again: the first answer, 200; another body under it: 409.
        Api.as(Tokens.insured(person)).header("Idempotency-Key", key).body(body).post("/api/v1/me/reimbursements").then()
                .statusCode(200).body("reimbursementId", equalTo(id));
        Map<String, Object> other = new HashMap<>(body);
        other.put("hospitalName", "另一家医院");
        Api.as(Tokens.insured(person)).header("Idempotency-Key", key).body(other).post("/api/v1/me/reimbursements").then()
                .statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        // Nothing consumed yet: the hospital still sees the whole deductible.
        Api.as(Tokens.hospital("H1")).get("/api/v1/hospital/coverage/" + person).then()
                .body("remaining.deductibles.MAIN", equalTo(20000.00f));
        Api.as(Tokens.insured(person)).get("/api/v1/me/reimbursements/" + id).then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("documents", hasSize(3))
                .body("payee.account", equalTo("****0123"));

        // The lead insurer's queue has it (masked); another insurer of the plan sees nothing of it.
        Api.as(Tokens.insurer("PICC")).get("/api/v1/insurer/reimbursements?status=SUBMITTED&limit=1000").then().statusCode(200)
                .body("items.find { it.reimbursementId == '" + id + "' }.idNumber",
                        equalTo(person.substring(0, 4) + "**********" + person.substring(14)))
                .body("items.find { it.reimbursementId == '" + id + "' }.estimate", equalTo(22000.00f));
        Api.as(Tokens.insurer("CPIC")).get("/api/v1/insurer/reimbursements/" + id).then().statusCode(404);
        Api.as(Tokens.insurer("CPIC")).get("/api/v1/insurer/reimbursements").then().statusCode(200).body("items", hasSize(0));
        String document = Api.as(Tokens.insurer("PICC")).get("/api/v1/insurer/reimbursements/" + id).then().statusCode(200)
                .body("payee.account", equalTo("6216 6100 0000 0000 123"))
                .extract().path("documents[0].documentId");
        byte[] bytes = Api.as(Tokens.insurer("PICC")).get("/api/v1/insurer/reimbursements/" + id + "/documents/" + document)
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(bytes).isEqualTo(Claims.PDF);

        // Payment before approval is out of turn; approval consumes the balances the desk's way.
        pay(id, "22000.00", "TX-" + id).statusCode(409).body("code", equalTo("INVALID_STATE"));
        Claims.decide("reviewer-li", id, Map.of("decision", "APPROVE")).statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("payout", equalTo(22000.00f))
                .body("approval.breakdown[0].deductibleApplied", equalTo(20000.00f))
                .body("approval.insurerShares.amount", equalTo(List.of(8800.00f, 7700.00f, 5500.00f)))
                .body("paymentDueBy", equalTo(Api.today().plusDays(10).toString()))
                .body("decisions[0].reviewer", equalTo("reviewer-li"));
        Api.as(Tokens.hospital("H1")).get("/api/v1/hospital/coverage/" + person).then()
                .body("remaining.deductibles.MAIN", equalTo(0.00f)).body("remaining.caps.IN_POLICY", equalTo(992000.00f));
        // Approving again is out of turn, whoever does it.
        Claims.decide("reviewer-wang", id, Map.of("decision", "APPROVE")).statusCode(409).body("code", equalTo("INVALID_STATE"));
        pay(id, "2200.00", "TX-" + id).statusCode(422).body("code", equalTo("AMOUNT_MISMATCH"));
        pay(id, "22000.00", "TX-" + id).statusCode(200).body("status", equalTo("PAID"));
        pay(id, "22000.00", "TX-" + id).statusCode(200).body("status", equalTo("PAID"));
        pay(id, "22000.00", "TX-OTHER-" + id).statusCode(409).body("code", equalTo("ALREADY_PAID"));
        Api.as(Tokens.insured(person)).get("/api/v1/me/reimbursements").then().statusCode(200)
                .body("find { it.reimbursementId == '" + id + "' }.status", equalTo("PAID"));
        // The books: 22,000 reimbursed and paid to the member, split 8,800 / 7,700 / 5,500.
        Api.as(Tokens.operator()).get("/api/v1/insurer/accounts?plan=" + plan).then().statusCode(200)
                .body("insurers.claims.reimbursements", equalTo(List.of(8800.00f, 7700.00f, 5500.00f)))
                .body("totals.paid.members", equalTo(22000.00f))
                .body("totals.owed.members", equalTo(0.00f));
        Api.as(Tokens.operator()).get("/api/v1/ledger/verification?plan=" + plan).then().statusCode(200)
                .body("balanced", equalTo(true));
    }

    @Test
    void aLargeApprovalNeedsASecondReviewer() {
        String person = insured();
        // in-policy 90,000 → 70,000 × 0.80 = 56,000 ≥ 50,000.00: four eyes.
        String id = Claims.submit(person, Claims.claim(person, Api.nameOf(person), admission, "90000.00", "0.00",
                Api.uniqueCode("BS"), Claims.inpatientDocuments(person))).statusCode(201)
                .body("estimate.payout", equalTo(56000.00f)).extract().path("reimbursementId");
        Claims.decide("reviewer-li", id, Map.of("decision", "APPROVE")).statusCode(200)
                .body("status", equalTo("PENDING_SECOND_REVIEW"));
        // Nothing consumed before the second approval.
        Api.as(Tokens.hospital("H1")).get("/api/v1/hospital/coverage/" + person).then()
                .body("remaining.deductibles.MAIN", equalTo(20000.00f));
        Claims.decide("reviewer-li", id, Map.of("decision", "APPROVE")).statusCode(409)
                .body("code", equalTo("SECOND_REVIEWER_REQUIRED"));
        Claims.decide("reviewer-wang", id, Map.of("decision", "APPROVE")).statusCode(200)
                .body("status", equalTo("APPROVED")).body("payout", equalTo(56000.00f))
                .body("decisions.reviewer", equalTo(List.of("reviewer-li", "reviewer-wang")));
    }

    @Test
    void adjustmentsMayOnlyLowerAmountsWithAReason() {
        String person = insured();
        String id = submitted(person, Api.uniqueCode("BS"));
        Map<String, Object> raised = adjusted("33000.00", "30000.00", "23000.00");
        Claims.decide("reviewer-li", id, Map.of("decision", "APPROVE", "reason", "x", "adjustedAmounts", raised))
                .statusCode(422).body("code", equalTo("ADJUSTMENT_NOT_ALLOWED"))
                .body("errors[0].field", equalTo("adjustedAmounts.outOfPolicySelfPay"));
        // Out-of-policy lowered by 3,000 (self-paid drugs outside the list): must still add up, and say why.
        Map<String, Object> lowered = adjusted("117000.00", "30000.00", "17000.00");
        Claims.decide("reviewer-li", id, Map.of("decision", "APPROVE", "adjustedAmounts", lowered))
                .statusCode(422).body("code", equalTo("REASON_REQUIRED"));
        Claims.decide("reviewer-li", id, Map.of("decision", "APPROVE", "reason", "目录外药品",
                        "adjustedAmounts", adjusted("118000.00", "30000.00", "17000.00")))
                .statusCode(422).body("code", equalTo("AMOUNTS_DO_NOT_ADD_UP"));
        // 8,000 + 17,000 × 0.70 = 11,900 → 19,900.00.
        Claims.decide("reviewer-li", id, Map.of("decision", "APPROVE", "reason", "目录外药品", "adjustedAmounts", lowered))
                .statusCode(200).body("payout", equalTo(19900.00f)).body("adjustedAmounts.outOfPolicySelfPay", equalTo(17000.00f));
    }

    private static Map<String, Object> adjusted(String total, String in, String out) {
        Map<String, Object> amounts = new HashMap<>();
        amounts.put("totalAmount", total);
        amounts.put("basicFundPaid", "60000.00");
        amounts.put("criticalIllnessPaid", "10000.00");
        amounts.put("medicalAssistancePaid", "0.00");
        amounts.put("otherFundPaid", "0.00");
        amounts.put("inPolicySelfPay", in);
        amounts.put("outOfPolicySelfPay", out);
        amounts.put("overLimitSelfPay", "0.00");
        amounts.replaceAll((k, v) -> new java.math.BigDecimal((String) v));
        return amounts;
    }

    @Test
    void moreDocumentsRestartTheClockAndARejectionFreesTheSettlement() {
        String person = insured();
        String basicId = Api.uniqueCode("BS");
        String id = submitted(person, basicId);
        Claims.decide("reviewer-li", id, Map.of("decision", "REQUEST_INFO")).statusCode(422).body("code", equalTo("REASON_REQUIRED"));
        Instant later = TestClock.now().plusSeconds(5 * 86_400);
        TestClock.at(later, () -> Claims.decide("reviewer-li", id, Map.of("decision", "REQUEST_INFO", "reason", "请补充转诊单"))
                .statusCode(200).body("status", equalTo("MORE_INFO_REQUESTED")));
        String referral = Claims.upload(person, "REFERRAL", Claims.PDF, "referral.pdf").statusCode(201).extract().path("documentId");
        Instant evenLater = later.plusSeconds(3 * 86_400);
        TestClock.at(evenLater, () -> Api.as(Tokens.insured(person)).body(Map.of("documents", List.of(referral)))
                .post("/api/v1/me/reimbursements/" + id + "/documents").then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("documents", hasSize(4))
                .body("decisionDueBy", equalTo(LocalDate.ofInstant(evenLater, TestClock.SHANGHAI).plusDays(30).toString())));
        Api.as(Tokens.insured(person)).body(Map.of("documents", List.of(referral)))
                .post("/api/v1/me/reimbursements/" + id + "/documents").then().statusCode(409).body("code", equalTo("INVALID_STATE"));
        // The same basic-insurance settlement cannot be claimed twice while this claim lives…
        Claims.submit(person, Claims.claim(person, Api.nameOf(person), admission, "30000.00", "20000.00", basicId,
                Claims.inpatientDocuments(person))).statusCode(409).body("code", equalTo("ALREADY_CLAIMED"));
        Claims.decide("reviewer-li", id, Map.of("decision", "REJECT", "reason", "非保险责任")).statusCode(200)
                .body("status", equalTo("REJECTED")).body("reason", equalTo("非保险责任"));
        Claims.decide("reviewer-li", id, Map.of("decision", "APPROVE")).statusCode(409).body("code", equalTo("INVALID_STATE"));
        // …and may be claimed again once it is rejected (the second claim is flagged: it overlaps nothing live now).
        Claims.submit(person, Claims.claim(person, Api.nameOf(person), admission, "30000.00", "20000.00", basicId,
                Claims.inpatientDocuments(person))).statusCode(201).body("flags", hasSize(0));
    }

    @Test
    void everyRefusalOfASubmission() {
        String person = insured();
        List<String> documents = Claims.inpatientDocuments(person);
        Map<String, Object> claim = Claims.claim(person, Api.nameOf(person), admission, "30000.00", "20000.00",
                Api.uniqueCode("BS"), documents);
        Map<String, Object> bad = new HashMap<>(claim);
        bad.put("totalAmount", new java.math.BigDecimal("1.00"));
        refused(person, bad, 422, "AMOUNTS_DO_NOT_ADD_UP");
        bad = new HashMap<>(claim);
        bad.put("dischargeDate", Api.today().plusDays(1).toString());
        refused(person, bad, 422, "DATE_IN_FUTURE");
        bad = new HashMap<>(claim);
        bad.put("payee", Map.of("name", "王五", "bank", "中国银行", "account", "6216 6100 0000 0000 123"));
        refused(person, bad, 422, "PAYEE_NOT_ALLOWED");
        bad = new HashMap<>(claim);
        bad.put("documents", documents.subList(0, 2));
        refused(person, bad, 422, "DOCUMENTS_MISSING");
        bad = new HashMap<>(claim);
        bad.put("documents", Claims.inpatientDocuments(Ids.next("210102")));
        refused(person, bad, 422, "DOCUMENTS_MISSING");
        bad = new HashMap<>(claim);
        bad.put("careType", "OUTPATIENT");
        refused(person, bad, 422, "CARE_TYPE_NOT_COVERED");
        // No policy: the caller's own stay is NO_POLICY; another adult's is not theirs to know about.
        String uninsured = Api.activePeople((String) planBody.get("region"), "RESIDENT", 1).get(0);
        refused(uninsured, Claims.claim(uninsured, Api.nameOf(uninsured), admission, "30000.00", "20000.00",
                Api.uniqueCode("BS"), Claims.inpatientDocuments(uninsured)), 422, "NO_POLICY");
        refused(uninsured, Claims.claim(person, Api.nameOf(person), admission, "30000.00", "20000.00",
                Api.uniqueCode("BS"), Claims.inpatientDocuments(uninsured)), 404, "PERSON_NOT_FOUND");
        // Before the benefits start (a late enrolment's 30 days): WAITING_PERIOD.
        String late = Api.activePeople((String) planBody.get("region"), "RESIDENT", 1).get(0);
        Api.activePolicy(plan, late, Api.now());
        refused(late, Claims.claim(late, Api.nameOf(late), Api.today().minusDays(2), "30000.00", "20000.00",
                Api.uniqueCode("BS"), Claims.inpatientDocuments(late)), 422, "WAITING_PERIOD");
        Claims.submit(person, claim).statusCode(201);
    }

    @Test
    void aClaimArrivesWithinTwoYearsOfDischarge() {
        // A plan of three years ago, with a policy paid then; the stay of that year is claimed now.
        Instant then = TestClock.now().minusSeconds(3L * 365 * 86_400);
        String person = TestClock.at(then, () -> {
            Map<String, Object> old = Api.runningPlan(Api.uniqueCode("OLD"));
            Api.createPlan(old).statusCode(201);
            return Api.insuredPerson((String) old.get("code"), old) + "|" + old.get("coverageStarts");
        });
        String id = person.split("\\|")[0];
        LocalDate stay = LocalDate.ofInstant(then, TestClock.SHANGHAI).minusDays(20);
        Claims.submit(id, Claims.claim(id, Api.nameOf(id), stay, "30000.00", "20000.00", Api.uniqueCode("BS"),
                Claims.inpatientDocuments(id))).statusCode(422).body("code", equalTo("CLAIM_TOO_LATE"));
    }

    @Test
    void aDeskPaymentBlocksAClaimButARefusedOneDoesNot() {
        String person = insured();
        String hospital = Api.uniqueCode("HRB");
        String paidAtDesk = Api.uniqueCode("BS");
        Map<String, Object> desk = Api.settlement(hospital + "-1", person, admission.toString(), "30000.00", "0.00", "0.00");
        desk.put("basicSettlementId", paidAtDesk);
        Api.settle(hospital, desk).statusCode(201).body("payout", equalTo(8000.00f));
        Claims.submit(person, Claims.claim(person, Api.nameOf(person), admission, "30000.00", "20000.00", paidAtDesk,
                Claims.inpatientDocuments(person))).statusCode(409).body("code", equalTo("ALREADY_CLAIMED"));
        // An outpatient visit refused at the desk (not covered) holds nothing.
        String refusedAtDesk = Api.uniqueCode("BS");
        Map<String, Object> outpatient = Api.settlement(hospital + "-2", person, admission.toString(), "100.00", "0.00", "0.00");
        outpatient.put("careType", "OUTPATIENT");
        outpatient.put("basicSettlementId", refusedAtDesk);
        Api.settle(hospital, outpatient).statusCode(201).body("eligible", equalTo(false));
        // The claim overlaps the desk settlement of the same stay: flagged, not refused. The deductible is gone (the
        // desk used it): the estimate pays 30,000 × 0.80 + 20,000 × 0.70 = 38,000 … less the caps left — 24,000 + 14,000.
        String id = Claims.submit(person, Claims.claim(person, Api.nameOf(person), admission, "30000.00", "20000.00",
                        refusedAtDesk, Claims.inpatientDocuments(person))).statusCode(201)
                .body("flags", equalTo(List.of("OVERLAPPING_STAY")))
                .body("estimate.payout", equalTo(38000.00f))
                .extract().path("reimbursementId");
        Claims.decide("reviewer-li", id, Map.of("decision", "APPROVE")).statusCode(200)
                .body("approval.breakdown[0].deductibleApplied", equalTo(0.00f)).body("payout", equalTo(38000.00f));
    }

    @Test
    void aGuardianClaimsForTheirChild() {
        String county = (String) planBody.get("region");
        String parent = Ids.bornOn(county, Api.today().minusYears(40));
        String child = Ids.bornOn(county, Api.today().minusYears(9));
        Api.pushParticipants(List.of(Api.participant(parent, county, "RESIDENT", "ACTIVE", 1),
                Api.participant(child, county, "RESIDENT", "ACTIVE", 1))).statusCode(200);
        Instant paid = LocalDate.parse((String) planBody.get("coverageStarts")).minusDays(5).atTime(10, 0)
                .atZone(TestClock.SHANGHAI).toInstant();
        String order = TestClock.at(paid.minusSeconds(60), () -> Api.enrol(parent, null, Api.enrolment(plan, "SELF",
                List.of(Api.member(parent, "SELF"), Api.member(child, "CHILD")))).statusCode(201).extract().<String>path("orderId"));
        TestClock.at(paid, () -> Api.notifyPaid(Api.notificationBody(order, "TX-" + order, "138.00",
                paid.atZone(TestClock.SHANGHAI).toOffsetDateTime().toString())).statusCode(200));
        // Paid to the guardian's own account: allowed for a child.
        String id = Claims.submit(parent, Claims.claim(child, Api.nameOf(parent), admission, "30000.00", "20000.00",
                Api.uniqueCode("BS"), Claims.inpatientDocuments(parent))).statusCode(201).extract().path("reimbursementId");
        Api.as(Tokens.insured(parent)).get("/api/v1/me/reimbursements/" + id).then().statusCode(200)
                .body("idNumber", equalTo(child));
        // The child is not the parent's to claim for the other way round, and a stranger sees nothing.
        Claims.submit(child, Claims.claim(parent, Api.nameOf(parent), admission, "30000.00", "20000.00",
                Api.uniqueCode("BS"), Claims.inpatientDocuments(child))).statusCode(404);
        Api.as(Tokens.insured(Ids.next(county))).get("/api/v1/me/reimbursements/" + id).then().statusCode(404);
    }

    @Test
    void overdueClaimsAreShownAndCounted() {
        String person = insured();
        String id = submitted(person, Api.uniqueCode("BS"));
        Instant late = TestClock.now().plusSeconds(31L * 86_400);
        TestClock.at(late, () -> Api.as(Tokens.insurer("PICC")).get("/api/v1/insurer/reimbursements?overdue=true&limit=1000")
                .then().statusCode(200)
                .body("items.find { it.reimbursementId == '" + id + "' }.overdue", equalTo(true)));
        Api.as(Tokens.insurer("PICC")).get("/api/v1/insurer/reimbursements?overdue=true&limit=1000").then().statusCode(200)
                .body("items.find { it.reimbursementId == '" + id + "' }", org.hamcrest.Matchers.nullValue());
        long overdue = TestClock.at(late, () -> {
            try {
                return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> overdueClaims.refresh());
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(overdue).isPositive();
        assertThat(TestClock.at(late, () -> Api.as(Tokens.insured(person)).get("/api/v1/me/reimbursements/" + id).then()
                .extract().<Boolean>path("overdue"))).isTrue();
    }

    @Inject
    OverdueClaims overdueClaims;

    private void refused(String caller, Map<String, Object> body, int status, String code) {
        Claims.submit(caller, body).statusCode(status).contentType("application/problem+json").body("code", equalTo(code))
                .body("detail", notNullValue());
    }

    private static io.restassured.response.ValidatableResponse pay(String id, String amount, String transactionId) {
        return Api.as(Tokens.insurer("PICC")).body("{\"transactionId\":\"" + transactionId + "\",\"amount\":" + amount
                + ",\"paidAt\":\"" + Api.now() + "\"}").post("/api/v1/insurer/reimbursements/" + id + "/payment").then();
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
