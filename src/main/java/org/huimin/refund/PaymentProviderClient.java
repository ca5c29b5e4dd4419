package org.huimin.refund;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * The payment provider's refund endpoint, {@code POST {HUIMIN_PAYMENT_REFUND_URL}} (API.md "Payment provider"): the raw
 * JSON body and its {@code X-Signature}. Package-private: the service talks to the provider through {@link PaymentProvider}.
 */
@RegisterRestClient(configKey = "payment-provider")
interface PaymentProviderClient {

    /** Any 2xx means accepted; anything else fails the {@code Uni}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> requestRefund(@HeaderParam("X-Signature") String signature, String body);
}
