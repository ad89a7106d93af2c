package dev.rootguard.mfa.fido;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One of the processes in {@link JsonFileCrossProcessTest}: opens the store, says {@code ready},
 * waits for {@code go} on stdin, then races the other process with several threads and prints what
 * it won. Not a test itself.
 *
 * <p>Arguments: the store file, a name (base64url-safe), rounds, threads, adds per thread.
 */
public final class FileStoreRaceWorker {
  static final CredentialId SHARED = CredentialId.of("U0hBUkVE");
  static final CredentialId COMMON = CredentialId.of("Q09NTU9O");
  static final Principal CAROL = Principal.of("carol");

  private FileStoreRaceWorker() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String name = args[1];
    int rounds = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    int adds = Integer.parseInt(args[4]);
    JsonFileSecurityKeyStore store = JsonFileSecurityKeyStore.open(file);
    System.out.println("ready");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"go".equals(in.readLine())) {
      throw new IllegalStateException("expected go");
    }
    List<String> out = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String me = name + "t" + t;
      fs.add(
          pool.submit(
              () -> {
                out.add(
                    "common " + store.add(SecurityKeyStoreTest.credential(COMMON.value(), me, 0)));
                out.add("handle " + store.userHandle(CAROL, () -> me));
                for (int r = 0; r < rounds; r++) {
                  while (store.find(SHARED).orElseThrow().signatureCount() < r) {
                    Thread.onSpinWait();
                  }
                  if (store.updateSignatureCount(SHARED, r, r + 1)) {
                    out.add("win " + r);
                  }
                  if (r < adds) {
                    String id = me + "x" + r;
                    out.add(
                        "added "
                            + id
                            + " "
                            + store.add(SecurityKeyStoreTest.credential(id, me, 0)));
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    synchronized (out) {
      out.forEach(System.out::println);
    }
    System.out.println("done");
    System.out.flush();
  }
}
