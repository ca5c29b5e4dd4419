package org.huimin.support;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.response.ValidatableResponse;

/** Online claims for the tests: documents of each kind (real magic bytes), claim bodies, submission. */
public final class Claims {

    /** The first bytes of a PDF, a JPEG and a PNG, then filler. */
    public static final byte[] PDF = bytes("%PDF-1.7\n", 2048);
    public static final byte[] JPEG = bytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 2048);
    public static final byte[] PNG = bytes(new byte[] {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A}, 2048);

    private Claims() {
    }

    private static byte[] bytes(String head, int size) {
        return bytes(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII), size);
    }

    private static byte[] bytes(byte[] head, int size) {
        byte[] out = new byte[size];
        System.arraycopy(head, 0, out, 0, head.length);
        for (int i = head.length; i < size; i++) {
            out[i] = (byte) (i * 31);
        }
        return out;
    }

    public static ValidatableResponse upload(String uploader, String type, byte[] content, String fileName) {
        return given().auth().oauth2(Tokens.insured(uploader)).multiPart("type", type)
                .multiPart("file", fileName, content, "application/octet-stream").post("/api/v1/me/documents").then();
    }

    /** The three documents an inpatient claim needs, uploaded by {@code uploader}: their IDs. */
    public static List<String> inpatientDocuments(String uploader) {
        return List.of(upload(uploader, "INVOICE", PDF, "invoice.pdf").statusCode(201).extract().path("documentId"),
                upload(uploader, "SETTLEMENT_SHEET", JPEG, "sheet.jpg").statusCode(201).extract().path("documentId"),
                upload(uploader, "DISCHARGE_SUMMARY", PNG, "summary.png").statusCode(201).extract().path("documentId"));
    }

    /** An inpatient claim (the amounts add up: 60,000 + 10,000 + in + out + over). */
    public static Map<String, Object> claim(String idNumber, String payee, LocalDate admission, String inPolicy,
            String outOfPolicy, String basicSettlementId, List<String> documents) {
        Map<String, Object> body = new LinkedHashMap<>(Api.settlement("x", idNumber, admission.toString(), inPolicy,
                outOfPolicy, "0.00"));
        body.remove("settlementId");
        body.put("hospitalName", "北京协和医院");
        body.put("hospitalCode", null);
        body.put("offsite", true);
        body.put("basicSettlementId", basicSettlementId);
        body.put("payee", Map.of("name", payee, "bank", "中国银行", "account", "6216 6100 0000 0000 123"));
        body.put("documents", documents);
        return body;
    }

    public static ValidatableResponse submit(String claimant, Map<String, Object> body) {
        return Api.as(Tokens.insured(claimant)).body(body).post("/api/v1/me/reimbursements").then();
    }

    public static ValidatableResponse decide(String reviewer, String id, Map<String, Object> decision) {
        return Api.as(Tokens.reviewer("PICC", reviewer)).body(decision).post("/api/v1/insurer/reimbursements/" + id + "/decision").then();
    }
}
