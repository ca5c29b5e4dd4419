package org.huimin.devtools;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.huimin.common.BusinessClock;
import org.huimin.common.HuiminConfig;
import org.huimin.common.PaymentSignature;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Development only: a stand-in payment provider for the local run, so that a cancellation's refund completes end to
 * end. It accepts the service's signed refund requests ({@code HUIMIN_PAYMENT_REFUND_URL} points here in dev) and,
 * two seconds later, sends the signed refund notification back, as the real provider would.
 */
@jakarta.ws.rs.Path("/dev/payment-provider")
@IfBuildProfile("dev")
@Tag(name = "Development")
public class DevPaymentProvider {

    private static final Logger LOG = Logger.getLogger(DevPaymentProvider.class);

    private final Vertx vertx;
    private final ObjectMapper json;
    private final HuiminConfig config;
    private final BusinessClock clock;
    private final int port;
    private final Map<String, String> received = new ConcurrentHashMap<>();

    public DevPaymentProvider(Vertx vertx, ObjectMapper json, HuiminConfig config, BusinessClock clock,
            @ConfigProperty(name = "quarkus.http.port") int port) {
        this.vertx = vertx;
        this.json = json;
        this.config = config;
        this.clock = clock;
        this.port = port;
    }

    @POST
    @jakarta.ws.rs.Path("/refunds")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "The stand-in provider's refund endpoint (local run only)")
    public Response refund(@HeaderParam("X-Signature") String signature, byte[] body) throws java.io.IOException {
        String secret = config.payment().secret().orElse("");
        if (!PaymentSignature.verify(secret, body, signature)) {
            return Response.status(401).build();
        }
        JsonNode request = json.readTree(body);
        String refundId = request.path("refundId").asText();
        if (received.putIfAbsent(refundId, "accepted") == null) {
            vertx.setTimer(2000, id -> notifyRefunded(refundId, secret));
        }
        return Response.accepted().build();
    }

    @GET
    @jakarta.ws.rs.Path("/refunds")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refund requests the stand-in provider received (local run only)")
    public Map<String, String> received() {
        return received;
    }

    private void notifyRefunded(String refundId, String secret) {
        String body = "{\"refundId\":\"" + refundId + "\",\"status\":\"SUCCEEDED\",\"at\":\""
                + OffsetDateTime.ofInstant(clock.now(), BusinessClock.ZONE) + "\"}";
        vertx.createHttpClient().request(new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost").setPort(port)
                .setURI("/api/v1/payments/refund-notifications")
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Signature", PaymentSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8))))
                .compose(request -> request.send(body))
                .onSuccess(response -> received.put(refundId, "notified " + response.statusCode()))
                .onFailure(failure -> LOG.warnf("Refund notification not delivered: %s", failure.getMessage()));
    }
}
