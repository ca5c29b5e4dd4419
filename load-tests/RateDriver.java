// Open-loop load at a fixed arrival rate, for "p99 at 70 % of the maximum rate". wrk is closed-loop: a slow answer
// delays the next request, so it under-reports latency (coordinated omission). Here request i is due at
// start + i / rate whether or not earlier ones have been answered, and its latency is measured from that due time:
// queueing inside the driver counts against the service, as it would for a hospital waiting at the counter.
//
// java -cp <app classpath> RateDriver.java SCENARIO RATE SECONDS OUT_PREFIX      (URL from LT_URL)
//   claims   : the claim storm of claims.lua (5 % hot people, 2 % retries, 1 % reversals), RATE settlements/s
//   campaign : RATE families/s enrol (self + spouse, own token); each 201 is followed at once by the provider's
//              signed payment notification, as in a real campaign morning
// Writes OUT_PREFIX.timeline.csv (per second: requests, errors, p50, p99, p99.9) and prints one RESULT line of JSON
// per series. Uses Vert.x (already on the service's class path): one event loop drives a few thousand requests/s.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

public class RateDriver {

    /** Latencies and outcomes of one kind of request, overall and per second of the run. */
    static final class Series {
        final String name;
        final List<Long> micros = new ArrayList<>();
        final TreeMap<Long, List<Long>> perSecond = new TreeMap<>();
        final TreeMap<Long, Integer> errorsPerSecond = new TreeMap<>();
        /** Latencies of the answers that were not 503 (accepted or refused on their merits), and of the 503s (shed). */
        final List<Long> servedMicros = new ArrayList<>();
        final List<Long> shedMicros = new ArrayList<>();
        long errors, conflicts, shed;

        Series(String name) {
            this.name = name;
        }

        void record(long second, long latencyMicros, int status) {
            if (name.equals("pay") || name.equals("warm-up pay")) {
                followUpsAccepted += status >= 200 && status < 300 ? 1 : 0;
            }
            micros.add(latencyMicros);
            perSecond.computeIfAbsent(second, s -> new ArrayList<>()).add(latencyMicros);
            (status == 503 ? shedMicros : servedMicros).add(latencyMicros);
            if (status == 503) {
                shed++; // load shedding (503 OVERLOADED): counted apart, not as an error
            } else if (status == 409) {
                conflicts++;
            } else if (status < 200 || status >= 300) {
                errors++;
                errorsPerSecond.merge(second, 1, Integer::sum);
            }
        }

        static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
        }

        static long[] sorted(List<Long> values) {
            long[] a = values.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(a);
            return a;
        }
    }

    /** Follow-up requests (payments) answered 2xx, warm-up included: the database check compares with this. */
    static long followUpsAccepted;

    static final Pattern ORDER = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern AMOUNT = Pattern.compile("\"amount\"\\s*:\\s*([0-9.]+)");

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String out = args[3];
        java.net.URI url = java.net.URI.create(System.getenv().getOrDefault("LT_URL", "http://127.0.0.1:18080"));

        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(url.getHost())
                .setDefaultPort(url.getPort()).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(Integer.parseInt(System.getenv().getOrDefault("LT_CONNECTIONS", "256"))));
        Scenario s = scenario.equals("claims") ? new Claims() : new Campaign();
        // The driver's own JVM warms up first (same rate, results dropped), so its JIT does not show as latency.
        int warmup = Integer.parseInt(System.getenv().getOrDefault("LT_OPEN_WARMUP", "10"));
        // LT_WARMUP_RATE: a lower warm-up rate (overload.sh warms at what the service sustains, then overloads it).
        double warmupRate = Double.parseDouble(System.getenv().getOrDefault("LT_WARMUP_RATE", String.valueOf(rate)));
        if (warmup > 0) {
            run(vertx, client, s, warmupRate, warmup, new Series("warm-up"), new Series("warm-up pay"));
        }
        Series main = new Series(scenario.equals("claims") ? "claims" : "enrol");
        Series follow = new Series("pay");
        long[] result = run(vertx, client, s, rate, seconds, main, follow);
        boolean complete = result[0] == 0;
        long outstandingAtEnd = result[0];
        double elapsed = result[1] / 1e9;
        // Closed before reading the series: a late answer must not be recorded while they are sorted.
        vertx.close().toCompletionStage().toCompletableFuture().get();

        StringBuilder csv = new StringBuilder("series,second,requests,errors,p50_ms,p99_ms,p999_ms\n");
        for (Series series : List.of(main, follow)) {
            if (series.micros.isEmpty()) {
                continue;
            }
            long[] all = Series.sorted(series.micros);
            System.out.printf(java.util.Locale.ROOT,
                    "RESULT {\"series\":\"%s\",\"target_rate\":%.1f,\"requests\":%d,\"rps\":%.1f,\"p50_ms\":%.2f,"
                            + "\"p99_ms\":%.2f,\"p999_ms\":%.2f,\"max_ms\":%.2f,\"errors\":%d,\"conflicts\":%d,"
                            + "\"unanswered\":%d,\"shed\":%d,\"served_p99_ms\":%.2f,\"shed_p99_ms\":%.2f}%n",
                    series.name, rate, all.length, all.length / Math.max(elapsed, seconds), Series.pct(all, 50),
                    Series.pct(all, 99), Series.pct(all, 99.9), all[all.length - 1] / 1000.0, series.errors,
                    series.conflicts, outstandingAtEnd, series.shed, Series.pct(Series.sorted(series.servedMicros), 99),
                    Series.pct(Series.sorted(series.shedMicros), 99));
            for (Map.Entry<Long, List<Long>> e : series.perSecond.entrySet()) {
                long[] sec = Series.sorted(e.getValue());
                csv.append(String.format(java.util.Locale.ROOT, "%s,%d,%d,%d,%.2f,%.2f,%.2f%n", series.name, e.getKey(),
                        sec.length, series.errorsPerSecond.getOrDefault(e.getKey(), 0), Series.pct(sec, 50),
                        Series.pct(sec, 99), Series.pct(sec, 99.9)));
            }
        }
        Files.writeString(Path.of(out + ".timeline.csv"), csv);
        System.out.println("ISSUED " + s.issued());
        System.out.println("FOLLOW_UPS_ACCEPTED " + followUpsAccepted);
        System.exit(complete ? 0 : 1);
    }

    /** Sends RATE x SECONDS requests on schedule; returns {answers still missing, elapsed nanos}. */
    static long[] run(Vertx vertx, HttpClient client, Scenario s, double rate, int seconds, Series main, Series follow)
            throws InterruptedException {
        long total = Math.round(rate * seconds);
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        long[] issued = {0};
        java.util.concurrent.atomic.AtomicLong outstanding = new java.util.concurrent.atomic.AtomicLong();
        boolean[] finished = {false};
        Runnable maybeDone = () -> {
            if (finished[0] && outstanding.get() == 0) {
                done.countDown();
            }
        };
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            long due = Math.min(total, (long) ((now - start) / 1e9 * rate));
            for (; issued[0] < due; issued[0]++) {
                long intended = start + (long) (issued[0] / rate * 1e9);
                long second = (intended - start) / 1_000_000_000L;
                Request r = s.next();
                outstanding.incrementAndGet();
                send(client, r, (status, body) -> {
                    main.record(second, (System.nanoTime() - intended) / 1000, status);
                    if (status != 503 && status != 409 && (status < 200 || status >= 300) && errorSamples.getAndIncrement() < 5) {
                        // The first few errors, as answered (status 0: no answer — the connection failed).
                        System.out.println("ERROR_SAMPLE " + status + " " + body.substring(0, Math.min(300, body.length())));
                    }
                    Request then = s.after(r, status, body);
                    if (then == null) {
                        outstanding.decrementAndGet();
                        maybeDone.run();
                        return;
                    }
                    long sent = System.nanoTime();
                    send(client, then, (status2, body2) -> {
                        follow.record(second, (System.nanoTime() - sent) / 1000, status2);
                        outstanding.decrementAndGet();
                        maybeDone.run();
                    });
                });
            }
            if (issued[0] >= total && !finished[0]) {
                finished[0] = true;
                vertx.cancelTimer(timer);
                maybeDone.run();
            }
        });
        // Answers still missing 30 s after the last request was due count as unanswered.
        done.await(seconds + 30L, java.util.concurrent.TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        return new long[] {outstanding.get(), elapsed};
    }

    record Request(HttpMethod method, String path, Map<String, String> headers, String body, String key) {
    }

    interface Scenario {
        Request next();

        /** The follow-up to an answer, or null. */
        default Request after(Request request, int status, String body) {
            return null;
        }

        long issued();
    }

    interface Answer {
        void accept(int status, String body);
    }

    static final java.util.concurrent.atomic.AtomicInteger errorSamples = new java.util.concurrent.atomic.AtomicInteger();

    static void send(HttpClient client, Request r, Answer answer) {
        client.request(r.method(), r.path())
                .compose(req -> {
                    r.headers().forEach(req::putHeader);
                    return r.body() == null ? req.send() : req.send(Buffer.buffer(r.body()));
                })
                .compose(resp -> resp.body().map(b -> new Object[] {resp.statusCode(), b.toString(StandardCharsets.UTF_8)}))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        answer.accept((Integer) ar.result()[0], (String) ar.result()[1]);
                    } else {
                        answer.accept(0, ar.cause().toString());
                    }
                });
    }

    static List<String> lines(String env) throws Exception {
        return Files.readAllLines(Path.of(System.getenv(env)));
    }

    /** The claim storm of claims.lua, with the same mix and the same body. */
    static final class Claims implements Scenario {
        final List<String> people;
        final Map<String, String> headers;
        final String admission = System.getenv("LT_ADMISSION");
        final String run = System.getenv("LT_RUN") + "-open-" + System.currentTimeMillis();
        final List<String> recent = new ArrayList<>();
        String lastBody;
        long counter;

        Claims() throws Exception {
            people = lines("LT_PEOPLE");
            headers = Map.of("Authorization", "Bearer " + System.getenv("LT_HOSPITAL_TOKEN"), "Content-Type",
                    "application/json");
        }

        public Request next() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            double roll = random.nextDouble();
            // Reverse only settlements recorded a while ago (answered 201): a just-recorded one may still be replayed, and
            // one that was shed (503) was never recorded, so its reversal would be a 404 of the driver's making.
            String reverse = null;
            synchronized (recent) {
                if (roll < 0.01 && recent.size() > 100) {
                    reverse = recent.get(random.nextInt(recent.size() - 100));
                }
            }
            if (reverse != null) {
                return new Request(HttpMethod.POST, "/api/v1/hospital/settlements/" + reverse + "/reversal", headers, "", null);
            }
            if (roll < 0.03 && lastBody != null) {
                return new Request(HttpMethod.POST, "/api/v1/hospital/settlements", headers, lastBody, null);
            }
            String id = run + "-" + (++counter);
            String person = random.nextDouble() < 0.05 ? people.get(random.nextInt(20)) : people.get(random.nextInt(people.size()));
            lastBody = String.format("{\"settlementId\":\"%s\",\"idNumber\":\"%s\",\"careType\":\"INPATIENT\","
                    + "\"admissionDate\":\"%s\",\"dischargeDate\":\"%s\",\"totalAmount\":73000.00,\"basicFundPaid\":60000.00,"
                    + "\"criticalIllnessPaid\":10000.00,\"medicalAssistancePaid\":0.00,\"otherFundPaid\":0.00,"
                    + "\"inPolicySelfPay\":2000.00,\"outOfPolicySelfPay\":1000.00,\"overLimitSelfPay\":0.00}",
                    id, person, admission, admission);
            return new Request(HttpMethod.POST, "/api/v1/hospital/settlements", headers, lastBody, id);
        }

        @Override
        public Request after(Request request, int status, String body) {
            if (request.key() != null && status == 201) {
                synchronized (recent) {
                    if (recent.size() < 5000) {
                        recent.add(request.key());
                    }
                }
            }
            return null;
        }

        public long issued() {
            return counter;
        }
    }

    /** Families enrol (self + spouse) with their own token; each accepted order is paid at once. */
    static final class Campaign implements Scenario {
        final List<String> families;
        final String plan = System.getenv("LT_PLAN");
        /** Payment transaction IDs start with this (the database checks of run.sh select them by it). */
        final String transactionPrefix = System.getenv().getOrDefault("LT_TX_PREFIX", "LT-OPEN-");
        final byte[] secret = System.getenv().getOrDefault("LT_PAYMENT_SECRET", "load-test-secret").getBytes(StandardCharsets.UTF_8);
        int index;

        Campaign() throws Exception {
            families = lines("LT_FAMILIES");
        }

        public Request next() {
            if (index >= families.size()) {
                throw new IllegalStateException("LT_FAMILIES has fewer families than RATE x SECONDS");
            }
            String[] f = families.get(index++).split(" ");
            String body = String.format("{\"plan\":\"%s\",\"payer\":\"SELF\",\"members\":["
                    + "{\"idNumber\":\"%s\",\"name\":\"参保人\",\"relation\":\"SELF\",\"consent\":true},"
                    + "{\"idNumber\":\"%s\",\"name\":\"参保人\",\"relation\":\"SPOUSE\",\"consent\":true}]}", plan, f[0], f[1]);
            return new Request(HttpMethod.POST, "/api/v1/enrolments", Map.of("Authorization", "Bearer " + f[2],
                    "Content-Type", "application/json", "Idempotency-Key", "open-" + f[0]), body, f[0]);
        }

        public Request after(Request request, int status, String body) {
            Matcher order = ORDER.matcher(body);
            Matcher amount = AMOUNT.matcher(body);
            if (status != 201 || !order.find() || !amount.find()) {
                return null;
            }
            String notification = String.format("{\"orderId\":\"%s\",\"transactionId\":\"%s%s\",\"amount\":%s,"
                    + "\"paidAt\":\"" + java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).withNano(0) + "\"}", order.group(1), transactionPrefix, order.group(1), amount.group(1));
            return new Request(HttpMethod.POST, "/api/v1/payments/notifications", Map.of("Content-Type",
                    "application/json", "X-Signature", hmac(notification)), notification, null);
        }

        String hmac(String body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public long issued() {
            return index;
        }
    }
}
