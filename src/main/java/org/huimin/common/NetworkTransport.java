package org.huimin.common;

import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

import org.jboss.logging.Logger;

/**
 * Says at start which socket transport serves HTTP and the PostgreSQL connections. The service asks for epoll
 * ({@code quarkus.vertx.prefer-native-transport}); where Netty cannot load it (another OS or CPU, a read-only
 * {@code /tmp} for its native library) Vert.x quietly falls back to Java NIO, which serves requests as well (the CPU
 * per request measured the same, load-tests/README.md) but cannot set the socket options that find a dead database
 * connection in seconds ({@code BoundedPool}). A warning with the cause makes that visible.
 */
public class NetworkTransport {

    private static final Logger LOG = Logger.getLogger(NetworkTransport.class);

    void report(@Observes StartupEvent event, Vertx vertx) {
        if (vertx.isNativeTransportEnabled()) {
            LOG.info("Sockets on the native transport (epoll)");
            return;
        }
        Throwable cause = vertx.unavailableNativeTransportCause();
        LOG.warnf("Sockets on Java NIO (%s): a database connection to a host that vanished is noticed only after the"
                + " kernel's retransmissions, about 15 minutes, not after huimin.db.tcp-user-timeout",
                cause == null ? "the native transport was not requested" : "the native transport is not available: " + cause);
    }
}
