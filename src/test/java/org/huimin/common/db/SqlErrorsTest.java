package org.huimin.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.core.impl.NoStackTraceThrowable;

/**
 * The failures a dead database connection produces (load-tests/dead-connection.sh found each one in the service's log)
 * are answered {@code 503 DATABASE_UNAVAILABLE}, which tells the hospital to retry, and not {@code 500}.
 */
class SqlErrorsTest {

    @Test
    void aConnectionTheKernelTimedOutIsTemporary() {
        // Netty's NativeIoException (an IOException) when TCP_USER_TIMEOUT closes the socket.
        IOException timedOut = new IOException("recvAddress(..) failed: Connection timed out");
        assertThat(SqlErrors.temporarilyUnavailable(new CompletionException(timedOut))).isTrue();
    }

    @Test
    void aStatementOnTheClosedConnectionIsTemporary() {
        NoStackTraceThrowable closed = new NoStackTraceThrowable("Connection is not active now, current status: CLOSED");
        assertThat(SqlErrors.temporarilyUnavailable(closed)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(SqlErrors.temporarilyUnavailable(new IOException("Connection refused by policy"))).isFalse();
        assertThat(SqlErrors.temporarilyUnavailable(new NoStackTraceThrowable("Connection is fine"))).isFalse();
        assertThat(SqlErrors.temporarilyUnavailable(new IllegalStateException("Connection is not active now"))).isFalse();
    }
}
