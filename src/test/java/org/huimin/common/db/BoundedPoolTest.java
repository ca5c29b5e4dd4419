package org.huimin.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgConnectOptions;

/**
 * Which statements the pool's connections send: named and cached unless a PgBouncer in transaction mode would lose
 * them. The statements through a real PgBouncer are load-tests/pgbouncer-smoke.sh's (in CI); what each way costs is
 * load-tests/statement-cost.sh's.
 */
class BoundedPoolTest {

    @Test
    void straightToPostgresqlStatementsAreNamedAndCached() {
        PgConnectOptions options = BoundedPool.statements(new PgConnectOptions(), false, false);
        assertThat(options.getUseLayer7Proxy()).isFalse();
        assertThat(options.getCachePreparedStatements()).isTrue();
    }

    @Test
    void behindAPgBouncerThatDoesNotKeepThemStatementsAreUnnamedAndNotCached() {
        PgConnectOptions options = BoundedPool.statements(
                new PgConnectOptions().setCachePreparedStatements(true), true, false);
        assertThat(options.getUseLayer7Proxy()).isTrue();
        assertThat(options.getCachePreparedStatements()).isFalse();
    }

    @Test
    void behindAPgBouncerThatKeepsThemStatementsAreNamedAndCached() {
        PgConnectOptions options = BoundedPool.statements(new PgConnectOptions().setUseLayer7Proxy(true), true, true);
        assertThat(options.getUseLayer7Proxy()).isFalse();
        assertThat(options.getCachePreparedStatements()).isTrue();
    }
}
