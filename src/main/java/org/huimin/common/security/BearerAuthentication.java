package org.huimin.common.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.huimin.common.HuiminConfig;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens, verified by quarkus-oidc's public {@link TenantIdentityProvider} (Keycloak's keys in production, or
 * the configured public key), with a bounded cache of verified tokens. Verifying an RS256 signature and parsing the
 * claims was a quarter of the service's CPU under load (load-tests/README.md), while a hospital system or the bureau
 * sends the same client-credentials token for minutes.
 *
 * <p>Why the cache is as safe as verifying every time: the key is the exact token string, so any altered token misses
 * and is verified in full; an entry expires at its token's own {@code exp} (and at most after
 * {@code huimin.auth.token-cache.max-ttl}); locally verified JWTs are not revocable before {@code exp} anyway.
 * Caffeine bounds the size and evicts the least used entries one by one. Switch it off
 * ({@code HUIMIN_AUTH_TOKEN_CACHE_ENABLED=false}) if tokens must be introspected on every request.
 *
 * <p>A header that cannot be a JWT (empty, or dots only: quarkusio/quarkus#55887 answered those with a 500 in 3.34)
 * is refused here before the OIDC code sees it. An expired token is refused saying so.
 */
@ApplicationScoped
public class BearerAuthentication implements HttpAuthenticationMechanism {

    /** Request attribute naming why a token was refused, read by the problem mapper for the 401 answer. */
    public static final String FAILURE = "huimin.auth.failure";
    public static final String EXPIRED = "The bearer token has expired.";
    public static final String INVALID = "The bearer token is not valid.";

    private final TenantIdentityProvider verifier;
    private final boolean enabled;
    private final Cache<String, SecurityIdentity> verified;

    public BearerAuthentication(TenantIdentityProvider verifier, HuiminConfig config) {
        this.verifier = verifier;
        HuiminConfig.Auth.TokenCache settings = config.auth().tokenCache();
        this.enabled = settings.enabled();
        Duration maxTtl = settings.maxTtl();
        this.verified = Caffeine.newBuilder()
                .maximumSize(settings.maxSize())
                .expireAfter(Expiry.<String, SecurityIdentity>creating((token, identity) -> {
                    long exp = ((JsonWebToken) identity.getPrincipal()).getExpirationTime();
                    Duration untilExp = Duration.ofSeconds(exp).minusMillis(System.currentTimeMillis());
                    return untilExp.isNegative() ? Duration.ZERO : untilExp.compareTo(maxTtl) > 0 ? maxTtl : untilExp;
                }))
                .build();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = bearer(context);
        if (token == null) {
            return Uni.createFrom().nullItem(); // no bearer token: anonymous, refused by @RolesAllowed where it matters
        }
        if (!looksLikeJwt(token)) {
            return refuse(context, INVALID);
        }
        SecurityIdentity hit = enabled ? verified.getIfPresent(token) : null;
        if (hit != null) {
            return Uni.createFrom().item(forThisRequest(hit, context));
        }
        return verifier.authenticate(new AccessTokenCredential(token))
                .onFailure().recoverWithUni(failure -> refuse(context, expired(token) ? EXPIRED : INVALID))
                .invoke(identity -> remember(token, identity))
                .map(identity -> forThisRequest(identity, context));
    }

    private void remember(String token, SecurityIdentity identity) {
        if (enabled && identity != null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt
                && jwt.getExpirationTime() > 0) {
            verified.put(token, identity);
        }
    }

    /** How many verified tokens are cached (for the test that switches the cache off and on). */
    public long cachedTokens() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static Uni<SecurityIdentity> refuse(RoutingContext context, String why) {
        context.put(FAILURE, why);
        return Uni.createFrom().failure(new AuthenticationFailedException(why));
    }

    /** The identity with this request's routing context, as quarkus-oidc's own mechanism attaches it. */
    private static SecurityIdentity forThisRequest(SecurityIdentity identity, RoutingContext context) {
        return QuarkusSecurityIdentity.builder(identity).addAttribute(RoutingContext.class.getName(), context).build();
    }

    private static String bearer(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Bearer", 0, 6)) {
            return null;
        }
        return header.substring(6).strip();
    }

    /** Three base64url parts, the first two non-empty: anything else is not a signed JWT. */
    static boolean looksLikeJwt(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || token.length() > 16_384) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** Whether the (unverified) payload says the token has expired: only to word the refusal. */
    static boolean expired(String token) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            java.util.regex.Matcher exp = java.util.regex.Pattern.compile("\"exp\"\\s*:\\s*(\\d{1,12})").matcher(payload);
            return exp.find() && Long.parseLong(exp.group(1)) * 1000 <= System.currentTimeMillis();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        Object why = context.get(FAILURE);
        String value = why == null ? "Bearer"
                : "Bearer error=\"invalid_token\", error_description=\"" + why.toString().replace("\"", "'") + "\"";
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", value));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    @Override
    public int getPriority() {
        return HttpAuthenticationMechanism.DEFAULT_PRIORITY + 100; // before quarkus-oidc's own bearer mechanism
    }
}
