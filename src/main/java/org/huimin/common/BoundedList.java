package org.huimin.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads a JSON array into a list of at most its {@code @Size(max)} + 1 elements and steps over the rest without
 * building them. The one element past the limit is enough for the {@link SizeFirst} check to refuse the list by its
 * number ("at most 5000"), the answer a client gets either way; what it saves is the service building 600,000 empty
 * members (or 1.3 million JSON nodes for a bureau batch) that fit in the body limit only to be thrown away — that
 * took a cold instance two seconds of an event-loop thread (hostile.sh). The skipped part is still tokenised, so it
 * must still be well-formed JSON, with no repeated keys.
 * <p>
 * Put on a {@code List} property beside its {@code @Size}: {@code @JsonDeserialize(using = BoundedList.class)}.
 */
public final class BoundedList extends StdDeserializer<List<Object>> implements ContextualDeserializer {

    private final transient JsonDeserializer<Object> elements;
    private final int keep;

    public BoundedList() {
        this(null, Integer.MAX_VALUE);
    }

    private BoundedList(JsonDeserializer<Object> elements, int keep) {
        super(List.class);
        this.elements = elements;
        this.keep = keep;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        JavaType type = property != null ? property.getType() : context.getContextualType();
        JavaType element = type.getContentType();
        if (element == null) {
            return context.reportBadDefinition(type, "BoundedList is for a List property");
        }
        Size size = property == null ? null : property.getAnnotation(Size.class);
        int keep = size == null || size.max() == Integer.MAX_VALUE ? Integer.MAX_VALUE : size.max() + 1;
        return new BoundedList(context.findContextualValueDeserializer(element, property), keep);
    }

    @Override
    public List<Object> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.isExpectedStartArrayToken()) {
            @SuppressWarnings("unchecked")
            List<Object> never = (List<Object>) context.handleUnexpectedToken(List.class, parser);
            return never;
        }
        List<Object> list = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (list.size() >= keep) {
                parser.skipChildren(); // an object or array is passed over whole; a scalar is already passed
            } else {
                try {
                    list.add(token == JsonToken.VALUE_NULL ? elements.getNullValue(context) : elements.deserialize(parser, context));
                } catch (IOException e) { // the index in the path, as Jackson's own list reader gives it: members[3].consent
                    throw JsonMappingException.wrapWithPath(e, list, list.size());
                }
            }
        }
        return list;
    }
}
