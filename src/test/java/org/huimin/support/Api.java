package org.huimin.support;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.huimin.common.PaymentSignature;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Test-side helpers that go through the real HTTP API, as a client would. */
public final class Api {

    public static final String PAYMENT_SECRET = "test-payment-secret";
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private Api() {
    }

    private static final java.util.concurrent.atomic.AtomicInteger REGIONS = new java.util.concurrent.atomic.AtomicInteger();

    /** Today in Asia/Shanghai, by the service's (test) clock. */
    public static LocalDate today() {
        return LocalDate.ofInstant(TestClock.now(), SHANGHAI);
    }

    /** Now by the service's (test) clock, as an ISO-8601 instant with the Shanghai offset (a payment time). */
    public static String now() {
        return java.time.OffsetDateTime.ofInstant(TestClock.now(), SHANGHAI).toString();
    }

    /**
     * A county of Liaoning (21CCDD) no other plan of this test run covers: plans of one region may not overlap, so each
     * test's plan gets its own region, and its people live there.
     */
    public static String region() {
        int n = REGIONS.incrementAndGet();
        return String.format("21%02d%02d", 1 + (n / 99) % 99, 1 + n % 99);
    }

    /** The name the bureau holds for a test person (enrolments must give the same). */
    public static String nameOf(String idNumber) {
        return "测试" + idNumber.substring(14);
    }

    public static String uniqueCode(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** The Liaoning-style plan of API.md with the given code, region and dates; open for enrolment today. */
    public static Map<String, Object> plan(String code, String region) {
        LocalDate today = today();
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("code", code);
        plan.put("name", "测试惠民保 " + code);
        plan.put("region", region);
        plan.put("planYear", today.plusDays(40).getYear());
        plan.put("premium", new java.math.BigDecimal("69.00"));
        plan.put("enrolmentOpens", today.minusDays(30).toString());
        plan.put("enrolmentCloses", today.plusDays(30).toString());
        plan.put("coverageStarts", today.plusDays(40).toString());
        plan.put("coverageEnds", today.plusDays(40 + 364).toString());
        plan.put("lateEnrolmentWaitingDays", 30);
        plan.put("coveredCareTypes", List.of("INPATIENT", "EMERGENCY", "DAY_SURGERY", "CHRONIC_SPECIAL_OUTPATIENT"));
        plan.put("deductibles", new LinkedHashMap<>(Map.of("MAIN", new java.math.BigDecimal("20000.00"))));
        List<Map<String, Object>> liabilities = new ArrayList<>();
        liabilities.add(liability("IN_POLICY", "MAIN", "0.80", "1000000.00"));
        liabilities.add(liability("OUT_OF_POLICY", "MAIN", "0.70", "1000000.00"));
        plan.put("liabilities", liabilities);
        plan.put("insurers", List.of(insurer("PICC", "0.40"), insurer("CPIC", "0.35"), insurer("PAIC", "0.25")));
        return plan;
    }

    public static Map<String, Object> liability(String code, String group, String ratio, String cap) {
        Map<String, Object> liability = new LinkedHashMap<>();
        liability.put("code", code);
        liability.put("deductibleGroup", group);
        liability.put("ratio", new java.math.BigDecimal(ratio));
        liability.put("annualCap", new java.math.BigDecimal(cap));
        return liability;
    }

    public static Map<String, Object> insurer(String code, String share) {
        return new LinkedHashMap<>(Map.of("code", code, "share", new java.math.BigDecimal(share)));
    }

    public static ValidatableResponse createPlan(Map<String, Object> plan) {
        return as(Tokens.operator()).body(plan).post("/api/v1/plans").then();
    }

    public static Map<String, Object> participant(String id, String county, String type, String status, long seq) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("idNumber", id);
        record.put("name", nameOf(id));
        record.put("countyCode", county);
        record.put("insuranceType", type);
        record.put("status", status);
        record.put("basicBenefitsFrom", "2020-01-01");
        record.put("lowIncome", false);
        record.put("seq", seq);
        return record;
    }

    /** Pushes records as the bureau of the first record's province (the region it acts for). */
    public static ValidatableResponse pushParticipants(List<Map<String, Object>> records) {
        String county = records.isEmpty() ? "210000" : String.valueOf(records.get(0).get("countyCode"));
        String province = county.length() == 6 ? county.substring(0, 2) + "0000" : "210000";
        return as(Tokens.bureau(province)).body(Map.of("records", records)).put("/api/v1/bureau/participants").then();
    }

    /** Registers fresh ACTIVE participants in {@code county} and returns their ID numbers. */
    public static List<String> activePeople(String county, String type, int count) {
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = Ids.next(county);
            ids.add(id);
            records.add(participant(id, county, type, "ACTIVE", 1));
        }
        pushParticipants(records).statusCode(200);
        return ids;
    }

    public static Map<String, Object> member(String id, String relation) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("idNumber", id);
        member.put("name", nameOf(id));
        member.put("relation", relation);
        member.put("consent", true);
        return member;
    }

    public static Map<String, Object> enrolment(String plan, String payer, List<Map<String, Object>> members) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plan", plan);
        body.put("payer", payer);
        body.put("members", members);
        return body;
    }

    public static ValidatableResponse enrol(String payerId, String key, Map<String, Object> body) {
        RequestSpecification request = as(Tokens.insured(payerId)).body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/enrolments").then();
    }

    public static String notificationBody(String orderId, String transactionId, String amount, String paidAt) {
        return "{\"orderId\":\"" + orderId + "\",\"transactionId\":\"" + transactionId + "\",\"amount\":" + amount
                + ",\"paidAt\":\"" + paidAt + "\"}";
    }

    public static ValidatableResponse notifyPaid(String body) {
        return given().contentType(ContentType.JSON).header("X-Signature", PaymentSignature.sign(PAYMENT_SECRET,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8))).body(body)
                .post("/api/v1/payments/notifications").then();
    }

    /** The payment provider's signed notification that a refund completed (or failed). */
    public static ValidatableResponse refundNotification(String refundId, String status) {
        String body = "{\"refundId\":\"" + refundId + "\",\"status\":\"" + status + "\",\"at\":\"" + now() + "\"}";
        return given().contentType(ContentType.JSON)
                .header("X-Signature", PaymentSignature.sign(PAYMENT_SECRET, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .body(body).post("/api/v1/payments/refund-notifications").then();
    }

    /**
     * Enrols {@code self} alone (SELF payer) a minute before {@code paidAt} and pays at {@code paidAt}, with the clock at
     * those times (a payment may not predate its order); returns the policy number.
     */
    public static String activePolicy(String plan, String self, String paidAt) {
        java.time.Instant paid = java.time.OffsetDateTime.parse(paidAt).toInstant();
        String orderId = TestClock.at(paid.minusSeconds(60), () -> enrol(self, null,
                enrolment(plan, "SELF", List.of(member(self, "SELF")))).statusCode(201).extract().path("orderId"));
        return TestClock.at(paid.plusSeconds(1), () -> notifyPaid(notificationBody(orderId, "TX-" + UUID.randomUUID(),
                "69.00", paidAt)).statusCode(200).extract().path("policies[0].policyNumber"));
    }

    /** A plan of a fresh region whose coverage started 100 days ago and is still open for enrolment. */
    public static Map<String, Object> runningPlan(String code) {
        return runningPlan(code, region());
    }

    public static Map<String, Object> runningPlan(String code, String region) {
        Map<String, Object> plan = plan(code, region);
        plan.put("enrolmentOpens", today().minusDays(120).toString());
        plan.put("coverageStarts", today().minusDays(100).toString());
        plan.put("coverageEnds", today().plusDays(265).toString());
        plan.put("planYear", today().minusDays(100).getYear());
        return plan;
    }

    /** A person with an ACTIVE policy of {@code plan} whose benefits started with the coverage (paid before it). */
    public static String insuredPerson(String plan, Map<String, Object> planBody) {
        String self = activePeople((String) planBody.get("region"), "RESIDENT", 1).get(0);
        LocalDate paid = LocalDate.parse((String) planBody.get("coverageStarts")).minusDays(5);
        activePolicy(plan, self, paid + "T10:00:00+08:00");
        return self;
    }

    /** A settlement body (discharge five days after admission, at the latest today) whose total adds up: basic fund 60,000 + critical illness 10,000 + the self-pay amounts. */
    public static Map<String, Object> settlement(String id, String idNumber, String admission, String inPolicy,
            String outOfPolicy, String overLimit) {
        java.math.BigDecimal total = new java.math.BigDecimal("70000.00").add(new java.math.BigDecimal(inPolicy))
                .add(new java.math.BigDecimal(outOfPolicy)).add(new java.math.BigDecimal(overLimit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("settlementId", id);
        body.put("idNumber", idNumber);
        body.put("careType", "INPATIENT");
        body.put("admissionDate", admission);
        // Discharged five days later, or today if that is sooner (a discharge may not lie in the future).
        LocalDate discharge = LocalDate.parse(admission).plusDays(5);
        body.put("dischargeDate", (discharge.isAfter(today()) ? today() : discharge).toString());
        body.put("totalAmount", total);
        body.put("basicFundPaid", new java.math.BigDecimal("60000.00"));
        body.put("criticalIllnessPaid", new java.math.BigDecimal("10000.00"));
        body.put("medicalAssistancePaid", new java.math.BigDecimal("0.00"));
        body.put("otherFundPaid", new java.math.BigDecimal("0.00"));
        body.put("inPolicySelfPay", new java.math.BigDecimal(inPolicy));
        body.put("outOfPolicySelfPay", new java.math.BigDecimal(outOfPolicy));
        body.put("overLimitSelfPay", new java.math.BigDecimal(overLimit));
        return body;
    }

    public static ValidatableResponse settle(String hospital, Map<String, Object> body) {
        return as(Tokens.hospital(hospital)).body(body).post("/api/v1/hospital/settlements").then();
    }
}
