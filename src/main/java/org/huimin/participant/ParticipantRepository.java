package org.huimin.participant;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ParticipantRepository {

    public static final String COLUMNS = "id_number, name, county_code, insurance_type, status, basic_benefits_from, low_income, seq";

    @Inject
    Pool pool;

    /**
     * Upserts a batch in one statement: {@code unnest} turns the column arrays into rows, and the {@code WHERE} of
     * {@code ON CONFLICT DO UPDATE} keeps a stored record whose {@code seq} is not lower — so out-of-order and
     * repeated updates change nothing, even when two batches touch the same person at once (the conflicting row is
     * locked and the condition re-checked against the committed version). The caller sorts the records by ID
     * number so that two concurrent batches lock rows in the same order and cannot deadlock.
     *
     * @return how many records were inserted or updated
     */
    public Uni<Integer> upsert(List<Participant> records) {
        int n = records.size();
        String[] ids = new String[n];
        String[] names = new String[n];
        String[] counties = new String[n];
        String[] types = new String[n];
        String[] statuses = new String[n];
        LocalDate[] from = new LocalDate[n];
        Boolean[] lowIncome = new Boolean[n];
        Long[] seqs = new Long[n];
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
        }
        return pool.preparedQuery("""
                INSERT INTO participant (id_number, name, county_code, insurance_type, status, basic_benefits_from,
                                         low_income, seq)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[],
                                     $7::boolean[], $8::bigint[])
                ON CONFLICT (id_number) DO UPDATE
                   SET name = EXCLUDED.name, county_code = EXCLUDED.county_code,
                       insurance_type = EXCLUDED.insurance_type, status = EXCLUDED.status,
                       basic_benefits_from = EXCLUDED.basic_benefits_from, low_income = EXCLUDED.low_income,
                       seq = EXCLUDED.seq, updated_at = now()
                 WHERE participant.seq < EXCLUDED.seq""")
                .execute(Tuple.tuple().addValue(ids).addValue(names).addValue(counties).addValue(types)
                        .addValue(statuses).addValue(from).addValue(lowIncome).addValue(seqs))
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
        return findAll(client, List.of(idNumber)).map(found -> found.get(idNumber));
    }

    public static Participant toParticipant(Row row) {
        return new Participant(row.getString("id_number"), row.getString("name"), row.getString("county_code"),
                Participant.InsuranceType.valueOf(row.getString("insurance_type")),
                Participant.Status.valueOf(row.getString("status")), row.getLocalDate("basic_benefits_from"),
                row.getBoolean("low_income"), row.getLong("seq"));
    }
}
