package dev.rootguard.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One fact about an account's root user: either {@link Known} with its value, or {@link Unknown}
 * with the reason it could not be read (no public API, missing permission, not collected). Controls
 * never guess: an unknown fact yields an UNKNOWN or MANUAL finding, never a PASS.
 *
 * <pre>{@code
 * Fact<Boolean> mfa = Fact.known(true, Source.of("iam:GetAccountSummary", now));
 * Fact<Boolean> billing = Fact.unknown("no public API reads this setting", Source.of("none", now));
 * if (mfa instanceof Fact.Known<Boolean> k && k.value()) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe when the value is.
 *
 * @param <T> the value's type; values are immutable
 * @since 0.1.0
 */
public sealed interface Fact<T> permits Fact.Known, Fact.Unknown {

  /**
   * Returns where the fact came from (or where it was looked for).
   *
   * @return the source
   */
  Source source();

  /**
   * Returns the value if known.
   *
   * @return the value, or empty when unknown
   */
  Optional<T> value();

  /**
   * Returns whether the fact is known.
   *
   * @return true for {@link Known}
   */
  default boolean isKnown() {
    return this instanceof Known;
  }

  /**
   * Maps a known value, keeping the source; an unknown fact stays unknown.
   *
   * @param f the mapping
   * @param <R> the new type
   * @return the mapped fact
   */
  default <R> Fact<R> map(Function<? super T, ? extends R> f) {
    Objects.requireNonNull(f, "f");
    if (this instanceof Known<T> k) {
      return new Known<>(f.apply(k.get()), k.source());
    }
    Unknown<T> u = (Unknown<T>) this;
    return new Unknown<>(u.reason(), u.source());
  }

  /**
   * Returns a known fact.
   *
   * @param value the value
   * @param source where it came from
   * @param <T> the type
   * @return the fact
   */
  static <T> Fact<T> known(T value, Source source) {
    return new Known<>(value, source);
  }

  /**
   * Returns an unknown fact.
   *
   * @param reason why it is unknown, in plain English (e.g. "no public API reads this setting")
   * @param source where it was looked for
   * @param <T> the type
   * @return the fact
   */
  static <T> Fact<T> unknown(String reason, Source source) {
    return new Unknown<>(reason, source);
  }

  /**
   * A known fact.
   *
   * @param get the value
   * @param source where it came from
   * @param <T> the type
   * @since 0.1.0
   */
  record Known<T>(T get, Source source) implements Fact<T> {
    /** Checks the arguments. */
    public Known {
      Objects.requireNonNull(get, "value");
      Objects.requireNonNull(source, "source");
    }

    @Override
    public Optional<T> value() {
      return Optional.of(get);
    }
  }

  /**
   * An unknown fact.
   *
   * @param reason why it is unknown
   * @param source where it was looked for
   * @param <T> the type
   * @since 0.1.0
   */
  record Unknown<T>(String reason, Source source) implements Fact<T> {
    /** Checks the arguments. */
    public Unknown {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(source, "source");
    }

    @Override
    public Optional<T> value() {
      return Optional.empty();
    }
  }
}
