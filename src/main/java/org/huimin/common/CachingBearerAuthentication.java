package org.huimin.common;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * quarkus-oidc's bearer authentication with a bounded cache of verified tokens. Verifying an RS256 signature and
 * parsing the claims was a quarter of the service's CPU under load (load-tests/README.md), while a hospital
 * system or the bureau sends the same client-credentials token for minutes.
 *
 * <p>Why this is as safe as verifying every time: the key is the exact token string, so any altered token misses
 * and is verified in full; an entry lives only until the token's own {@code exp} (and at most
 * {@code huimin.auth.token-cache.ttl-seconds}); JWTs verified locally are not revocable before {@code exp} anyway.
 * Switch it off ({@code HUIMIN_AUTH_TOKEN_CACHE_ENABLED=false}) if tokens are introspected per request.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingBearerAuthentication implements HttpAuthenticationMechanism {

    private record Verified(SecurityIdentity identity, long expiresAtMillis) {
    }

    @Inject
    OidcAuthenticationMechanism oidc;

    @ConfigProperty(name = "huimin.auth.token-cache.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "huimin.auth.token-cache.max-size", defaultValue = "10000")
    int maxSize;

    @ConfigProperty(name = "huimin.auth.token-cache.ttl-seconds", defaultValue = "300")
    long ttlSeconds;

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = enabled ? bearer(context) : null;
        if (token != null) {
            Verified hit = verified.get(token);
            if (hit != null) {
                if (hit.expiresAtMillis() > System.currentTimeMillis()) {
                    return Uni.createFrom().item(forThisRequest(hit.identity(), context));
                }
                verified.remove(token, hit);
            }
        }
        return oidc.authenticate(context, identityProviderManager).invoke(identity -> remember(token, identity));
    }

    private void remember(String token, SecurityIdentity identity) {
        if (token == null || identity == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        long until = Math.min(jwt.getExpirationTime() * 1000, System.currentTimeMillis() + ttlSeconds * 1000);
        if (verified.size() >= maxSize) {
            verified.clear(); // bounded; a full cache is simply rebuilt by the next verifications
        }
        verified.put(token, new Verified(identity, until));
    }

    /** The cached identity with this request's routing context (OIDC keeps it as an identity attribute). */
    private static SecurityIdentity forThisRequest(SecurityIdentity identity, RoutingContext context) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        builder.addAttribute(RoutingContext.class.getName(), context);
        return builder.build();
    }

    private static String bearer(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return oidc.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return oidc.getPriority() + 1;
    }
}
