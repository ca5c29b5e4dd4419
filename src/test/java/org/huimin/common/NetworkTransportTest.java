package org.huimin.common;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * On Linux (x86-64 or arm64, the nodes k8s/ runs on) the service's sockets are on epoll, not on the NIO fallback: the
 * dependency and the setting are both there and Netty's native library loads. Every other test of the suite then runs
 * its HTTP requests and PostgreSQL connections over that transport.
 */
@QuarkusTest
@EnabledOnOs(value = OS.LINUX, architectures = { "amd64", "x86_64", "aarch64" })
class NetworkTransportTest {

    @Inject
    Vertx vertx;

    @Test
    void socketsAreOnEpoll() {
        assertThat(vertx.unavailableNativeTransportCause()).as("why epoll did not load").isNull();
        assertThat(vertx.isNativeTransportEnabled()).isTrue();
    }
}
