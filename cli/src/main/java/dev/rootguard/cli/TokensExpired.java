package dev.rootguard.cli;

import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code rootguard tokens expired}: the tokens whose validity has ended (exit 1 if any). */
@Command(
    name = "expired",
    mixinStandardHelpOptions = true,
    description = "List tokens whose validity has ended (exit 1 if any).")
final class TokensExpired extends TokensSubcommand {
  private final Clock clock;

  TokensExpired(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    List<String> ended = openStore().tokens().expiredAt(clock.instant());
    ended.forEach(out()::println);
    out().flush();
    return ended.isEmpty() ? 0 : RootGuardCli.EXIT_VERDICT;
  }
}
