package org.huimin.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The SHA-256 of a request's contract fields written in a fixed order: what "the same request" means for an
 * {@code Idempotency-Key} or a settlement ID. Written field by field, not by serialising a Java record, so that a
 * field added to a record (or to the contract, written only when present) does not change the fingerprint of a
 * request made before a deployment and retried after it. The layout equals what the first release stored.
 */
public final class Fingerprint {

    private static final JsonFactory JSON = new JsonFactory();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final JsonGenerator out;

    private Fingerprint() {
        try {
            out = JSON.createGenerator(bytes);
            out.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            out.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Fingerprint of() {
        return new Fingerprint();
    }

    /** A text, number, date, boolean or enum field; null is written as null. */
    public Fingerprint field(String name, Object value) {
        try {
            out.writeFieldName(name);
            value(value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field written only when present: what a field added after the first release must use. */
    public Fingerprint optional(String name, Object value) {
        return value == null ? this : field(name, value);
    }

    /** An array of objects, each written by {@code element}. */
    public <T> Fingerprint objects(String name, List<T> values, BiConsumer<Fingerprint, T> element) {
        try {
            out.writeFieldName(name);
            out.writeStartArray();
            for (T value : values) {
                out.writeStartObject();
                element.accept(this, value);
                out.writeEndObject();
            }
            out.writeEndArray();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String sha256() {
        return sha256(finish());
    }

    /** The canonical JSON text itself (for a body that must be the same bytes on every attempt). */
    public String text() {
        return new String(finish(), StandardCharsets.UTF_8);
    }

    /** Canonical JSON of the fields {@code writer} writes. */
    public static String json(java.util.function.Consumer<Fingerprint> writer) {
        Fingerprint fingerprint = of();
        writer.accept(fingerprint);
        return fingerprint.text();
    }

    private byte[] finish() {
        try {
            out.writeEndObject();
            out.close();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void value(Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof BigDecimal number) {
            out.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Integer number) {
            out.writeNumber(number);
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof Enum<?> constant) {
            out.writeString(constant.name());
        } else if (value instanceof LocalDate date) {
            out.writeString(date.toString());
        } else {
            out.writeString(value.toString());
        }
    }
}
