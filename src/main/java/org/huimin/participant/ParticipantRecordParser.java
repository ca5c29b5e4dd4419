package org.huimin.participant;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.huimin.common.IdNumber;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one record of a bureau batch on its own, so that one bad record (a wrong type, a failed ID check) is
 * rejected with its index and never fails the others — which a strict typed body would do.
 */
final class ParticipantRecordParser {

    /** Either a participant or the reason the record was rejected. */
    record Result(Participant participant, String code, String message, String idNumber) {
        boolean ok() {
            return participant != null;
        }
    }

    private ParticipantRecordParser() {
    }

    static Result parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return reject("INVALID_RECORD", "record must be a JSON object", null);
        }
        String id = text(node, "idNumber");
        if (id == null) {
            return reject("INVALID_RECORD", "idNumber is required", null);
        }
        if (!IdNumber.isValid(id)) {
            return reject("INVALID_ID_NUMBER", "idNumber is not an 18-character ID number with a valid check character", id);
        }
        id = IdNumber.normalize(id);
        String name = text(node, "name");
        if (name == null || name.isBlank() || name.length() > 100) {
            return reject("INVALID_RECORD", "name is required (at most 100 characters)", id);
        }
        String county = text(node, "countyCode");
        if (county == null || !county.matches("\\d{6}")) {
            return reject("INVALID_RECORD", "countyCode must be a 6-digit administrative division code", id);
        }
        Participant.InsuranceType type = enumValue(Participant.InsuranceType.class, text(node, "insuranceType"));
        if (type == null) {
            return reject("INVALID_RECORD", "insuranceType must be EMPLOYEE or RESIDENT", id);
        }
        Participant.Status status = enumValue(Participant.Status.class, text(node, "status"));
        if (status == null) {
            return reject("INVALID_RECORD", "status must be ACTIVE, SUSPENDED or TERMINATED", id);
        }
        LocalDate benefitsFrom = null;
        JsonNode from = node.get("basicBenefitsFrom");
        if (from != null && !from.isNull()) {
            try {
                benefitsFrom = from.isTextual() ? LocalDate.parse(from.textValue()) : null;
            } catch (DateTimeParseException e) {
                benefitsFrom = null;
            }
            if (benefitsFrom == null) {
                return reject("INVALID_RECORD", "basicBenefitsFrom must be a date YYYY-MM-DD", id);
            }
        }
        JsonNode lowIncome = node.get("lowIncome");
        if (lowIncome != null && !lowIncome.isNull() && !lowIncome.isBoolean()) {
            return reject("INVALID_RECORD", "lowIncome must be true or false", id);
        }
        JsonNode seq = node.get("seq");
        if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 0) {
            return reject("INVALID_RECORD", "seq must be a non-negative integer", id);
        }
        return new Result(new Participant(id, name.strip(), county, type, status, benefitsFrom,
                lowIncome != null && lowIncome.booleanValue(), seq.longValue()), null, null, id);
    }

    private static Result reject(String code, String message, String id) {
        return new Result(null, code, message, id);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
