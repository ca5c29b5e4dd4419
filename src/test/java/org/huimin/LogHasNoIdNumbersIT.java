package org.huimin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.huimin.common.IdNumber;
import org.junit.jupiter.api.Test;

/**
 * Runs after the whole test suite (failsafe, integration-test phase) and scans the suite's log: personal data must
 * never be logged, and the suite sends thousands of ID numbers through every endpoint.
 */
class LogHasNoIdNumbersIT {

    /**
     * 18-character mainland ID numbers, not inside a longer token: region, a plausible birth date, order code and a
     * check character — and the check character must be right ({@link IdNumber#isValid}), so random 18-digit
     * numbers (a property-test seed) are not taken for one.
     */
    private static final Pattern ID_NUMBER = Pattern.compile(
            "(?<![0-9A-Za-z])[1-9]\\d{5}(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx](?![0-9A-Za-z])");

    private static boolean hasIdNumber(String line) {
        var matcher = ID_NUMBER.matcher(line);
        while (matcher.find()) {
            if (IdNumber.isValid(matcher.group())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theTestRunLogHasNoIdNumbers() throws IOException {
        List<Path> outputs;
        try (var files = Files.list(Path.of("target/surefire-reports"))) {
            outputs = files.filter(f -> f.getFileName().toString().endsWith("-output.txt")).toList();
        }
        assertThat(outputs).as("captured service logs (surefire redirectTestOutputToFile)").isNotEmpty();
        List<String> lines = new java.util.ArrayList<>();
        for (Path output : outputs) {
            lines.addAll(Files.readAllLines(output));
        }
        assertThat(lines.stream().filter(line -> line.contains("Profile test activated"))).as("service log lines").isNotEmpty();
        assertThat(lines.stream().filter(LogHasNoIdNumbersIT::hasIdNumber).limit(5).toList())
                .as("log lines with an ID number").isEmpty();
    }
}
