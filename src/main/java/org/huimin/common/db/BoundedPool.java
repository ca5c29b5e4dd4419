package org.huimin.common.db;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.huimin.common.HuiminConfig;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
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
        return PgBuilder.pool().with(options)
                .connectingTo(new ArrayList<SqlConnectOptions>(input.pgConnectOptionsList()))
                .using(input.vertx()).build();
    }
}
