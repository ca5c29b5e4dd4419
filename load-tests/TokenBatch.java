// Signs one insured-person token per input line (an ID number), with the dev key the load-test service trusts.
// Run with the packaged app on the class path (see run.sh): java -cp <app classpath> TokenBatch.java KEY < ids
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.Map;

import org.huimin.devtools.TokenSigner;

public class TokenBatch {
    public static void main(String[] args) throws Exception {
        TokenSigner signer = TokenSigner.fromPem(Path.of(args[0]), TokenSigner.DEV_ISSUER);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringBuilder out = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
            String[] ids = line.trim().split("\\s+");
            out.append(line.trim()).append(' ')
               .append(signer.sign("lt-" + java.util.UUID.nameUUIDFromBytes(ids[0].getBytes()), "insured",
                       Map.of("id_number", ids[0]))).append('\n');
        }
        System.out.print(out);
    }
}
