package dev.rootguard.store.redis.internal;

import dev.rootguard.mfa.StoreException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One Lettuce connection (standalone, Sentinel or Cluster) shared by every store, the key layout,
 * and the one way scripts run: {@code EVALSHA}, and {@code EVAL} once when the server answers
 * {@code NOSCRIPT} (after a restart or {@code SCRIPT FLUSH}). Every Lettuce failure becomes a
 * {@link StoreException} that carries no server text (which can quote keys or values), only what
 * kind of failure it was. The connection is opened on first use, so building the stores never
 * touches the server. Thread-safe: Lettuce multiplexes concurrent commands on the one connection.
 */
public final class Redis implements AutoCloseable {
  /** The error a script returns when the store marker is gone. */
  static final String NO_MARKER = "ROOTGUARD_NO_MARKER";

  private final RedisURI uri;
  private final boolean cluster;
  private final String prefix;
  private final Duration timeout;
  private final String[] slotTags; // cluster only: a hash tag for every slot
  private volatile Object client; // RedisClient or RedisClusterClient
  private volatile StatefulConnection<String, String> connection;
  private volatile RedisClusterCommands<String, String> commands;

  /**
   * Creates the runner; connects on first use.
   *
   * @param uri the server (standalone, {@code rediss://} or Sentinel), or a cluster seed
   * @param cluster whether {@code uri} is a Redis Cluster seed
   * @param prefix the prefix of every key
   * @param timeout the timeout of every command
   */
  public Redis(RedisURI uri, boolean cluster, String prefix, Duration timeout) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.cluster = cluster;
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.uri.setTimeout(timeout);
    this.slotTags = cluster ? slotTags() : null;
  }

  /**
   * Returns whether this runs against a Redis Cluster.
   *
   * @return true for a cluster
   */
  public boolean cluster() {
    return cluster;
  }

  /**
   * Returns the key prefix.
   *
   * @return the prefix
   */
  public String prefix() {
    return prefix;
  }

  // ---- key layout ----

  /**
   * Returns the marker key that guards {@code key}: the one marker on a single server, or on a
   * cluster the marker of {@code key}'s slot, so that every script touches one slot only.
   *
   * @param key a key the script touches
   * @return the marker key
   */
  public String markerFor(String key) {
    if (!cluster) {
      return prefix + "marker";
    }
    return markerOfSlot(SlotHash.getSlot(key));
  }

  String markerOfSlot(int slot) {
    return prefix + "{" + slotTags[slot] + "}:marker";
  }

  /**
   * Returns the single-server marker key, or every slot's marker key on a cluster.
   *
   * @return the marker keys
   */
  public List<String> allMarkers() {
    if (!cluster) {
      return List.of(prefix + "marker");
    }
    String[] out = new String[SlotHash.SLOT_COUNT];
    for (int s = 0; s < out.length; s++) {
      out[s] = markerOfSlot(s);
    }
    return List.of(out);
  }

  /** The registry tag: every credential store's keys share one slot, so multi-key writes work. */
  public String registry(String rest) {
    return prefix + "{r}:" + rest;
  }

  /** The registry key prefix (for scripts that build registry keys themselves). */
  public String registryPrefix() {
    return prefix + "{r}:";
  }

  /** The key of one principal's attempts. */
  public String attempts(String principal) {
    return prefix + "{p:" + principal + "}:attempts";
  }

  /** The key of one credential's OTP state. */
  public String otpState(String credential) {
    return prefix + "{c:" + credential + "}:otp";
  }

  /** The key of one credential's highest accepted sequence. */
  public String replay(String credential) {
    return prefix + "{c:" + credential + "}:replay";
  }

  /** The key of one ceremony (all ceremonies share one slot, with their expiry index). */
  public String ceremony(String id) {
    return prefix + "{x}:cer:" + id;
  }

  /** The expiry index of ceremonies. */
  public String ceremonyIndex() {
    return prefix + "{x}:cer-exp";
  }

  private static String[] slotTags() {
    String[] tags = new String[SlotHash.SLOT_COUNT];
    int left = tags.length;
    for (int i = 0; left > 0; i++) {
      String t = "m" + Integer.toString(i, 36);
      int s = SlotHash.getSlot(t);
      if (tags[s] == null) {
        tags[s] = t;
        left--;
      }
    }
    return tags;
  }

  // ---- running commands ----

  /**
   * Returns the synchronous commands, connecting first if needed.
   *
   * @param operation the operation, for the error
   * @return the commands
   * @throws StoreException if the server cannot be reached
   */
  public RedisClusterCommands<String, String> commands(String operation) {
    RedisClusterCommands<String, String> c = commands;
    if (c != null) {
      return c;
    }
    synchronized (this) {
      if (commands == null) {
        try {
          if (cluster) {
            RedisClusterClient cc = RedisClusterClient.create(uri);
            // Cluster node connections open lazily, so rejecting commands while disconnected
            // would reject the first command to each node: they wait (bounded by the command
            // timeout), and Lettuce may send a command in flight again after a reconnect. Every
            // script is conditional, so a second run never accepts twice (it reports a replay).
            cc.setOptions(
                ClusterClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .build());
            client = cc;
            StatefulRedisClusterConnection<String, String> conn = cc.connect();
            conn.setTimeout(timeout);
            connection = conn;
            commands = conn.sync();
          } else {
            // While disconnected, commands fail at once, and commands in flight when the
            // connection drops fail too: at most once. (Accepting commands while reconnecting
            // would make Lettuce send the commands in flight again after the reconnect: a
            // compare-and-set that already ran would run twice, reporting a replay, and an
            // addAll that already ran would report its serials as duplicates.)
            RedisClient rc = RedisClient.create(uri);
            rc.setOptions(
                ClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .build());
            client = rc;
            StatefulRedisConnection<String, String> conn = rc.connect();
            conn.setTimeout(timeout);
            connection = conn;
            commands = conn.sync();
          }
        } catch (RuntimeException e) {
          shutdownClient();
          throw failure(operation, e);
        }
      }
      return commands;
    }
  }

  /**
   * Runs a script: {@code EVALSHA}, then {@code EVAL} if the server does not have it.
   *
   * @param operation the store operation, for errors
   * @param script the script
   * @param type the reply type
   * @param keys the keys (the first is the marker of their slot)
   * @param args the arguments
   * @param <T> the reply type
   * @return the reply
   * @throws StoreException on any failure
   */
  public <T> T eval(
      String operation, Script script, ScriptOutputType type, String[] keys, String... args) {
    RedisClusterCommands<String, String> c = commands(operation);
    try {
      try {
        return c.evalsha(script.sha(), type, keys, args);
      } catch (RedisNoScriptException e) {
        return c.eval(script.source(), type, keys, args);
      }
    } catch (RuntimeException e) {
      throw failure(operation, e);
    }
  }

  /**
   * Runs a plain command with the same error mapping.
   *
   * @param operation the store operation
   * @param call the command
   * @param <T> the result type
   * @return the result
   */
  public <T> T call(
      String operation, java.util.function.Function<RedisClusterCommands<String, String>, T> call) {
    RedisClusterCommands<String, String> c = commands(operation);
    try {
      return call.apply(c);
    } catch (RuntimeException e) {
      throw failure(operation, e);
    }
  }

  /**
   * Maps a Lettuce failure to a {@link StoreException} without the server's text.
   *
   * @param operation the operation
   * @param e the failure
   * @return the exception to throw
   */
  public StoreException failure(String operation, RuntimeException e) {
    if (e instanceof StoreException se) {
      return se;
    }
    String why;
    Throwable cause = null;
    if (e instanceof RedisCommandExecutionException x) {
      String m = x.getMessage() == null ? "" : x.getMessage();
      if (m.contains(NO_MARKER)) {
        return new StoreException(
            operation,
            "the Redis store marker is missing: the server lost its data (a restart without"
                + " AOF, a failover to an empty replica, FLUSHALL) or was never initialized; run"
                + " `rootguard store init` (RedisStores.init()) after checking the server's"
                + " persistence. Refusing every operation until then (fail closed)",
            null);
      }
      int sp = m.indexOf(' ');
      String code = sp > 0 ? m.substring(0, sp) : "ERR";
      why = "the server refused the command (" + code.replaceAll("[^A-Z_]", "") + ")";
    } else if (e instanceof RedisCommandTimeoutException) {
      cause = e;
      why = "command timed out after " + timeout.toMillis() + " ms (its effect is unknown)";
    } else if (e instanceof RedisConnectionException) {
      why = "cannot connect to Redis";
      cause = e;
    } else if (e instanceof RedisException) {
      why = "connection to Redis failed or was closed (" + e.getClass().getSimpleName() + ")";
      cause = e;
    } else {
      why = "Redis client failed (" + e.getClass().getSimpleName() + ")";
    }
    // The cause is kept for connection-level failures (their text names hosts and ports, never
    // keys or values); a server's error reply is dropped, as scripts' errors can quote values.
    return new StoreException(operation, why, cause);
  }

  @Override
  public synchronized void close() {
    StatefulConnection<String, String> conn = connection;
    if (conn != null) {
      try {
        conn.close();
      } catch (RuntimeException ignored) {
        // closing anyway
      }
    }
    connection = null;
    commands = null;
    shutdownClient();
  }

  private void shutdownClient() {
    Object c = client;
    client = null;
    try {
      if (c instanceof RedisClient rc) {
        rc.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      } else if (c instanceof RedisClusterClient cc) {
        cc.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    } catch (RuntimeException ignored) {
      // best effort
    }
  }

  /**
   * A Lua script and its SHA-1, as {@code EVALSHA} names it.
   *
   * @param source the Lua source
   * @param sha its SHA-1 in lower-case hex
   */
  public record Script(String source, String sha) {
    /**
     * Makes a script from its source.
     *
     * @param source the Lua source
     * @return the script
     */
    public static Script of(String source) {
      try {
        byte[] d =
            MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
        return new Script(source, HexFormat.of().formatHex(d));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String toString() {
      return "Script[" + sha + "]";
    }
  }
}
