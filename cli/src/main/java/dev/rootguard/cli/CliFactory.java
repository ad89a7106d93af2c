package dev.rootguard.cli;

import java.lang.reflect.Constructor;
import java.time.Clock;
import java.util.Objects;
import picocli.CommandLine;

/**
 * The picocli factory of the {@code rootguard} command line: creates each command, mixin and
 * converter, handing the run's {@link Clock} to every class whose constructor takes one
 * (constructor injection), so no command reads time from a mutable static. Classes without such a
 * constructor come from picocli's default factory.
 *
 * <pre>{@code
 * CommandLine cl = new CommandLine(root, new CliFactory(Clock.systemUTC()));
 * }</pre>
 *
 * <p>Thread-safe (immutable); the objects it creates are not shared.
 */
final class CliFactory implements CommandLine.IFactory {
  private final Clock clock;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  CliFactory(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Constructor<K> withClock;
    try {
      withClock = cls.getDeclaredConstructor(Clock.class);
    } catch (NoSuchMethodException e) {
      return fallback.create(cls);
    }
    withClock.setAccessible(true);
    return withClock.newInstance(clock);
  }
}
