package org.huimin.participant;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Bureau records: the person's basic-insurance standing, benefit periods and family bindings (as {@code jsonb}). */
@ApplicationScoped
public class ParticipantRepository {

    private static final String COLUMNS = "id_number, name, county_code, insurance_type, status, basic_benefits_from, "
            + "low_income, seq, benefit_periods::text, family_bindings::text";
    private static final TypeReference<List<Participant.BenefitPeriod>> PERIODS = new TypeReference<>() {
    };
    private static final TypeReference<List<Participant.FamilyBinding>> BINDINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public ParticipantRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Upserts a batch in one statement: {@code unnest} turns the column arrays into rows, and the {@code WHERE} of
     * {@code ON CONFLICT DO UPDATE} keeps a stored record whose {@code seq} is not lower — so out-of-order and repeated
     * updates change nothing, even when two batches touch the same person at once (the conflicting row is locked and the
     * condition re-checked against the committed version). A record that carries benefit periods or family bindings
     * replaces the stored ones; one that does not keeps them. The caller sorts the records by ID number so that two
     * concurrent batches lock rows in the same order and cannot deadlock.
     *
     * @return how many records were inserted or updated
     */
    public Uni<Integer> upsert(SqlClient client, List<Participant> records) {
        int n = records.size();
        String[] ids = new String[n];
        String[] names = new String[n];
        String[] counties = new String[n];
        String[] types = new String[n];
        String[] statuses = new String[n];
        LocalDate[] from = new LocalDate[n];
        Boolean[] lowIncome = new Boolean[n];
        Long[] seqs = new Long[n];
        String[] periods = new String[n];
        String[] bindings = new String[n];
        for (int i = 0; i < n; i++) {
            Participant p = records.get(i);
            ids[i] = p.idNumber();
            names[i] = p.name();
            counties[i] = p.countyCode();
            types[i] = p.insuranceType().name();
            statuses[i] = p.status().name();
            from[i] = p.basicBenefitsFrom();
            lowIncome[i] = p.lowIncome();
            seqs[i] = p.seq();
            periods[i] = p.benefitPeriods() == null ? null : write(p.benefitPeriods());
            bindings[i] = p.familyBindings() == null ? null : write(p.familyBindings());
        }
        return client.preparedQuery("""
                INSERT INTO participant (id_number, name, county_code, insurance_type, status, basic_benefits_from,
                                         low_income, seq, benefit_periods, family_bindings)
                SELECT r.id, r.name, r.county, r.type, r.status, r.from, r.low, r.seq, r.periods::jsonb, r.bindings::jsonb
                  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::boolean[],
                              $8::bigint[], $9::text[], $10::text[])
                       AS r(id, name, county, type, status, "from", low, seq, periods, bindings)
                ON CONFLICT (id_number) DO UPDATE
                   SET name = EXCLUDED.name, county_code = EXCLUDED.county_code,
                       insurance_type = EXCLUDED.insurance_type, status = EXCLUDED.status,
                       basic_benefits_from = EXCLUDED.basic_benefits_from, low_income = EXCLUDED.low_income,
                       seq = EXCLUDED.seq, updated_at = now(),
                       benefit_periods = coalesce(EXCLUDED.benefit_periods, participant.benefit_periods),
                       family_bindings = coalesce(EXCLUDED.family_bindings, participant.family_bindings)
                 WHERE participant.seq < EXCLUDED.seq""")
                .execute(Tuple.tuple().addValue(ids).addValue(names).addValue(counties).addValue(types)
                        .addValue(statuses).addValue(from).addValue(lowIncome).addValue(seqs).addValue(periods)
                        .addValue(bindings))
                .map(rows -> rows.rowCount());
    }

    public Uni<Map<String, Participant>> findAll(SqlClient client, Collection<String> idNumbers) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM participant WHERE id_number = ANY($1::bpchar[])")
                .execute(Tuple.of(idNumbers.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Participant> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("id_number"), toParticipant(row)));
                    return found;
                });
    }

    public Uni<Participant> find(SqlClient client, String idNumber) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM participant WHERE id_number = $1")
                .execute(Tuple.of(idNumber))
                .map(rows -> rows.rowCount() == 0 ? null : toParticipant(rows.iterator().next()));
    }

    private Participant toParticipant(Row row) {
        return new Participant(row.getString(0), row.getString(1), row.getString(2),
                Participant.InsuranceType.valueOf(row.getString(3)), Participant.Status.valueOf(row.getString(4)),
                row.getLocalDate(5), row.getBoolean(6), row.getLong(7), read(row.getString(8), PERIODS),
                read(row.getString(9), BINDINGS));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> List<T> read(String text, TypeReference<List<T>> type) {
        if (text == null) {
            return null;
        }
        try {
            return new ArrayList<>(json.readValue(text, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored participant data is unreadable", e);
        }
    }
}
