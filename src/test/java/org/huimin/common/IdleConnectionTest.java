package org.huimin.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A client that opens a connection and sends half a request is cut off after the idle timeout (30 s in production,
 * 1 s here) instead of holding the connection for ever.
 */
@QuarkusTest
@TestProfile(IdleConnectionTest.ShortIdle.class)
class IdleConnectionTest {

    public static class ShortIdle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1S");
        }
    }

    @Test
    void aHalfOpenRequestIsClosed() throws Exception {
        try (Socket socket = new Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /api/v1/plans HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            int read;
            try {
                do {
                    read = in.read();
                } while (read >= 0);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept the half-open connection for 10 s", e);
            } catch (java.net.SocketException e) {
                read = -1; // reset by the server: closed as well
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(read).isEqualTo(-1);
            assertThat(ms).isBetween(500L, 5_000L);
        }
    }
}
