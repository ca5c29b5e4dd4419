package org.huimin.enrolment;

/** Why an enrolment (or one member of it) is refused: HTTP status, machine code, human message. */
public record Refusal(int status, String code, String message) {

    static Refusal unprocessable(String code, String message) {
        return new Refusal(422, code, message);
    }
}
