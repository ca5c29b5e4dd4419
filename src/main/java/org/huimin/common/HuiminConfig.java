package org.huimin.common;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the service under {@code huimin.*}, from the environment in production (API.md "Operations"):
 * {@code HUIMIN_PAYMENT_SECRET} is {@code huimin.payment.secret}, {@code HUIMIN_ORDER_TTL} is {@code huimin.order-ttl}.
 * The two secrets have no default: outside dev and test the service refuses to start without them
 * ({@link RequiredSecrets}).
 */
@ConfigMapping(prefix = "huimin")
public interface HuiminConfig {

    Payment payment();

    Audit audit();

    Db db();

    Auth auth();

    /** Unpaid orders expire after this (paid through the provider): {@code HUIMIN_ORDER_TTL}. */
    @WithDefault("PT2H")
    Duration orderTtl();

    /** … paid by personal-account deduction: {@code HUIMIN_DEDUCTION_TTL}. */
    @WithDefault("P3D")
    Duration deductionTtl();

    /** … paid by an organisation: {@code HUIMIN_ORG_ORDER_TTL}. */
    @WithDefault("P7D")
    Duration orgOrderTtl();

    /** How often unpaid orders past their deadline are swept (a scheduler interval). */
    @WithDefault("60s")
    String orderSweepInterval();

    /** An approved online claim paying this much or more needs a second reviewer: {@code HUIMIN_SECOND_REVIEW_FROM}. */
    @WithDefault("50000.00")
    BigDecimal secondReviewFrom();

    Documents documents();

    /**
     * Requests in progress at once on one instance ({@code HUIMIN_MAX_IN_FLIGHT}), document uploads apart: past it a
     * request is answered {@code 503 OVERLOADED} with {@code Retry-After} at once (RequestGuard), before its token or
     * body is read, so that the ones accepted keep their latency.
     */
    @WithDefault("256")
    int maxInFlight();

    /**
     * Document uploads in progress at once on one instance ({@code HUIMIN_MAX_UPLOADS_IN_FLIGHT}), counted apart from
     * {@link #maxInFlight()}: an upload may stream for many seconds from a slow phone, without a database connection,
     * and must not take the places of the requests that need one. Past it an upload is {@code 503 OVERLOADED}.
     */
    @WithDefault("64")
    int maxUploadsInFlight();

    Refund refund();

    Reports reports();

    Dev dev();

    interface Reports {
        /** How often the report tallies' deltas are folded into one row per key (a scheduler interval). */
        @WithDefault("10s")
        String foldInterval();

        /** When the tallies are checked against the rows and corrected (a cron in Asia/Shanghai; a full scan). */
        @WithDefault("0 30 3 * * ?")
        String correctCron();
    }

    interface Refund {
        /** How often the refund outbox is checked for requests due to the payment provider. */
        @WithDefault("5s")
        String sendInterval();

        /** The wait after a first failed refund request; it doubles with each failure, up to ten minutes. */
        @WithDefault("PT2S")
        Duration firstBackoff();
    }

    interface Payment {
        /** The payment provider's HMAC secret, both ways (notifications in, refund requests out). */
        Optional<String> secret();

        /** The provider's refund endpoint: {@code HUIMIN_PAYMENT_REFUND_URL}. */
        Optional<String> refundUrl();
    }

    interface Audit {
        /** Key of the HMAC that finds a person's audit records without storing the ID number. */
        Optional<String> key();

        /** How often the hash chain is extended with the records committed since (a scheduler interval). */
        @WithDefault("1s")
        String sealInterval();

        /** How often queued read records are written, in milliseconds. */
        @WithDefault("100")
        long flushIntervalMs();

        /** Read records waiting to be written, at most; a read that cannot be queued is refused (503), never served unlogged. */
        @WithDefault("50000")
        int readQueueCapacity();
    }

    interface Db {
        /** Behind PgBouncer in transaction mode ({@code HUIMIN_DB_PGBOUNCER}): see {@link org.huimin.common.db.BoundedPool}. */
        @WithDefault("false")
        boolean pgbouncer();

        /**
         * That PgBouncer keeps named prepared statements across transactions ({@code HUIMIN_DB_PGBOUNCER_PREPARED_STATEMENTS}:
         * PgBouncer 1.21 or later with {@code max_prepared_statements} above 0), so the client may send and cache them.
         */
        @WithDefault("false")
        boolean pgbouncerPreparedStatements();

        /** Requests that may wait for a pool connection at once ({@code HUIMIN_DB_MAX_WAITING}); more are refused, 503. */
        @WithDefault("1000")
        int maxWaiting();

        /** The longest wait for a pool connection ({@code HUIMIN_DB_CONNECTION_TIMEOUT}); longer is 503. */
        @WithDefault("PT3S")
        Duration connectionTimeout();

        /**
         * A database connection whose sent bytes stay unacknowledged this long is closed by the kernel
         * ({@code TCP_USER_TIMEOUT}, {@code HUIMIN_DB_TCP_USER_TIMEOUT}; libpq and PostgreSQL call it the same), and a
         * new connection that is not made in this time is given up. Without it a connection to a database host or
         * PgBouncer pod that vanished without closing its sockets hangs for the kernel's ~15 minutes of retransmissions.
         * {@code 0} leaves both to the kernel and the client's defaults. Needs the native transport (epoll).
         */
        @WithDefault("PT10S")
        Duration tcpUserTimeout();
    }

    interface Auth {
        TokenCache tokenCache();

        interface TokenCache {
            @WithDefault("true")
            boolean enabled();

            @WithDefault("10000")
            long maxSize();

            /** An entry lives until its token's {@code exp}, and never longer than this. */
            @WithDefault("PT5M")
            Duration maxTtl();
        }
    }

    /** Object storage for online-claim documents (any S3-compatible store, path-style access). */
    interface Documents {
        Optional<String> endpoint();

        @WithDefault("huimin-documents")
        String bucket();

        @WithDefault("cn-north-1")
        String region();

        Optional<String> accessKey();

        Optional<String> secretKey();
    }

    /** The local run's dev-only helpers (never built into the production artefact). */
    interface Dev {
        Optional<String> publicKey();

        Optional<String> privateKeyFile();
    }
}
