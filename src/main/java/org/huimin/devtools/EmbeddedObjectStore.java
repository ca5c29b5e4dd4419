package org.huimin.devtools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

/**
 * An S3-compatible object store for the local run and the tests: s3proxy (org.gaul:s3proxy, a real S3 protocol over a
 * filesystem directory) in a child process, so the service talks S3 exactly as it does to MinIO or OSS in production.
 * Its jar is not on the class path (it bundles its own Jetty and Guava): the build copies it to target/s3proxy
 * (maven-dependency-plugin, process-test-resources), or it is taken from the local Maven repository, or fetched there
 * once with the Maven wrapper.
 */
public final class EmbeddedObjectStore {

    private static final Logger LOG = Logger.getLogger(EmbeddedObjectStore.class);
    public static final String BUCKET = "huimin-documents";
    public static final String ACCESS_KEY = "local-identity";
    public static final String SECRET_KEY = "local-credential";
    private static final String ARTIFACT = "org.gaul:s3proxy:2.6.0:jar:jar-with-dependencies";

    private static Process process;
    private static int port;

    private EmbeddedObjectStore() {
    }

    /** Starts it (once per JVM) and returns the properties that point the service's document store at it. */
    public static synchronized Map<String, String> start() {
        if (process == null) {
            try {
                Path jar = jar();
                Path base = Files.createTempDirectory("huimin-s3");
                Files.createDirectories(base.resolve(BUCKET));
                port = freePort();
                Path properties = base.resolve("s3proxy.conf");
                Files.writeString(properties, String.join("\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + base.resolve("data")));
                Files.createDirectories(base.resolve("data").resolve(BUCKET));
                process = new ProcessBuilder(javaBinary(), "-Xmx128m", "-jar", jar.toString(), "--properties",
                        properties.toString()).redirectErrorStream(true).redirectOutput(base.resolve("s3proxy.log").toFile())
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedObjectStore::stop, "embedded-s3-stop"));
                waitForPort(port, base.resolve("s3proxy.log"));
                LOG.infof("Embedded S3 (s3proxy) listening on port %d, bucket %s", port, BUCKET);
            } catch (IOException e) {
                throw new IllegalStateException("The embedded object store did not start", e);
            }
        }
        return Map.of(
                "huimin.documents.endpoint", "http://127.0.0.1:" + port,
                "huimin.documents.bucket", BUCKET,
                "huimin.documents.region", "us-east-1",
                "huimin.documents.access-key", ACCESS_KEY,
                "huimin.documents.secret-key", SECRET_KEY);
    }

    static Path jar() throws IOException {
        Path copied = Path.of("target", "s3proxy", "s3proxy.jar");
        if (Files.exists(copied)) {
            return copied;
        }
        Path repository = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy", "2.6.0",
                "s3proxy-2.6.0-jar-with-dependencies.jar");
        if (!Files.exists(repository) && Files.exists(Path.of("mvnw"))) {
            LOG.info("Fetching s3proxy into the local Maven repository (once)");
            try {
                new ProcessBuilder("./mvnw", "-q", "-B", "dependency:get", "-Dartifact=" + ARTIFACT, "-Dtransitive=false")
                        .inheritIO().start().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!Files.exists(repository)) {
            throw new IOException("s3proxy not found: run ./mvnw verify once, or ./mvnw dependency:get -Dartifact=" + ARTIFACT);
        }
        return repository;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(int port, Path log) throws IOException {
        for (int i = 0; i < 300; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("s3proxy exited: " + tail(log));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        throw new IOException("s3proxy did not listen within 30 s: " + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    private static synchronized void stop() {
        if (process != null) {
            process.destroy();
            process = null;
        }
    }
}
