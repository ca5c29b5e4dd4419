package org.huimin.participant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.audit.AuditLog;
import org.huimin.common.IdNumber;
import org.huimin.common.db.Transactions;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ParticipantService {

    private final Transactions transactions;
    private final ParticipantRepository participants;
    private final AuditLog audit;

    public ParticipantService(Transactions transactions, ParticipantRepository participants, AuditLog audit) {
        this.transactions = transactions;
        this.participants = participants;
        this.audit = audit;
    }

    /**
     * @param regionPrefix the county-code prefix the bureau token acts for ({@link org.huimin.common.Region#prefix});
     *                     a record whose county lies outside it is rejected with {@code OUT_OF_REGION}, the others go on
     */
    public Uni<BatchResult> upsert(List<JsonNode> records, String regionPrefix) {
        List<BatchResult.Rejected> rejected = new ArrayList<>();
        // Within one batch the highest seq per person wins; the others are stale, exactly as if sent one by one.
        Map<String, Participant> latest = new HashMap<>();
        int duplicates = 0;
        for (int i = 0; i < records.size(); i++) {
            ParticipantRecordParser.Result result = ParticipantRecordParser.parse(records.get(i));
            if (!result.ok()) {
                rejected.add(new BatchResult.Rejected(i, IdNumber.mask(result.idNumber()), result.code(), result.message()));
                continue;
            }
            Participant record = result.participant();
            if (!record.countyCode().startsWith(regionPrefix)) {
                rejected.add(new BatchResult.Rejected(i, IdNumber.mask(record.idNumber()), "OUT_OF_REGION",
                        "countyCode " + record.countyCode() + " is outside the region this token acts for"));
                continue;
            }
            Participant kept = latest.get(record.idNumber());
            if (kept != null) {
                duplicates++;
                if (kept.seq() >= record.seq()) {
                    continue;
                }
            }
            latest.put(record.idNumber(), record);
        }
        List<Participant> valid = new ArrayList<>(latest.values());
        valid.sort(Comparator.comparing(Participant::idNumber));
        int inBatchStale = duplicates;
        Uni<BatchResult> result = valid.isEmpty() ? Uni.createFrom().item(new BatchResult(0, inBatchStale, rejected))
                : transactions.read(client -> participants.upsert(client, valid))
                        .map(applied -> new BatchResult(applied, valid.size() - applied + inBatchStale, rejected));
        return result.call(batch -> audit.read("PARTICIPANTS_UPSERT", null, null,
                "applied=" + batch.applied() + " stale=" + batch.stale() + " rejected=" + batch.rejected().size()));
    }
}
