package org.huimin.common.web;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.huimin.common.HuiminConfig;
import org.huimin.common.Text;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What every request meets before anything reads its body or its token (API.md "Hostile input"), as the first route
 * of the HTTP router:
 * <ul>
 * <li>a body larger than its endpoint's limit is {@code 413 BODY_TOO_LARGE}, judged by {@code Content-Length} before
 * a byte of it is read (a family enrolment holds at most 10 members: 16 KB; an organisation's or the bureau's 5,000
 * entries: 2 and 4 MB; a document 10 MB; anything else 64 KB). A body without a length (chunked) could only be judged
 * by reading it, so it is refused at once with {@code 411 LENGTH_REQUIRED} — except a document upload, which streams to
 * disk and is bounded by the server's outer limit (11 MB) as it streams;
 * <li>a path or query carrying NUL or another control character (raw or percent-encoded) is {@code 400};
 * <li>an answer under {@code /api/} carries {@code Cache-Control: no-store} (personal data must not sit in caches),
 * except the public plan catalogue;
 * <li>past {@code HUIMIN_MAX_IN_FLIGHT} requests in progress, an API request is {@code 503 OVERLOADED} with
 * {@code Retry-After}, answered at once; document uploads have their own capacity ({@code HUIMIN_MAX_UPLOADS_IN_FLIGHT}),
 * so that slow uploads, which hold no database connection, neither take the other requests' places nor let the limit
 * be set only as high as they need.
 * </ul>
 */
@ApplicationScoped
public class RequestGuard {

    /** A body limit for requests whose method and path match. */
    record Limit(HttpMethod method, Pattern path, long bytes) {
    }

    static final long DEFAULT_LIMIT = 64 * 1024;
    static final List<Limit> LIMITS = List.of(
            new Limit(HttpMethod.POST, Pattern.compile("/api/v1/enrolments/?"), 16 * 1024),
            new Limit(HttpMethod.POST, Pattern.compile("/api/v1/org/enrolments/?"), 2 * 1024 * 1024),
            new Limit(HttpMethod.PUT, Pattern.compile("/api/v1/bureau/participants/?"), 4 * 1024 * 1024),
            new Limit(HttpMethod.POST, Pattern.compile("/api/v1/me/documents/?"), 10 * 1024 * 1024 + 64 * 1024));
    private static final Pattern ENCODED_CONTROL = Pattern.compile("%(?:[01][0-9a-fA-F]|7[fF])");
    private static final Pattern DOCUMENTS = Pattern.compile("/api/v1/me/documents/?");

    /**
     * Requests of one kind in progress on this instance, at most {@code max}. A place is taken atomically (two event
     * loops admitting at once cannot both get the last one) and given back when its exchange ends or breaks.
     */
    record Capacity(AtomicInteger inUse, int max) {
        Capacity(int max) {
            this(new AtomicInteger(), max);
        }

        boolean take() {
            if (inUse.incrementAndGet() > max) {
                inUse.decrementAndGet();
                return false;
            }
            return true;
        }
    }

    private final ObjectMapper json;
    /** Requests under /api/, document uploads apart. */
    private final Capacity requests;
    private final Capacity uploads;
    private final Counter shed;

    public RequestGuard(ObjectMapper json, HuiminConfig config, MeterRegistry metrics) {
        this.json = json;
        this.requests = new Capacity(config.maxInFlight());
        this.uploads = new Capacity(config.maxUploadsInFlight());
        metrics.gauge("huimin.http.in.flight", requests.inUse());
        metrics.gauge("huimin.http.uploads.in.flight", uploads.inUse());
        this.shed = metrics.counter("huimin.http.shed");
    }

    void install(@Observes Router router) {
        // Before Quarkus's body handler (RouteConstants.ROUTE_ORDER_BODY_HANDLER = MIN_VALUE + 1), which reads the whole
        // body before the next route runs: a limit checked after it would be checked after reading.
        router.route().order(Integer.MIN_VALUE).handler(this::guard);
        // The service's root is its documentation.
        router.route(HttpMethod.GET, "/").order(Integer.MIN_VALUE + 101).handler(context -> context.response()
                .setStatusCode(302).putHeader(HttpHeaders.LOCATION, "/q/swagger-ui/").end());
    }

    void guard(RoutingContext context) {
        HttpServerRequest request = context.request();
        String uri = request.uri();
        if (Text.hasControlCharacters(uri) || ENCODED_CONTROL.matcher(uri).find()) {
            refuse(context, 400, "INVALID_CHARACTERS", "The path or query contains a control character.");
            return;
        }
        if (hasBody(request.method())) {
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            String transfer = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
            if (length == null && transfer != null && !streamedToDisk(request)) {
                refuse(context, 411, "LENGTH_REQUIRED", "Send the body with a Content-Length.");
                return;
            }
            long limit = limit(request.method(), request.path());
            if (length != null && tooLong(length, limit)) {
                refuse(context, 413, "BODY_TOO_LARGE", "The body is larger than this operation accepts (" + limit + " bytes).");
                return;
            }
        }
        String path = request.path();
        if (path.startsWith("/api/") && !(request.method() == HttpMethod.GET && path.startsWith("/api/v1/plans"))) {
            context.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (path.startsWith("/api/")) {
            // Load shedding: past capacity a request is refused at once (it costs microseconds) rather than queued.
            Capacity capacity = request.method() == HttpMethod.POST && DOCUMENTS.matcher(path).matches() ? uploads : requests;
            if (!capacity.take()) {
                shed.increment();
                context.response().putHeader("Retry-After", "1");
                refuse(context, 503, "OVERLOADED", "The service is at capacity; retry after a second.");
                return;
            }
            context.addEndHandler(ended -> capacity.inUse().decrementAndGet());
        }
        context.next();
    }

    static long limit(HttpMethod method, String path) {
        for (Limit limit : LIMITS) {
            if (limit.method().equals(method) && limit.path().matcher(path).matches()) {
                return limit.bytes();
            }
        }
        return DEFAULT_LIMIT;
    }

    /**
     * A multipart upload is streamed part by part to temporary files, never held in memory, and bounded by the server's
     * outer limit as it streams: it may come chunked (many HTTP clients send multipart that way).
     */
    private static boolean streamedToDisk(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
                && "/api/v1/me/documents".equals(request.path());
    }

    private static boolean hasBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private void refuse(RoutingContext context, int status, String code, String detail) {
        String body;
        try {
            body = json.writeValueAsString(ProblemMapper.problem(status, code, detail, List.of()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // The unread body is not drained: the connection closes after the answer.
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                .putHeader(HttpHeaders.CONNECTION, "close").putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }
}
