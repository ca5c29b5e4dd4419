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
            servers.add(detectingDeadLinks(server, config.tcpUserTimeout()));
        }
        return PgBuilder.pool().with(options).connectingTo(servers).using(input.vertx()).build();
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
