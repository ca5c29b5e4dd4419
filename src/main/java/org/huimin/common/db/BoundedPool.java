package org.huimin.common.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.huimin.common.HuiminConfig;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The reactive pool, with a bounded wait: at most {@code huimin.db.max-waiting} requests queue for a connection, and
 * none waits longer than {@code huimin.db.connection-timeout}; past that the request fails at once and is answered
 * {@code 503 OVERLOADED} with {@code Retry-After} (ProblemMapper) instead of queueing without bound. Quarkus has no
 * property for these, hence the creator.
 */
@Singleton
public class BoundedPool implements PgPoolCreator {

    private final HuiminConfig.Db config;

    public BoundedPool(HuiminConfig config) {
        this.config = config.db();
    }

    @Override
    public Pool create(Input input) {
        PoolOptions options = input.poolOptions()
                .setMaxWaitQueueSize(config.maxWaiting())
                .setConnectionTimeout((int) config.connectionTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        List<SqlConnectOptions> servers = new ArrayList<>();
        for (PgConnectOptions server : input.pgConnectOptionsList()) {
            servers.add(detectingDeadLinks(statements(server, config.pgbouncer(), config.pgbouncerPreparedStatements()),
                    config.tcpUserTimeout()));
        }
        return PgBuilder.pool().with(options).connectingTo(servers).using(input.vertx()).build();
    }

    /**
     * Named prepared statements, cached per connection — each parsed and planned once per server connection — unless
     * the pool reaches PostgreSQL through a PgBouncer in transaction mode that does not keep them
     * ({@code HUIMIN_DB_PGBOUNCER} without {@code HUIMIN_DB_PGBOUNCER_PREPARED_STATEMENTS}). There each transaction may
     * run on another server connection, where a statement named on the last one is unknown ({@code 26000}) or, the
     * connection shared, already exists ({@code 42P05}): the client then sends unnamed statements (layer-7 proxy mode)
     * and caches none, and PostgreSQL parses and plans every statement again — 63 % of the settlement throughput on the
     * test machine (load-tests/statement-cost.sh). PgBouncer 1.21 and later with {@code max_prepared_statements} tracks
     * protocol-level named statements and prepares each on whichever server connection a transaction gets, so through
     * it the client works as it does straight to PostgreSQL (the Pooler in k8s/ runs it; pgbouncer-smoke.sh in CI).
     */
    static PgConnectOptions statements(PgConnectOptions server, boolean pgbouncer, boolean pgbouncerKeepsPrepared) {
        boolean unnamed = pgbouncer && !pgbouncerKeepsPrepared;
        return server.setUseLayer7Proxy(unnamed).setCachePreparedStatements(!unnamed);
    }

    /**
     * A connection to a server that vanished without closing it (its node lost, its pod rescheduled: the packets go
     * nowhere and nothing answers) is found and closed, instead of holding a request and a pool slot for the kernel's
     * ~15 minutes of retransmissions while every other request waits for a slot and is refused 503:
     * <ul>
     * <li>in use: the statement sent is unacknowledged for {@code tcpUserTimeout} → the kernel closes the socket, the
     * request fails as {@code DATABASE_UNAVAILABLE} (its transaction is rolled back by the server or never arrived; a
     * retry with the same key or settlement ID is safe), and the pool opens a new connection;</li>
     * <li>idle in the pool: TCP keepalive probes after 30 s of silence, every 10 s, so a dead one is dropped before a
     * request draws it;</li>
     * <li>being opened: given up after {@code tcpUserTimeout} rather than the client's default 60 s.</li>
     * </ul>
     * The idle, interval and user time-outs are applied by the epoll transport (quarkus.vertx.prefer-native-transport);
     * on NIO only plain keepalive with the kernel's two hours is. Measured: load-tests/dead-connection.sh.
     */
    static PgConnectOptions detectingDeadLinks(PgConnectOptions server, Duration tcpUserTimeout) {
        server.setTcpKeepAlive(true).setTcpKeepAliveIdleSeconds(30).setTcpKeepAliveIntervalSeconds(10).setTcpKeepAliveCount(3);
        int millis = (int) Math.min(Integer.MAX_VALUE, tcpUserTimeout.toMillis());
        if (millis > 0) {
            server.setTcpUserTimeout(millis);
            server.setConnectTimeout(millis);
        }
        return server;
    }
}
