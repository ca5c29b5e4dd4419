package org.huimin.common.web;

/** Example payloads shared by the OpenAPI annotations of several resources. */
public final class ApiDocs {

    public static final String PROBLEM_401 = """
            {"type":"https://huimin.org/problems/unauthenticated","title":"Unauthorized","status":401,
             "detail":"A valid bearer token is required.","code":"UNAUTHENTICATED"}""";
    public static final String PROBLEM_403 = """
            {"type":"https://huimin.org/problems/forbidden","title":"Forbidden","status":403,
             "detail":"This token's role may not use this operation.","code":"FORBIDDEN"}""";
    public static final String PROBLEM_400 = """
            {"type":"https://huimin.org/problems/validation-failed","title":"Bad Request","status":400,
             "detail":"The request has invalid fields.","code":"VALIDATION_FAILED",
             "errors":[{"field":"premium","message":"must be a non-negative CNY amount with at most two decimals"}]}""";
    public static final String PROBLEM_JSON = ProblemMapper.PROBLEM_JSON;

    private ApiDocs() {
    }
}
