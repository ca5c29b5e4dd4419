package org.huimin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.huimin.devtools.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as production starts it (failsafe, after packaging): it carries no embedded database and says
 * so when none is configured, and it refuses to start without its secrets rather than run with a public default.
 */
class ProductionStartIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void withoutADatabaseItSaysWhatToSet() throws Exception {
        Result result = start(Map.of());
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("No database configured: set QUARKUS_DATASOURCE_REACTIVE_URL");
        // And the embedded server is not in the package at all.
        try (var libs = Files.list(Path.of("target/quarkus-app/lib/main"))) {
            assertThat(libs.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("zonky"));
        }
    }

    @Test
    void withoutTheAuditKeyItRefusesToStart() throws Exception {
        Map<String, String> database = EmbeddedDatabase.start();
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", database.get("quarkus.datasource.reactive.url"),
                "QUARKUS_DATASOURCE_JDBC_URL", database.get("quarkus.datasource.jdbc.url"),
                "QUARKUS_DATASOURCE_USERNAME", database.get("quarkus.datasource.username"),
                "QUARKUS_DATASOURCE_PASSWORD", database.get("quarkus.datasource.password"),
                "HUIMIN_DB_MIGRATION_USERNAME", database.get("quarkus.flyway.username"),
                "HUIMIN_DB_MIGRATION_PASSWORD", database.get("quarkus.flyway.password"),
                "QUARKUS_OIDC_PUBLIC_KEY", publicKey(), "QUARKUS_OIDC_TOKEN_ISSUER", "huimin-dev",
                "QUARKUS_OIDC_AUTH_SERVER_URL", "", "HUIMIN_PAYMENT_SECRET", "a-payment-secret-of-the-provider"));
        Result result = start(env);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("Refusing to start: set HUIMIN_AUDIT_KEY");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result start(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("HUIMIN_"));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(0, "still running after 60 s: " + new String(process.getInputStream().readNBytes(4096),
                    StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String publicKey() throws IOException {
        return Files.readAllLines(Path.of("src/main/resources/application.properties")).stream()
                .filter(line -> line.startsWith("huimin.dev.public-key=")).findFirst().orElseThrow()
                .substring("huimin.dev.public-key=".length());
    }
}
