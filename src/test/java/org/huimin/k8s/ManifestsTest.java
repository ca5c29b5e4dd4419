package org.huimin.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Parses every manifest under {@code k8s/} with the fabric8 Kubernetes model, strictly: a field the model does not
 * know (a typo, a wrong level) lands in an {@code additionalProperties} map, and any such map that is not empty
 * fails the test; a wrong type fails deserialisation. Then checks the operating rules of the deployment.
 */
class ManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    private static final Map<String, Class<? extends KubernetesResource>> KINDS = Map.of(
            "Deployment", Deployment.class, "Service", Service.class, "ServiceAccount", ServiceAccount.class,
            "ConfigMap", ConfigMap.class, "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "PodDisruptionBudget", PodDisruptionBudget.class, "NetworkPolicy", NetworkPolicy.class,
            "Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class);
    /** Custom resources: no fabric8 model here, so their required fields are checked by hand. */
    private static final Map<String, List<String>> CUSTOM = Map.of(
            "Cluster", List.of("/spec/instances", "/spec/storage/size"),
            "Pooler", List.of("/spec/cluster/name", "/spec/pgbouncer/poolMode"),
            "ServiceMonitor", List.of("/spec/selector", "/spec/endpoints/0/path"),
            "PrometheusRule", List.of("/spec/groups/0/rules/0/expr"),
            "Kustomization", List.of());

    record Manifest(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }
    }

    static List<Manifest> manifests() throws IOException {
        List<Manifest> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).readAll().stream()
                            .filter(node -> node != null && !node.isNull())
                            .forEach(node -> all.add(new Manifest(file, node)));
                }
            }
        }
        return all;
    }

    @Test
    void everyManifestParsesStrictly() throws Exception {
        List<Manifest> all = manifests();
        assertThat(all).hasSizeGreaterThan(15);
        for (Manifest manifest : all) {
            String kind = manifest.kind();
            boolean patch = manifest.file().getFileName().toString().endsWith("-patch.yaml");
            if (KINDS.containsKey(kind)) {
                KubernetesResource resource = YAML.treeToValue(manifest.node(), KINDS.get(kind));
                List<String> unknown = new ArrayList<>();
                unknownFields(resource, kind, unknown, new IdentityHashMap<>());
                assertThat(unknown).as("unknown fields in " + manifest.file()).isEmpty();
            } else {
                assertThat(CUSTOM).as("known kind in " + manifest.file()).containsKey(kind);
                if (!patch) {
                    for (String pointer : CUSTOM.get(kind)) {
                        assertThat(manifest.node().at(pointer).isMissingNode()).as(pointer + " in " + manifest.file()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void deploymentFollowsTheOperatingRules() throws Exception {
        Deployment deployment = YAML.treeToValue(find("Deployment", "base").node(), Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getTopologySpreadConstraints()).extracting(c -> c.getTopologyKey()).contains("kubernetes.io/hostname");
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(30L);
        Container container = pod.getContainers().get(0);
        assertThat(container.getImage()).doesNotEndWith(":latest").contains(":");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        // Probes on the management port, which the ingress does not route (health and metrics are not public).
        for (var probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
        }
        assertThat(container.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .contains("http:8080", "management:9000");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        // No secret values committed: secrets are referenced, never inlined; the two the service cannot start without.
        assertThat(container.getEnv()).allSatisfy(env -> assertThat(env.getValue()).isNull());
        assertThat(container.getEnv()).extracting(env -> env.getName())
                .contains("HUIMIN_PAYMENT_SECRET", "HUIMIN_AUDIT_KEY");
        for (Manifest manifest : manifests()) {
            assertThat(manifest.kind()).as(manifest.file().toString()).isNotEqualTo("Secret");
            for (JsonNode image : manifest.node().findValues("image")) {
                assertThat(image.asText()).as("image tag in " + manifest.file()).doesNotEndWith(":latest").contains(":");
            }
        }
        ConfigMap config = YAML.treeToValue(find("ConfigMap", "base").node(), ConfigMap.class);
        // Through the pooler (transaction mode) only with the switches that the PgBouncer smoke run exercises; the
        // client's statement settings are BoundedPool's, never set directly (every write failed with 42P05/26000 when
        // the cache was on behind a PgBouncer that does not keep named statements).
        assertThat(config.getData()).containsEntry("HUIMIN_DB_PGBOUNCER", "true")
                .doesNotContainKeys("QUARKUS_DATASOURCE_REACTIVE_CACHE_PREPARED_STATEMENTS",
                        "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_USE_LAYER7_PROXY");
        // The base stays safe behind any PgBouncer (unnamed statements); named ones are the prod overlay's, which
        // need PgBouncer 1.21+ with max_prepared_statements: the Pooler pins such an image, and it is the version the
        // load tests build and run (load-tests/lib.sh).
        assertThat(config.getData()).doesNotContainKey("HUIMIN_DB_PGBOUNCER_PREPARED_STATEMENTS");
        ConfigMap prod = YAML.treeToValue(find("ConfigMap", "overlays/prod").node(), ConfigMap.class);
        assertThat(prod.getMetadata().getName()).isEqualTo(config.getMetadata().getName());
        if ("true".equals(prod.getData().get("HUIMIN_DB_PGBOUNCER_PREPARED_STATEMENTS"))) {
            JsonNode pooler = find("Pooler", "base").node();
            assertThat(pooler.at("/spec/pgbouncer/parameters/max_prepared_statements").asInt()).isPositive();
            String image = pooler.at("/spec/template/spec/containers/0/image").asText();
            String version = image.substring(image.lastIndexOf(':') + 1);
            assertThat(version).as(image).matches("1\\.(2[1-9]|[3-9][0-9])\\.[0-9]+");
            assertThat(Files.readString(Path.of("load-tests/lib.sh"))).contains("PGBOUNCER_VERSION=" + version + "\n");
        }
        assertThat(find("HorizontalPodAutoscaler", "base")).isNotNull();
        assertThat(find("PodDisruptionBudget", "base")).isNotNull();
        HorizontalPodAutoscaler hpa = YAML.treeToValue(find("HorizontalPodAutoscaler", "base").node(), HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType()).contains("Resource", "Pods");
    }

    /**
     * Issue 13: the service's pods connect as the restricted role and never see the owner's credentials; the migration
     * Job alone runs Flyway, as the owner; CloudNativePG creates the service role; the realm issues regions and audiences.
     */
    @Test
    void onlyTheMigrationJobHoldsTheOwnersCredentials() throws Exception {
        Deployment deployment = YAML.treeToValue(find("Deployment", "base").node(), Deployment.class);
        var env = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).extracting(e -> e.getName()).doesNotContain("HUIMIN_DB_MIGRATION_USERNAME", "HUIMIN_DB_MIGRATION_PASSWORD");
        assertThat(env).filteredOn(e -> e.getName().startsWith("QUARKUS_DATASOURCE_"))
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("huimin-db-service"));
        ConfigMap config = YAML.treeToValue(find("ConfigMap", "base").node(), ConfigMap.class);
        assertThat(config.getData()).containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false")
                .containsEntry("QUARKUS_FLYWAY_VALIDATE_AT_START", "true");

        var job = YAML.treeToValue(find("Job", "base").node(), io.fabric8.kubernetes.api.model.batch.v1.Job.class);
        var jobEnv = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(jobEnv).extracting(e -> e.getName() + "=" + e.getValue())
                .contains("QUARKUS_INIT_AND_EXIT=true", "QUARKUS_FLYWAY_MIGRATE_AT_START=true");
        assertThat(jobEnv).filteredOn(e -> e.getName().startsWith("HUIMIN_DB_MIGRATION_"))
                .hasSize(2).allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("huimin-db-app"));
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());

        JsonNode cluster = find("Cluster", "base").node();
        assertThat(cluster.at("/spec/bootstrap/initdb/owner").asText()).isEqualTo("huimin_owner");
        assertThat(cluster.at("/spec/managed/roles")).hasSize(1);
        assertThat(cluster.at("/spec/managed/roles/0/name").asText()).isEqualTo("huimin_service");
        assertThat(cluster.at("/spec/managed/roles/0/superuser").asBoolean(true)).isFalse();
        assertThat(cluster.at("/spec/managed/roles/0/passwordSecret/name").asText()).isEqualTo("huimin-db-service");

        JsonNode realm = new ObjectMapper().readTree(K8S.resolve("keycloak/huimin-realm.json").toFile());
        assertThat(realm.at("/roles/realm").findValuesAsText("name")).contains("regulator");
        List<String> mappers = new ArrayList<>();
        realm.path("clients").forEach(client -> client.path("protocolMappers").forEach(m -> {
            if ("region".equals(m.at("/config/claim.name").asText())) {
                mappers.add(client.path("clientId").asText() + "=" + m.at("/config/claim.value").asText());
            }
        }));
        assertThat(mappers).contains("bureau-210000=210000", "bureau-210200=210200", "regulator-210000=210000");
        assertThat(realm.at("/clientScopes/0/protocolMappers").findValuesAsText("protocolMapper")).contains("oidc-audience-mapper");
    }

    @Test
    void kustomizationsReferenceExistingFilesAndTargets() throws Exception {
        for (Manifest manifest : manifests()) {
            if (!"Kustomization".equals(manifest.kind())) {
                continue;
            }
            Path dir = manifest.file().getParent();
            for (JsonNode resource : manifest.node().path("resources")) {
                Path target = dir.resolve(resource.asText()).normalize();
                assertThat(Files.exists(target)).as(resource.asText() + " from " + manifest.file()).isTrue();
                if (Files.isDirectory(target)) {
                    assertThat(target.resolve("kustomization.yaml")).exists();
                }
            }
            for (JsonNode patch : manifest.node().path("patches")) {
                Path file = dir.resolve(patch.path("path").asText());
                assertThat(file).exists();
                JsonNode patchNode = YAML.readTree(file.toFile());
                // The patched resource exists in the base, by kind and name.
                assertThat(manifests().stream().anyMatch(m -> m.file().startsWith(K8S.resolve("base"))
                        && m.kind().equals(patchNode.path("kind").asText())
                        && m.node().at("/metadata/name").asText().equals(patchNode.at("/metadata/name").asText())))
                        .as("target of " + file).isTrue();
            }
            for (JsonNode generator : manifest.node().path("configMapGenerator")) {
                for (JsonNode file : generator.path("files")) {
                    assertThat(dir.resolve(file.asText())).exists();
                }
            }
        }
        assertThat(K8S.resolve("overlays/dev/kustomization.yaml")).exists();
        assertThat(K8S.resolve("overlays/prod/kustomization.yaml")).exists();
        new ObjectMapper().readTree(K8S.resolve("monitoring/huimin-dashboard.json").toFile());
        JsonNode realm = new ObjectMapper().readTree(K8S.resolve("keycloak/huimin-realm.json").toFile());
        assertThat(realm.at("/roles/realm").findValuesAsText("name"))
                .contains("insured", "org", "hospital", "bureau", "insurer", "operator");
    }

    private static Manifest find(String kind, String under) throws IOException {
        return manifests().stream().filter(m -> m.kind().equals(kind) && m.file().startsWith(K8S.resolve(under)))
                .findFirst().orElseThrow();
    }

    /** Walks the fabric8 model graph and collects every non-empty additionalProperties map. */
    private static void unknownFields(Object value, String path, List<String> unknown, Map<Object, Boolean> seen)
            throws Exception {
        if (value == null || seen.containsKey(value)) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), unknown, seen);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        seen.put(value, true);
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            unknownFields(child, path + "." + getter.getName().substring(3), unknown, seen);
        }
    }
}
