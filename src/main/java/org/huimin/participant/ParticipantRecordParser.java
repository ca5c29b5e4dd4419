package org.huimin.participant;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.huimin.common.IdNumber;
import org.huimin.common.Text;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one record of a bureau batch on its own, so that one bad record (a wrong type, a failed ID check, a NUL in a
 * name, overlapping periods) is rejected with its index and never fails the others — which a strict typed body would do.
 */
final class ParticipantRecordParser {

    /** Either a participant or the reason the record was rejected. */
    record Result(Participant participant, String code, String message, String idNumber) {
        boolean ok() {
            return participant != null;
        }
    }

    private static final int MAX_PERIODS = 100;
    private static final int MAX_BINDINGS = 50;

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
            return reject("INVALID_ID_NUMBER", "idNumber is not an 18-character ID number with a valid check character "
                    + "and birth date", id.length() == 18 && !Text.hasControlCharacters(id) ? id : null);
        }
        id = IdNumber.normalize(id);
        String name = text(node, "name");
        if (name == null || name.isBlank() || name.length() > 100 || Text.hasControlCharacters(name)) {
            return reject("INVALID_RECORD", "name is required (at most 100 characters, no control characters)", id);
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
            benefitsFrom = date(from);
            if (benefitsFrom == null) {
                return reject("INVALID_RECORD", "basicBenefitsFrom must be a date YYYY-MM-DD within 1900..2999", id);
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
        List<Participant.BenefitPeriod> periods = null;
        JsonNode periodsNode = node.get("benefitPeriods");
        if (periodsNode != null && !periodsNode.isNull()) {
            if (!periodsNode.isArray() || periodsNode.size() > MAX_PERIODS) {
                return reject("INVALID_RECORD", "benefitPeriods must be a list of at most " + MAX_PERIODS + " periods", id);
            }
            periods = new ArrayList<>();
            for (JsonNode period : periodsNode) {
                LocalDate start = period.isObject() ? date(period.get("from")) : null;
                JsonNode endNode = period.isObject() ? period.get("to") : null;
                LocalDate end = endNode == null || endNode.isNull() ? null : date(endNode);
                if (start == null || (endNode != null && !endNode.isNull() && end == null)) {
                    return reject("INVALID_PERIODS", "each period needs from (and to, or null) as dates YYYY-MM-DD", id);
                }
                periods.add(new Participant.BenefitPeriod(start, end));
            }
            Optional<String> wrong = ParticipantRules.periods(periods);
            if (wrong.isPresent()) {
                return reject("INVALID_PERIODS", wrong.get(), id);
            }
        }
        List<Participant.FamilyBinding> bindings = List.of();
        JsonNode bindingsNode = node.get("familyBindings");
        if (bindingsNode != null && !bindingsNode.isNull()) {
            if (!bindingsNode.isArray() || bindingsNode.size() > MAX_BINDINGS) {
                return reject("INVALID_RECORD", "familyBindings must be a list of at most " + MAX_BINDINGS + " bindings", id);
            }
            if (type != Participant.InsuranceType.EMPLOYEE && !bindingsNode.isEmpty()) {
                return reject("INVALID_RECORD", "familyBindings belong to an EMPLOYEE's personal account", id);
            }
            bindings = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode binding : bindingsNode) {
                String bound = binding.isObject() ? text(binding, "idNumber") : null;
                Participant.BoundRelation relation = binding.isObject()
                        ? enumValue(Participant.BoundRelation.class, text(binding, "relation")) : null;
                if (bound == null || !IdNumber.isValid(bound) || relation == null) {
                    return reject("INVALID_RECORD", "each family binding needs a valid idNumber and a relation SPOUSE, "
                            + "CHILD or PARENT", id);
                }
                bound = IdNumber.normalize(bound);
                if (bound.equals(id) || !seen.add(bound)) {
                    return reject("INVALID_RECORD", "a family binding names the employee or the same person twice", id);
                }
                bindings.add(new Participant.FamilyBinding(bound, relation));
            }
        }
        return new Result(new Participant(id, name.strip(), county, type, status, benefitsFrom,
                lowIncome != null && lowIncome.booleanValue(), seq.longValue(), periods,
                bindingsNode == null || bindingsNode.isNull() ? null : bindings), null, null, id);
    }

    private static Result reject(String code, String message, String id) {
        return new Result(null, code, message, id);
    }

    private static LocalDate date(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.textValue());
            return Text.dateInRange(date) ? date : null;
        } catch (DateTimeParseException e) {
            return null;
        }
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
