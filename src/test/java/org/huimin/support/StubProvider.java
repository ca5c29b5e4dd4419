package org.huimin.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.huimin.common.PaymentSignature;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A payment provider's refund endpoint on a local port, for every test: a real HTTP server that checks the
 * signature, records each request, and answers 503 to the next {@link #refuseNext(int)} requests (a provider that is
 * down for a while) before accepting again. The service's HUIMIN_PAYMENT_REFUND_URL points here in the tests.
 */
public class StubProvider implements QuarkusTestResourceLifecycleManager {

    /** One request as the provider received it, and what it answered. */
    public record Received(String refundId, String body, boolean signatureValid, int answered) {
    }

    private static HttpServer server;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger REFUSE = new AtomicInteger();
    private static final Map<String, AtomicInteger> ACCEPTED = new ConcurrentHashMap<>();

    @Override
    public synchronized Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/refunds", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            String refundId = text.replaceAll(".*\"refundId\":\"([^\"]+)\".*", "$1");
            boolean valid = PaymentSignature.verify(Api.PAYMENT_SECRET, body, exchange.getRequestHeaders().getFirst("X-Signature"));
            int status = !valid ? 401 : REFUSE.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 202;
            if (status == 202) {
                ACCEPTED.computeIfAbsent(refundId, id -> new AtomicInteger()).incrementAndGet();
            }
            RECEIVED.add(new Received(refundId, text, valid, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return Map.of("huimin.payment.refund-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/refunds");
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The provider answers 503 to the next {@code n} requests. */
    public static void refuseNext(int n) {
        REFUSE.set(n);
    }

    public static List<Received> received(String refundId) {
        return RECEIVED.stream().filter(r -> r.refundId().equals(refundId)).toList();
    }

    /** How many times the provider accepted (2xx) a request for this refund. */
    public static int accepted(String refundId) {
        AtomicInteger n = ACCEPTED.get(refundId);
        return n == null ? 0 : n.get();
    }
}
