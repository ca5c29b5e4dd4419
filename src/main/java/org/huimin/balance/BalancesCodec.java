package org.huimin.balance;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.plan.LiabilityCode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads and writes the {@code jsonb} balance maps of a policy and the consumption of a settlement. */
@ApplicationScoped
public class BalancesCodec {

    private static final TypeReference<LinkedHashMap<String, BigDecimal>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public BalancesCodec(ObjectMapper json) {
        this.json = json;
    }

    public Balances balances(String deductiblesUsed, String capsUsed) {
        return new Balances(read(deductiblesUsed), liabilities(read(capsUsed)));
    }

    public String write(Map<?, BigDecimal> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, BigDecimal> read(String text) {
        if (text == null || text.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored balances are unreadable", e);
        }
    }

    public static Map<LiabilityCode, BigDecimal> liabilities(Map<String, BigDecimal> byName) {
        Map<LiabilityCode, BigDecimal> caps = new LinkedHashMap<>();
        byName.forEach((name, amount) -> caps.put(LiabilityCode.valueOf(name), amount));
        return caps;
    }
}
