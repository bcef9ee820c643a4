package dev.tollgate.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash drill's short form, run by CI against the packaged jar: three kill -9s of the server
 * and one immediate stop of its PostgreSQL while clients settle; nothing acknowledged is lost,
 * nothing is charged twice, and the ledger reconciles. The long form is {@code reliability/crash-test.sh}.
 */
class CrashDrillJarIT {
  private final Path jar = Path.of(System.getProperty("tollgate.jar", "target/tollgate.jar"));

  @Test
  void acknowledgedSettlesSurviveKillNineAndAnImmediatePostgresStopExactlyOnce(@TempDir Path work) throws Exception {
    CrashDrill.Result result = CrashDrill.run(new CrashDrill.Plan(jar, work, 3, 1, 8, 10, 2_000, 5_000, 20261122L));
    result.lines().forEach(System.out::println);

    assertThat(result.serverKills()).isEqualTo(3);
    assertThat(result.postgresStops()).isEqualTo(1);
    assertThat(result.refused()).as("no settle of a valid event is refused").isZero();
    assertThat(result.figures().acknowledged()).isPositive();
    assertThat(result.figures().lost()).as("acknowledged but not in the usage log").isZero();
    assertThat(result.figures().doubleCharged()).isZero();
    assertThat(result.figures().recordedNotAcknowledged()).as("every request was retried until acknowledged").isZero();
    assertThat(result.figures().charged()).isEqualByComparingTo(result.figures().expectedCharges());
    assertThat(result.figures().reconciled()).isTrue();
  }
}
