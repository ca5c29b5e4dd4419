// Signs one insured-person token per input line (an ID number first), with the dev key the load-test service trusts.
// Run with the service's classes and test dependencies on the class path (see tools_classpath in lib.sh).
// Signing is RS256 (a few hundred microseconds each): lines are signed in parallel, output keeps their order.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.huimin.devtools.TokenSigner;

public class TokenBatch {
    public static void main(String[] args) throws Exception {
        TokenSigner signer = TokenSigner.fromPem(Path.of(args[0]), TokenSigner.DEV_ISSUER);
        List<String> lines = new BufferedReader(new InputStreamReader(System.in)).lines().map(String::trim).toList();
        System.out.print(lines.parallelStream().map(line -> {
            String payer = line.split("\\s+")[0];
            return line + ' ' + signer.sign("lt-" + java.util.UUID.nameUUIDFromBytes(payer.getBytes()), "insured",
                    Map.of("id_number", payer)) + '\n';
        }).collect(Collectors.joining()));
    }
}
