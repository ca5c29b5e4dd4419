package org.huimin.refund;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.huimin.common.Fingerprint;
import org.huimin.common.HuiminConfig;
import org.huimin.common.PaymentSignature;

import io.smallrye.mutiny.Uni;

/**
 * Refund requests to the payment provider, signed like its notifications ({@code hex(HMAC-SHA256(secret, body))}).
 * A request is bounded in time and retried a little at once; a provider that keeps failing opens the circuit for a
 * while, and the outbox ({@link RefundSender}) tries again later with back-off: the refund ID makes every attempt the
 * same request for the provider.
 */
@ApplicationScoped
public class PaymentProvider {

    private final PaymentProviderClient client;
    private final HuiminConfig config;

    public PaymentProvider(@RestClient PaymentProviderClient client, HuiminConfig config) {
        this.client = client;
        this.config = config;
    }

    /** Whether a refund endpoint is configured at all (refunds wait in the outbox until it is). */
    public boolean configured() {
        return config.payment().refundUrl().filter(url -> !url.isBlank()).isPresent()
                && config.payment().secret().filter(s -> !s.isBlank()).isPresent();
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public Uni<Void> requestRefund(UUID refundId, UUID orderId, String transactionId, BigDecimal amount) {
        String body = body(refundId, orderId, transactionId, amount);
        String signature = PaymentSignature.sign(config.payment().secret().orElseThrow(),
                body.getBytes(StandardCharsets.UTF_8));
        return client.requestRefund(signature, body);
    }

    /** {@code {"refundId", "orderId", "transactionId", "amount"}}, the same bytes on every attempt. */
    static String body(UUID refundId, UUID orderId, String transactionId, BigDecimal amount) {
        return Fingerprint.json(w -> w.field("refundId", refundId.toString()).field("orderId", orderId.toString())
                .field("transactionId", transactionId).field("amount", amount));
    }
}
