package dev.rootguard.mfa.hardware;

import com.yubico.yubikit.core.Transport;
import com.yubico.yubikit.core.smartcard.SmartCardConnection;
import dev.rootguard.RootGuardException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;

/**
 * A YubiKit {@link SmartCardConnection} over {@code javax.smartcardio} (the JDK's PC/SC binding),
 * so YubiKit's {@link com.yubico.yubikit.core.smartcard.SmartCardProtocol} and {@link YubiKeyOath}
 * can talk to a YubiKey (or any smart card) in a USB or NFC reader on a desktop or server JVM.
 *
 * <p>Before its first PC/SC call it runs {@link PcscLibrary#configure()}, which keeps what the user
 * set and otherwise points the JDK at the system's pcsc-lite for this OS and CPU and turns off the
 * JDK's own answer to a {@code 61xx} status (ISO GET RESPONSE): YKOATH expects SEND REMAINING
 * ({@code INS A5}), which YubiKit sends when it sees the {@code 61xx}.
 *
 * <pre>{@code
 * try (PcscSmartCardConnection conn = PcscSmartCardConnection.openFirst("Yubico", Duration.ofSeconds(5))) {
 *   YubiKeyOath oath = YubiKeyOath.open(conn);
 *   oath.listCredentials().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Not thread-safe; confine to one thread (as a smart card session is).
 *
 * @since 0.1.0
 */
public final class PcscSmartCardConnection implements SmartCardConnection {
  private final Card card;
  private final CardChannel channel;
  private final String reader;

  private PcscSmartCardConnection(Card card, String reader) {
    this.card = card;
    this.channel = card.getBasicChannel();
    this.reader = reader;
  }

  /**
   * Returns the PC/SC terminal factory, retrying while pcscd is not reachable yet. Unlike {@link
   * TerminalFactory#getDefault()}, a failure is not cached for the life of the JVM.
   *
   * @param timeout how long to keep trying
   * @return the factory
   * @throws RootGuardException if PC/SC stays unavailable
   */
  public static TerminalFactory terminalFactory(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    PcscLibrary.configure();
    Instant end = Instant.now().plus(timeout);
    RuntimeException last = null;
    do {
      try {
        TerminalFactory f = TerminalFactory.getInstance("PC/SC", null);
        f.terminals().list();
        return f;
      } catch (java.security.NoSuchAlgorithmException | CardException | RuntimeException e) {
        last = new RootGuardException("PC/SC is not available: " + e.getMessage(), e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    } while (Instant.now().isBefore(end));
    throw last != null ? last : new RootGuardException("PC/SC is not available");
  }

  /**
   * Lists the names of the PC/SC readers.
   *
   * @return the reader names; empty if PC/SC has none
   * @throws RootGuardException if PC/SC is not available
   */
  public static List<String> readers() {
    try {
      return terminalFactory(Duration.ZERO).terminals().list().stream()
          .map(CardTerminal::getName)
          .toList();
    } catch (CardException e) {
      throw new RootGuardException("PC/SC: cannot list readers: " + e.getMessage(), e);
    }
  }

  /**
   * Connects to the card in the first reader whose name contains {@code readerNameContains},
   * waiting for a card to be inserted.
   *
   * @param readerNameContains part of the reader name (e.g. {@code "Yubico"}); empty for any
   * @param wait how long to wait for a card
   * @return the connection
   * @throws RootGuardException if no such reader or no card appears in time
   */
  public static PcscSmartCardConnection openFirst(String readerNameContains, Duration wait) {
    Objects.requireNonNull(readerNameContains, "readerNameContains");
    Objects.requireNonNull(wait, "wait");
    try {
      Optional<CardTerminal> t =
          terminalFactory(Duration.ZERO).terminals().list().stream()
              .filter(x -> x.getName().contains(readerNameContains))
              .findFirst();
      if (t.isEmpty()) {
        throw new RootGuardException("PC/SC: no reader named like '" + readerNameContains + "'");
      }
      return open(t.get(), wait);
    } catch (CardException e) {
      throw new RootGuardException("PC/SC: cannot list readers: " + e.getMessage(), e);
    }
  }

  /**
   * Connects to the card in a reader (any protocol), waiting for one to be inserted.
   *
   * @param terminal the reader
   * @param wait how long to wait for a card
   * @return the connection
   * @throws RootGuardException if no card appears in time or the connection fails
   */
  public static PcscSmartCardConnection open(CardTerminal terminal, Duration wait) {
    Objects.requireNonNull(terminal, "terminal");
    Objects.requireNonNull(wait, "wait");
    try {
      if (!terminal.waitForCardPresent(Math.max(1, wait.toMillis()))) {
        throw new RootGuardException("PC/SC: no card in reader '" + terminal.getName() + "'");
      }
      return new PcscSmartCardConnection(terminal.connect("*"), terminal.getName());
    } catch (CardException e) {
      throw new RootGuardException(
          "PC/SC: cannot connect to the card in '" + terminal.getName() + "': " + e.getMessage(),
          e);
    }
  }

  /**
   * Returns the reader's name.
   *
   * @return the name
   */
  public String reader() {
    return reader;
  }

  /**
   * Sends one command APDU and returns the response APDU, status word included.
   *
   * @param apdu the command, in ISO 7816-4 short or extended form
   * @return the response data followed by SW1 SW2
   * @throws IOException if the card or reader fails
   */
  @Override
  public byte[] sendAndReceive(byte[] apdu) throws IOException {
    Objects.requireNonNull(apdu, "apdu");
    try {
      return channel.transmit(new CommandAPDU(apdu)).getBytes();
    } catch (CardException | IllegalStateException e) {
      throw new IOException("PC/SC transmit failed: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IOException("malformed command APDU: " + e.getMessage(), e);
    }
  }

  /** Returns USB: PC/SC readers are USB CCID devices (an NFC reader also presents as one). */
  @Override
  public Transport getTransport() {
    return Transport.USB;
  }

  /** Returns false: YubiKit then uses short APDUs with command chaining. */
  @Override
  public boolean isExtendedLengthApduSupported() {
    return false;
  }

  @Override
  public byte[] getAtr() {
    return card.getATR().getBytes();
  }

  /** Disconnects from the card without resetting it. */
  @Override
  public void close() throws IOException {
    try {
      card.disconnect(false);
    } catch (CardException | IllegalStateException e) {
      throw new IOException("PC/SC disconnect failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "PcscSmartCardConnection[" + reader + "]";
  }
}
