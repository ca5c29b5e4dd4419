package org.huimin.reimbursement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.huimin.common.HuiminConfig;
import org.huimin.common.Offload;
import org.huimin.common.db.Transactions;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Where documents' bytes live: any S3-compatible object store ({@code HUIMIN_DOCUMENTS_*}: MinIO, Alibaba OSS, Tencent
 * COS, Huawei OBS, path-style), written straight from the uploaded temporary file (never held whole in memory) by the
 * synchronous client on a worker thread. Without an endpoint configured — a trial of the packaged jar — they are kept
 * in PostgreSQL instead, with a warning at start; production configures the store.
 */
@ApplicationScoped
public class DocumentStorage {

    private static final Logger LOG = Logger.getLogger(DocumentStorage.class);

    private final HuiminConfig.Documents config;
    private final Transactions transactions;
    private final DocumentContentRepository contents;
    private S3Client client;

    public DocumentStorage(HuiminConfig config, Transactions transactions, DocumentContentRepository contents) {
        this.config = config.documents();
        this.transactions = transactions;
        this.contents = contents;
        if (this.config.endpoint().isEmpty()) {
            LOG.warn("HUIMIN_DOCUMENTS_ENDPOINT is not set: documents are kept in PostgreSQL (for trials only)");
        }
    }

    public boolean objectStore() {
        return config.endpoint().isPresent();
    }

    public Uni<Void> put(UUID id, String key, Path file, String contentType, long size) {
        if (!objectStore()) {
            return Offload.blocking(() -> read(file)).chain(bytes -> transactions.read(db -> contents.insert(db, id, bytes)));
        }
        return Offload.blocking(() -> {
            s3().putObject(PutObjectRequest.builder().bucket(config.bucket()).key(key).contentType(contentType)
                    .contentLength(size).build(), RequestBody.fromFile(file));
            return null;
        }).onFailure(software.amazon.awssdk.core.exception.SdkException.class).transform(DocumentStorage::unavailable)
                .replaceWithVoid();
    }

    public Uni<byte[]> get(UUID id, String key) {
        if (!objectStore()) {
            return transactions.read(db -> contents.find(db, id));
        }
        return Offload.blocking(() -> s3().getObjectAsBytes(GetObjectRequest.builder().bucket(config.bucket()).key(key)
                .build()).asByteArray())
                .onFailure(software.amazon.awssdk.core.exception.SdkException.class).transform(DocumentStorage::unavailable);
    }

    /** The object store failed or is unreachable: the client may retry later; nothing was recorded. */
    private static Throwable unavailable(Throwable failure) {
        LOG.warnf("Object store failure: %s", failure.getMessage());
        return org.huimin.common.Refusal.of(org.huimin.common.Refusal.Kind.UNAVAILABLE, "DOCUMENT_STORE_UNAVAILABLE",
                "Documents cannot be stored or read right now; try again shortly.").refused();
    }

    private synchronized S3Client s3() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(URI.create(config.endpoint().orElseThrow()))
                    .region(Region.of(config.region()))
                    .forcePathStyle(true)
                    .credentialsProvider(config.accessKey().isPresent() && config.secretKey().isPresent()
                            ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey().get(),
                                    config.secretKey().get()))
                            : DefaultCredentialsProvider.builder().build())
                    .httpClient(UrlConnectionHttpClient.create())
                    // Plain payload signing and no trailing checksums: what every S3-compatible store understands (the
                    // SDK's newer defaults, aws-chunked with CRC trailers, are refused by MinIO, OSS and s3proxy).
                    .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                    .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                            .chunkedEncodingEnabled(false).build())
                    .build();
        }
        return client;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
