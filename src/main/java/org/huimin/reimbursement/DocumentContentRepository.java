package org.huimin.reimbursement;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Document bytes in PostgreSQL, for a run without an object store (DocumentStorage). */
@ApplicationScoped
public class DocumentContentRepository {

    public Uni<Void> insert(SqlClient client, UUID documentId, byte[] content) {
        return client.preparedQuery("INSERT INTO document_content (document_id, content) VALUES ($1, $2)")
                .execute(Tuple.of(documentId, Buffer.buffer(content))).replaceWithVoid();
    }

    public Uni<byte[]> find(SqlClient client, UUID documentId) {
        return client.preparedQuery("SELECT content FROM document_content WHERE document_id = $1")
                .execute(Tuple.of(documentId))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getBuffer(0).getBytes());
    }
}
