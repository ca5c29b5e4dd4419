import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The generative run of issue 17: requests made from the service's own /q/openapi, for every operation, with real
 * tokens of every role (and none), valid-looking values and hostile ones (NUL and control characters, huge and negative
 * numbers, dates far outside 1900..2999, wrong types, missing and repeated fields, deep nesting, long strings, path
 * tricks). Every answer must be below 500 and among the operation's documented statuses.
 *
 *   java -cp <tools classpath> load-tests/Fuzz.java BASE_URL SIGNING_KEY.pem SEED SECONDS REPORT
 *
 * Exit status 1 when an answer broke the rule; the report lists each (method, path, status, body excerpt) and the seed.
 */
public class Fuzz {

    static final ObjectMapper JSON = new ObjectMapper();
    /** A plan that exists, so that some requests get past the look-up. */
    static final String PLAN = System.getenv().getOrDefault("FUZZ_PLAN", "DEMO-2026");
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String[] ROLES = {"insured", "org", "hospital", "bureau", "insurer", "operator", "regulator", null};
    static final String[] HOSTILE = {"", " ", "\u0000", "a\u0000b", "\u0007\u001b[31m", "'; DROP TABLE plan; --",
            "../../etc/passwd", "%00", "%2e%2e%2f", "😀", "\uD800", "x".repeat(5000), "null", "-1", "1e999",
            "2101**********123X", "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}", "\r\nX-Injected: 1"};
    static final String[] DATES = {"2026-01-01", "1899-12-31", "3000-01-01", "-4800-01-01", "-999999999-01-01",
            "+999999999-12-31", "2026-02-30", "2026-13-01", "0000-00-00", "2026-1-1"};
    static final String[] INSTANTS = {"2026-01-01T10:00:00+08:00", "+999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
            "2026-01-01T25:00:00Z", "2026-01-01", "yesterday"};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        PrivateKey key = key(Path.of(args[1]));
        long seed = Long.parseLong(args[2]);
        long seconds = Long.parseLong(args[3]);
        Path report = Path.of(args[4]);
        Random random = new Random(seed);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonNode spec = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : ROLES) {
            if (role != null) {
                tokens.put(role, token(key, role));
            }
        }
        List<String[]> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next();
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    operations.add(new String[] {method, path.getKey()});
                }
            }
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int sent = 0;
        List<String> failures = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        while (System.nanoTime() < end) {
            for (String[] op : operations) {
                JsonNode operation = spec.path("paths").path(op[1]).path(op[0]);
                String role = ROLES[random.nextInt(ROLES.length)];
                String uri = base + fill(op[1], operation, random) + query(operation, random);
                HttpRequest.Builder request;
                try {
                    request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
                    if (role != null) {
                        request.header("Authorization", "Bearer " + tokens.get(role));
                    }
                    if (random.nextInt(10) == 0) {
                        request.header("Idempotency-Key", pick(random, HOSTILE));
                    }
                } catch (IllegalArgumentException notSendable) {
                    continue; // a URI or header value the HTTP client itself refuses to send
                }
                String body = null;
                JsonNode content = operation.path("requestBody").path("content");
                if (!content.isMissingNode()) {
                    String media = content.fieldNames().hasNext() ? content.fieldNames().next() : "application/json";
                    JsonNode schema = resolve(spec, content.path(media).path("schema"));
                    body = body(spec, schema, random, 0);
                    request.header("Content-Type", random.nextInt(20) == 0 ? "text/plain" : media.startsWith("multipart")
                            ? "multipart/form-data; boundary=fuzz" : "application/json");
                    if (media.startsWith("multipart")) {
                        body = "--fuzz\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + pick(random, HOSTILE)
                                + "\r\n--fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n"
                                + "Content-Type: application/pdf\r\n\r\n" + pick(random, HOSTILE) + "\r\n--fuzz--\r\n";
                    }
                    request.method(op[0].toUpperCase(), HttpRequest.BodyPublishers.ofString(body));
                } else {
                    request.method(op[0].toUpperCase(), HttpRequest.BodyPublishers.noBody());
                }
                HttpResponse<String> response;
                try {
                    response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException e) {
                    if (uri.length() > 8192) {
                        statuses.merge("closed (request line over 8 KB)", 1, Integer::sum);
                    } else {
                        failures.add(op[0].toUpperCase() + " " + abbreviate(uri) + " → no answer (" + e + ")");
                    }
                    continue;
                }
                sent++;
                int status = response.statusCode();
                statuses.merge(String.valueOf(status), 1, Integer::sum);
                boolean documented = operation.path("responses").has(String.valueOf(status));
                if (status >= 500 && status != 503 || !documented) {
                    failures.add(op[0].toUpperCase() + " " + op[1] + " as " + role + " → " + status
                            + (documented ? "" : " (undocumented)") + " | uri " + abbreviate(uri) + " | body "
                            + abbreviate(body) + " | answer " + abbreviate(response.body()));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("seed ").append(seed).append(", ").append(seconds).append(" s, ").append(operations.size())
                .append(" operations, ").append(sent).append(" requests, statuses ").append(statuses).append('\n');
        out.append(failures.size()).append(" answers outside the contract\n");
        failures.stream().distinct().limit(200).forEach(f -> out.append("  ").append(f).append('\n'));
        Files.write(report, out.toString().getBytes(StandardCharsets.UTF_8)); // a lone surrogate becomes "?"
        System.out.print(out);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    static String fill(String template, JsonNode operation, Random random) {
        StringBuilder path = new StringBuilder();
        for (String part : template.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path.append('/');
            if (part.startsWith("{")) {
                String value = switch (random.nextInt(4)) {
                    case 0 -> java.util.UUID.randomUUID().toString();
                    case 1 -> "210102199003071233";
                    case 2 -> PLAN;
                    default -> pick(random, HOSTILE);
                };
                if (value.isBlank()) {
                    value = "x"; // an empty segment is another path, not this operation
                }
                path.append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            } else {
                path.append(part);
            }
        }
        return path.toString();
    }

    static String query(JsonNode operation, Random random) {
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.path("parameters")) {
            if (!"query".equals(parameter.path("in").asText()) || random.nextInt(3) == 0) {
                continue;
            }
            String value = switch (random.nextInt(5)) {
                case 0 -> pick(random, DATES);
                case 1 -> String.valueOf(random.nextInt(3) == 0 ? -random.nextInt(1000) : random.nextInt(5000));
                case 2 -> PLAN;
                default -> pick(random, HOSTILE);
            };
            query.append(query.length() == 0 ? '?' : '&').append(parameter.path("name").asText()).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    static JsonNode resolve(JsonNode spec, JsonNode schema) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            String[] ref = schema.path("$ref").asText().replace("#/", "").split("/");
            JsonNode target = spec;
            for (String part : ref) {
                target = target.path(part);
            }
            schema = target;
        }
        return schema;
    }

    /** A body for the schema: mostly well-formed with hostile values, sometimes broken on purpose. */
    static String body(JsonNode spec, JsonNode schema, Random random, int depth) throws Exception {
        switch (random.nextInt(14)) {
            case 0:
                return "";
            case 1:
                return "{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}";
            case 2:
                return "not json";
            case 3: {
                String valid = JSON.writeValueAsString(value(spec, schema, random, 0));
                return valid.startsWith("{") && valid.length() > 2 ? valid.replaceFirst("\\{", "{\"plan\":\"A\",\"plan\":\"B\",") : valid;
            }
            case 4:
                return "[" + "{},".repeat(3000) + "{}]";
            default:
                return JSON.writeValueAsString(value(spec, schema, random, 0));
        }
    }

    static JsonNode value(JsonNode spec, JsonNode schema, Random random, int depth) {
        schema = resolve(spec, schema);
        if (depth > 6) {
            return F.nullNode();
        }
        if (random.nextInt(25) == 0) {
            return random.nextBoolean() ? F.nullNode() : F.textNode(pick(random, HOSTILE));
        }
        String type = schema.path("type").isArray() ? schema.path("type").path(0).asText() : schema.path("type").asText();
        if (schema.has("enum") && random.nextInt(4) != 0) {
            JsonNode values = schema.path("enum");
            return values.get(random.nextInt(values.size()));
        }
        String format = schema.path("format").asText();
        switch (type) {
            case "object": {
                ObjectNode object = F.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext();) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    if (random.nextInt(8) != 0) {
                        object.set(property.getKey(), value(spec, property.getValue(), random, depth + 1));
                    }
                }
                return object;
            }
            case "array": {
                ArrayNode array = F.arrayNode();
                int n = random.nextInt(10) == 0 ? 11 + random.nextInt(40) : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.add(value(spec, schema.path("items"), random, depth + 1));
                }
                return array;
            }
            case "integer":
                return switch (random.nextInt(5)) {
                    case 0 -> F.numberNode(Long.MAX_VALUE);
                    case 1 -> F.numberNode(-random.nextInt(1000));
                    case 2 -> F.numberNode(new java.math.BigDecimal("1e30"));
                    default -> F.numberNode(random.nextInt(2030));
                };
            case "number":
                return switch (random.nextInt(6)) {
                    case 0 -> F.numberNode(new java.math.BigDecimal("1E+400"));
                    case 1 -> F.numberNode(new java.math.BigDecimal("-69.00"));
                    case 2 -> F.numberNode(new java.math.BigDecimal("0.001"));
                    case 3 -> F.numberNode(new java.math.BigDecimal("99999999999999999999.99"));
                    default -> F.numberNode(new java.math.BigDecimal(random.nextInt(100000)).movePointLeft(2));
                };
            case "boolean":
                return F.booleanNode(random.nextBoolean());
            default:
                if ("date".equals(format)) {
                    return F.textNode(pick(random, DATES));
                }
                if ("date-time".equals(format)) {
                    return F.textNode(pick(random, INSTANTS));
                }
                return F.textNode(random.nextInt(3) == 0 ? "210102199003071233" : pick(random, HOSTILE));
        }
    }

    static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "-";
        }
        String flat = text.replaceAll("[\\p{Cntrl}]", "·");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    static PrivateKey key(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    static String token(PrivateKey key, String role) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        ObjectNode claims = F.objectNode().put("iss", "huimin-dev").put("sub", "fuzz-" + role).put("iat", now)
                .put("exp", now + 3600);
        claims.putArray("groups").add(role);
        switch (role) {
            case "insured" -> claims.put("id_number", "210102199003071233");
            case "org" -> claims.put("org_code", "FUZZ-ORG").put("org_type", "EMPLOYER");
            case "hospital" -> claims.put("hospital_code", "FUZZ-H");
            case "insurer" -> claims.put("insurer_code", "PICC");
            case "bureau", "regulator" -> claims.put("region", "210000");
            default -> { }
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String content = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(content.getBytes(StandardCharsets.US_ASCII));
        return content + "." + b64.encodeToString(signature.sign());
    }
}
