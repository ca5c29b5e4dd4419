package org.huimin.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.huimin.common.IdNumber;
import org.huimin.common.Roles;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes audit records: changes inside the transaction that makes them (so a change and its record commit
 * together), reads right after the read. One INSERT each; the hash chain is sealed later by {@link AuditSealer}.
 */
@ApplicationScoped
public class AuditLog {

    /** Who acts. */
    public record Actor(String subject, String role, String org) {
        public static final Actor PAYMENT_PROVIDER = new Actor("payment-provider", "payment", null);
        public static final Actor SYSTEM = new Actor("system", "system", null);
    }

    private static final String[] ROLE_ORDER = {Roles.HOSPITAL, Roles.BUREAU, Roles.OPERATOR, Roles.INSURER, Roles.ORG,
            Roles.INSURED};

    @Inject
    Pool pool;

    @Inject
    io.quarkus.security.identity.CurrentIdentityAssociation identities;

    @Inject
    JsonWebToken token;

    @ConfigProperty(name = "huimin.audit.key")
    String key;

    public Uni<Void> record(SqlClient client, String action, String idNumber, String target, String outcome) {
        return actor().chain(actor -> record(client, actor, action, idNumber, target, outcome));
    }

    public Uni<Void> record(SqlClient client, Actor actor, String action, String idNumber, String target, String outcome) {
        return client.preparedQuery("""
                INSERT INTO audit_record (actor_subject, actor_role, actor_org, action, subject_masked, subject_key,
                                          target, outcome)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.tuple().addValue(actor.subject()).addValue(actor.role()).addValue(actor.org())
                        .addValue(action).addValue(IdNumber.mask(idNumber)).addValue(subjectKey(idNumber))
                        .addValue(target).addValue(outcome))
                .replaceWithVoid();
    }

    /**
     * A read of a person's data. Recording each read with its own INSERT would add a commit (a WAL flush) to every
     * coverage lookup, the most frequent request; reads are therefore queued and written in one multi-row INSERT
     * every 100 ms ({@link #flush}), on shutdown, and before any audit query or verification. What a crash can
     * lose is bounded to that last interval, and only of reads: changes are recorded in their own transaction.
     */
    public Uni<Void> read(String action, String idNumber, String target, String outcome) {
        return actor().invoke(actor -> pendingReads.add(new Object[] {actor.subject(), actor.role(), actor.org(), action,
                IdNumber.mask(idNumber), subjectKey(idNumber), target, outcome})).replaceWithVoid();
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Object[]> pendingReads = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private static final int FLUSH_BATCH = 5000;

    /**
     * Writes the queued read records (up to 5,000 per statement) and completes when they are stored. Only a full
     * batch is followed at once by the next one: under a steady stream of reads, re-flushing whatever arrived while
     * the INSERT ran would turn the 100 ms batches into a loop of tiny ones (measured: 17 rows per statement and
     * 160 statements/s at 4,000 coverage lookups/s, instead of 10 statements/s).
     */
    public Uni<Void> flush() {
        java.util.List<Object[]> batch = new java.util.ArrayList<>();
        for (Object[] row; batch.size() < FLUSH_BATCH && (row = pendingReads.poll()) != null; ) {
            batch.add(row);
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[][] columns = new String[8][batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            for (int c = 0; c < 8; c++) {
                columns[c][i] = (String) batch.get(i)[c];
            }
        }
        Tuple values = Tuple.tuple();
        for (String[] column : columns) {
            values.addValue(column);
        }
        return pool.preparedQuery("""
                INSERT INTO audit_record (actor_subject, actor_role, actor_org, action, subject_masked, subject_key,
                                          target, outcome)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                     $7::text[], $8::text[])""")
                .execute(values)
                .chain(done -> batch.size() < FLUSH_BATCH ? Uni.createFrom().voidItem() : flush());
    }

    /** HMAC of the ID number under the audit key: finds a person's records without storing the number. */
    public String subjectKey(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(IdNumber.normalize(idNumber).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The caller, resolved without blocking (the event loop must never wait for an identity). Outside an HTTP request
     * (start-up seeding, timers) there is no caller: the platform itself acts.
     */
    Uni<Actor> actor() {
        if (!io.quarkus.arc.Arc.container().requestContext().isActive()) {
            return Uni.createFrom().item(Actor.SYSTEM);
        }
        return identities.getDeferredIdentity().map(identity -> {
            if (identity.isAnonymous()) {
                return new Actor("anonymous", "none", null);
            }
            for (String role : ROLE_ORDER) {
                if (identity.hasRole(role)) {
                    return new Actor(identity.getPrincipal().getName(), role, org(role));
                }
            }
            return new Actor(identity.getPrincipal().getName(), "none", null);
        }).onFailure().recoverWithItem(Actor.SYSTEM);
    }

    private String org(String role) {
        Object claim = switch (role) {
            case Roles.HOSPITAL -> token.getClaim("hospital_code");
            case Roles.ORG -> token.getClaim("org_code");
            case Roles.INSURER -> token.getClaim("insurer_code");
            default -> null;
        };
        if (claim == null) {
            return null;
        }
        String text = claim.toString();
        return text.length() >= 2 && text.startsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }
}
