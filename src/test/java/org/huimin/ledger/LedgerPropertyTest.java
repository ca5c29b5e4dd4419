package org.huimin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.huimin.support.Api;
import org.huimin.support.TestClock;
import org.huimin.support.Tokens;
import org.jboss.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Random sequences of enrol, pay, cancel, refund, settle, reverse, clear and pay statements, over HTTP, on a plan with
 * random insurers and shares; a model kept by this test — its own split, its own sums — predicts every figure. At the
 * end, with everything cleared and paid, each insurer's account equals the model's and the verification holds. The
 * seed is in the test's name: a failure replays exactly.
 */
@QuarkusTest
class LedgerPropertyTest {

    private static final Logger LOG = Logger.getLogger(LedgerPropertyTest.class);
    /** JSON numbers as BigDecimal: a float cannot hold 372,333.66 exactly. */
    private static final io.restassured.path.json.config.JsonPathConfig EXACT = new io.restassured.path.json.config.JsonPathConfig(
            io.restassured.path.json.config.JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    /** What the test expects, per insurer. */
    static final class Book {
        BigDecimal received = BigDecimal.ZERO.setScale(2);
        BigDecimal refunded = BigDecimal.ZERO.setScale(2);
        BigDecimal settled = BigDecimal.ZERO.setScale(2);
        BigDecimal reversed = BigDecimal.ZERO.setScale(2);
        BigDecimal paidHospitals = BigDecimal.ZERO.setScale(2);
    }

    record Event(String hospital, BigDecimal payout, boolean reversal) {
    }

    private Random random;
    private List<String> insurers;
    private List<BigDecimal> shares;
    private final Map<String, Book> books = new LinkedHashMap<>();
    private final List<Event> uncleared = new ArrayList<>();
    private final Map<String, JsonPath> unpaidStatements = new LinkedHashMap<>();
    private String plan;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 2026, 424242, 7})
    void theBooksAlwaysAgreeWithAnIndependentModel(long seed) {
        random = new Random(seed);
        consortium();
        Map<String, Object> body = Api.runningPlan(Api.uniqueCode("PROP"));
        BigDecimal premium = BigDecimal.valueOf(random.nextInt(3000, 20000), 2);
        body.put("premium", premium);
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < insurers.size(); i++) {
            list.add(Api.insurer(insurers.get(i), shares.get(i).toPlainString()));
        }
        body.put("insurers", list);
        plan = (String) body.get("code");
        Api.createPlan(body).statusCode(201);
        List<String> people = Api.activePeople((String) body.get("region"), "RESIDENT", 24);
        List<String> hospitals = List.of(Api.uniqueCode("HP"), Api.uniqueCode("HQ"));

        // Before coverage: people enrol and pay, some cancel, the provider returns (some of) their money.
        Instant before = LocalDate.parse((String) body.get("coverageStarts")).minusDays(10).atTime(10, 0)
                .atZone(TestClock.SHANGHAI).toInstant();
        Map<String, String> policies = new LinkedHashMap<>();
        List<String> refundsDue = new ArrayList<>();
        TestClock.set(before);
        try {
            for (String person : people) {
                TestClock.advance(java.time.Duration.ofMinutes(5));
                String orderId = Api.enrol(person, null, Api.enrolment(plan, "SELF", List.of(Api.member(person, "SELF"))))
                        .statusCode(201).extract().path("orderId");
                if (random.nextInt(6) == 0) {
                    continue; // never paid
                }
                String number = Api.notifyPaid(Api.notificationBody(orderId, "TX-" + orderId, premium.toPlainString(), Api.now()))
                        .statusCode(200).extract().path("policies[0].policyNumber");
                policies.put(person, number);
                book(premium, (b, part) -> b.received = b.received.add(part));
                if (random.nextInt(4) == 0) {
                    String refund = Api.as(Tokens.insured(person)).post("/api/v1/policies/" + number + "/cancellation").then()
                            .statusCode(200).extract().path("refund.refundId");
                    policies.remove(person);
                    refundsDue.add(refund);
                }
                if (!refundsDue.isEmpty() && random.nextBoolean()) {
                    complete(refundsDue.remove(random.nextInt(refundsDue.size())), premium);
                }
            }
        } finally {
            TestClock.reset();
        }

        // In coverage: settlements, reversals, clearing runs and payments, in random order.
        List<String> insured = new ArrayList<>(policies.keySet());
        List<String[]> settled = new ArrayList<>();
        String admission = Api.today().minusDays(10).toString();
        int n = 0;
        for (int step = 0; step < 40; step++) {
            int action = random.nextInt(10);
            if (action < 5 && !insured.isEmpty()) {
                String person = insured.get(random.nextInt(insured.size()));
                String hospital = hospitals.get(random.nextInt(hospitals.size()));
                String id = hospital + "-" + (n++);
                BigDecimal in = BigDecimal.valueOf(random.nextLong(0, 5_000_000), 2);
                BigDecimal out = BigDecimal.valueOf(random.nextLong(0, 2_000_000), 2);
                JsonPath answer = Api.settle(hospital, Api.settlement(id, person, admission, in.toPlainString(),
                        out.toPlainString(), "0.00")).statusCode(201).extract().jsonPath().using(EXACT);
                BigDecimal payout = answer.getObject("payout", BigDecimal.class).setScale(2);
                // The answer's split is the model's split.
                assertThat(answer.getList("insurerShares.amount", BigDecimal.class).stream().map(a -> a.setScale(2)).toList())
                        .isEqualTo(split(payout));
                book(payout, (b, part) -> b.settled = b.settled.add(part));
                uncleared.add(new Event(hospital, payout, false));
                settled.add(new String[] {hospital, id, payout.toPlainString()});
            } else if (action == 5 && !settled.isEmpty()) {
                String[] s = settled.remove(random.nextInt(settled.size()));
                Api.as(Tokens.hospital(s[0])).post("/api/v1/hospital/settlements/" + s[1] + "/reversal").then().statusCode(200);
                BigDecimal payout = new BigDecimal(s[2]);
                book(payout, (b, part) -> b.reversed = b.reversed.add(part));
                uncleared.add(new Event(s[0], payout, true));
            } else if (action == 6 || action == 7) {
                clear();
            } else if (action == 8 && !unpaidStatements.isEmpty()) {
                payAll(unpaidStatements.keySet().iterator().next());
            } else if (!refundsDue.isEmpty()) {
                complete(refundsDue.remove(0), premium);
            }
        }
        // Everything cleared and paid: nothing owed, nothing negative.
        clear();
        new ArrayList<>(unpaidStatements.keySet()).forEach(this::payAll);

        JsonPath accounts = Api.as(Tokens.operator()).get("/api/v1/insurer/accounts?plan=" + plan).then().statusCode(200)
                .extract().jsonPath().using(EXACT);
        for (int i = 0; i < insurers.size(); i++) {
            Book b = books.get(insurers.get(i));
            String line = "insurers[" + i + "].";
            assertThat(money(accounts, line + "premium.received")).as(line + "received").isEqualTo(b.received);
            assertThat(money(accounts, line + "premium.refunded")).as(line + "refunded").isEqualTo(b.refunded);
            assertThat(money(accounts, line + "claims.settlements")).as(line + "settlements").isEqualTo(b.settled);
            assertThat(money(accounts, line + "claims.reversals")).as(line + "reversals").isEqualTo(b.reversed);
            assertThat(money(accounts, line + "claims.incurred")).as(line + "incurred").isEqualTo(b.settled.subtract(b.reversed));
            assertThat(money(accounts, line + "paid.hospitals")).as(line + "paid").isEqualTo(b.settled.subtract(b.reversed));
            assertThat(money(accounts, line + "owed.hospitals")).as(line + "owed").isEqualTo(BigDecimal.ZERO.setScale(2));
        }
        JsonPath verification = Api.as(Tokens.operator()).get("/api/v1/ledger/verification?plan=" + plan).then()
                .statusCode(200).extract().jsonPath().using(EXACT);
        assertThat(verification.getBoolean("balanced")).as(verification.prettify()).isTrue();
        LOG.infof("seed %d: %d insurers, premium %s, books %s", seed, insurers.size(), premium, books.keySet());
    }

    /** 2 to 4 insurers, shares of two decimals summing to 1, the first leading. */
    private void consortium() {
        int count = 2 + random.nextInt(3);
        insurers = new ArrayList<>();
        shares = new ArrayList<>();
        books.clear();
        uncleared.clear();
        unpaidStatements.clear();
        int left = 100;
        for (int i = 0; i < count; i++) {
            int share = i == count - 1 ? left : 1 + random.nextInt(left - (count - 1 - i));
            left -= share;
            insurers.add("INS" + i + random.nextInt(1000));
            shares.add(BigDecimal.valueOf(share, 2));
            books.put(insurers.get(i), new Book());
        }
    }

    /** The model's own split: half-up per insurer, the rounding cents to the first. */
    private List<BigDecimal> split(BigDecimal amount) {
        List<BigDecimal> parts = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal share : shares) {
            BigDecimal part = amount.multiply(share).setScale(2, RoundingMode.HALF_UP);
            parts.add(part);
            sum = sum.add(part);
        }
        parts.set(0, parts.get(0).add(amount.subtract(sum)));
        return parts;
    }

    private void book(BigDecimal amount, java.util.function.BiConsumer<Book, BigDecimal> posting) {
        List<BigDecimal> parts = split(amount);
        for (int i = 0; i < insurers.size(); i++) {
            posting.accept(books.get(insurers.get(i)), parts.get(i));
        }
    }

    private void complete(String refundId, BigDecimal premium) {
        Api.refundNotification(refundId, "SUCCEEDED").statusCode(200);
        book(premium, (b, part) -> b.refunded = b.refunded.add(part));
    }

    /** A run: the statements must be the model's uncleared events grouped by hospital. */
    private void clear() {
        Map<String, BigDecimal> nets = new HashMap<>();
        Map<String, List<BigDecimal>> parts = new HashMap<>();
        for (Event e : uncleared) {
            nets.merge(e.hospital(), e.reversal() ? e.payout().negate() : e.payout(), BigDecimal::add);
            List<BigDecimal> split = split(e.payout());
            List<BigDecimal> sum = parts.computeIfAbsent(e.hospital(), h -> new ArrayList<>(java.util.Collections.nCopies(
                    insurers.size(), BigDecimal.ZERO.setScale(2))));
            for (int i = 0; i < split.size(); i++) {
                sum.set(i, e.reversal() ? sum.get(i).subtract(split.get(i)) : sum.get(i).add(split.get(i)));
            }
        }
        uncleared.clear();
        JsonPath run = Api.as(Tokens.operator()).body(Map.of("plan", plan)).post("/api/v1/clearing/runs").then()
                .statusCode(201).extract().jsonPath().using(EXACT);
        assertThat(run.getList("statements.hospital", String.class)).containsExactlyInAnyOrderElementsOf(nets.keySet());
        for (int i = 0; i < run.getList("statements").size(); i++) {
            String hospital = run.getString("statements[" + i + "].hospital");
            String statementId = run.getString("statements[" + i + "].statementId");
            assertThat(money(run, "statements[" + i + "].net")).isEqualTo(nets.get(hospital).setScale(2));
            JsonPath statement = Api.as(Tokens.hospital(hospital)).get("/api/v1/hospital/clearing-statements/" + statementId)
                    .then().statusCode(200).extract().jsonPath().using(EXACT);
            assertThat(statement.getList("byInsurer.amount", BigDecimal.class).stream().map(a -> a.setScale(2)).toList())
                    .isEqualTo(parts.get(hospital));
            if (!"PAID".equals(statement.getString("status"))) {
                unpaidStatements.put(statementId, statement);
            }
        }
    }

    private void payAll(String statementId) {
        JsonPath statement = unpaidStatements.remove(statementId);
        for (int i = 0; i < insurers.size(); i++) {
            BigDecimal amount = money(statement, "byInsurer[" + i + "].amount");
            if (statement.getBoolean("byInsurer[" + i + "].paid")) {
                continue;
            }
            Api.as(Tokens.insurer(insurers.get(i))).body("{\"amount\":" + amount.toPlainString() + ",\"transactionId\":\""
                    + statementId + "-" + i + "\",\"paidAt\":\"" + Api.now() + "\"}")
                    .post("/api/v1/insurer/clearing-statements/" + statementId + "/payment").then().statusCode(200);
            Book b = books.get(insurers.get(i));
            b.paidHospitals = b.paidHospitals.add(amount);
        }
    }

    private static BigDecimal money(JsonPath json, String path) {
        return new BigDecimal(json.getString(path)).setScale(2);
    }
}
