package org.huimin.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A page of a list that can grow (API.md "Conventions"): {@code {"items": […], "next": "…"|null}}. The cursor is opaque
 * to clients: the position after the last item, in the list's order (an instant and an id), base64url-encoded.
 */
public record Page<T>(List<T> items, String next) {

    /** A position in a list ordered by (instant, id). */
    public record Position(Instant at, UUID id) {
    }

    /** The page of {@code limit} items from a read of {@code limit + 1}: the extra item only says there is more. */
    public static <T> Page<T> of(List<T> read, int limit, java.util.function.Function<T, Position> position) {
        if (read.size() <= limit) {
            return new Page<>(List.copyOf(read), null);
        }
        List<T> items = List.copyOf(read.subList(0, limit));
        return new Page<>(items, encode(position.apply(items.get(limit - 1))));
    }

    public static String encode(Position position) {
        String raw = position.at().getEpochSecond() + "." + position.at().getNano() + "." + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a cursor names, or null for the first page; a cursor that is not one of ours is {@code 400}. */
    public static Position decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\.");
            return new Position(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw Refused.invalidField("cursor", "is not a cursor this list gave out");
        }
    }
}
