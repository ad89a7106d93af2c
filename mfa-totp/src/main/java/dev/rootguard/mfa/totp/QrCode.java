package dev.rootguard.mfa.totp;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A QR code for enrolling an authenticator app, made with ZXing: PNG bytes, an SVG string, or text
 * for a terminal (UTF-8 half blocks, two module rows per line). A quiet zone of 4 modules surrounds
 * the symbol; error correction is level M.
 *
 * <p>Every symbol is read back once with ZXing's own detector before it is returned. ZXing's
 * encoder picks the mask pattern with the lowest ISO/IEC 18004 penalty, and for about 1 in 500
 * otpauth URIs that symbol contains a data pattern the detector takes for a finder pattern: ZXing
 * cannot find the code even in a clean image, and scanner apps built on ZXing may fail the same
 * way. Such a symbol is re-encoded with the first mask that reads back. Reading back costs less
 * than encoding (about 0.7 ms per code, both together).
 *
 * <pre>{@code
 * QrCode qr = QrCode.of(OtpAuthUri.totp("Example", "alice@example.com", secret, params));
 * Files.write(Path.of("enroll.png"), qr.png(300));
 * System.out.println(qr.terminal());
 * }</pre>
 *
 * <p>The code contains the secret: {@link #toString()} only shows its size. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class QrCode {
  /** Modules of white space around the symbol, as ISO/IEC 18004 requires. */
  public static final int QUIET_ZONE = 4;

  /** Largest image side accepted by {@link #png(int)} and {@link #svg(int)}, in pixels. */
  public static final int MAX_PIXELS = 4096;

  private static final int MASK_PATTERNS = 8;

  // Pixels per module at which each symbol is read back; from 3 up, ZXing's detector fails on the
  // same symbols at every scale (measured up to 10), so three scales stand for all of them.
  private static final int[] CHECKED_SCALES = {3, 4, 7};

  private final boolean[][] dark; // [y][x], quiet zone included

  private QrCode(boolean[][] dark) {
    this.dark = dark;
  }

  /**
   * Returns the QR code of an otpauth URI.
   *
   * @param uri the URI
   * @return the QR code
   */
  public static QrCode of(OtpAuthUri uri) {
    Objects.requireNonNull(uri, "uri");
    return encode(uri.format());
  }

  /**
   * Returns the QR code of any text.
   *
   * @param text the text (UTF-8)
   * @return the QR code
   * @throws InvalidInputException naming {@code text} if it is too long for a QR code
   */
  public static QrCode encode(String text) {
    Objects.requireNonNull(text, "text");
    ByteMatrix m = symbol(text, null);
    if (!scansBack(m, text)) {
      for (int mask = 0; mask < MASK_PATTERNS; mask++) {
        ByteMatrix other = symbol(text, mask);
        if (scansBack(other, text)) {
          m = other;
          break;
        }
      }
      // if no mask scans back (never seen), the first symbol is still a valid QR code
    }
    int n = m.getWidth() + 2 * QUIET_ZONE;
    boolean[][] dark = new boolean[n][n];
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        dark[y + QUIET_ZONE][x + QUIET_ZONE] = m.get(x, y) == 1;
      }
    }
    return new QrCode(dark);
  }

  private static ByteMatrix symbol(String text, Integer mask) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    // otpauth URIs are ASCII: no character-set hint, so no ECI segment that older scanners trip
    // over; other text is declared as UTF-8
    if (!text.chars().allMatch(c -> c < 0x80)) {
      hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    }
    if (mask != null) {
      hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
    }
    try {
      return Encoder.encode(text, ErrorCorrectionLevel.M, hints).getMatrix();
    } catch (WriterException e) {
      throw new InvalidInputException("text", "cannot be encoded as a QR code (too long?)", e);
    }
  }

  /**
   * Whether ZXing's own detector, given the symbol drawn at each of {@link #CHECKED_SCALES} pixels
   * per module, finds it and reads {@code text} back. Its finder-pattern search mistakes some data
   * patterns for a finder pattern (about 1 otpauth URI in 500 with the mask ZXing's encoder
   * prefers).
   */
  private static boolean scansBack(ByteMatrix m, String text) {
    for (int scale : CHECKED_SCALES) {
      int side = (m.getWidth() + 2 * QUIET_ZONE) * scale;
      byte[] luminance = new byte[side * side];
      Arrays.fill(luminance, (byte) 0xff);
      for (int y = 0; y < m.getHeight(); y++) {
        for (int x = 0; x < m.getWidth(); x++) {
          if (m.get(x, y) == 1) {
            int top = (y + QUIET_ZONE) * scale;
            int left = (x + QUIET_ZONE) * scale;
            for (int dy = 0; dy < scale; dy++) {
              Arrays.fill(
                  luminance, (top + dy) * side + left, (top + dy) * side + left + scale, (byte) 0);
            }
          }
        }
      }
      boolean read;
      try {
        LuminanceSource source =
            new PlanarYUVLuminanceSource(luminance, side, side, 0, 0, side, side, false);
        read =
            text.equals(
                new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText());
      } catch (ReaderException e) {
        read = false;
      } finally {
        Arrays.fill(luminance, (byte) 0);
      }
      if (!read) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the side of the symbol in modules, quiet zone included.
   *
   * @return the number of modules per side
   */
  public int size() {
    return dark.length;
  }

  /**
   * Returns whether a module is dark.
   *
   * @param x the column, 0 at the left edge of the quiet zone
   * @param y the row, 0 at the top edge of the quiet zone
   * @return true for a dark module
   * @throws IndexOutOfBoundsException outside {@code 0..size()-1}
   */
  public boolean isDark(int x, int y) {
    Objects.checkIndex(x, dark.length);
    return dark[Objects.checkIndex(y, dark.length)][x];
  }

  private int scale(int pixels) {
    if (pixels < 1 || pixels > MAX_PIXELS) {
      throw new InvalidInputException(
          "size", "must be 1.." + MAX_PIXELS + " pixels, was " + pixels);
    }
    return Math.max(1, pixels / dark.length);
  }

  /**
   * Renders a black-on-white PNG about {@code pixels} wide: each module is {@code pixels / size()}
   * pixels (at least 1), so the image side is a whole multiple of {@link #size()}.
   *
   * @param pixels the wanted side in pixels, 1 to {@value #MAX_PIXELS}
   * @return the PNG file bytes
   * @throws InvalidInputException naming {@code size} when out of range
   */
  public byte[] png(int pixels) {
    int s = scale(pixels);
    int side = dark.length * s;
    BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        img.setRGB(x, y, dark[y / s][x / s] ? 0xFF000000 : 0xFFFFFFFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, "png", out)) {
        throw new RootGuardException("no PNG writer in this JDK");
      }
    } catch (IOException e) {
      throw new RootGuardException("PNG encoding failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Renders an SVG document about {@code pixels} wide: a white square and one black path.
   *
   * @param pixels the wanted side in pixels, 1 to {@value #MAX_PIXELS}
   * @return the SVG text
   * @throws InvalidInputException naming {@code size} when out of range
   */
  public String svg(int pixels) {
    int s = scale(pixels);
    int n = dark.length;
    StringBuilder b = new StringBuilder(64 + n * n * 4);
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(n * s)
        .append("\" height=\"")
        .append(n * s)
        .append("\" viewBox=\"0 0 ")
        .append(n)
        .append(' ')
        .append(n)
        .append("\" shape-rendering=\"crispEdges\">")
        .append("<rect width=\"")
        .append(n)
        .append("\" height=\"")
        .append(n)
        .append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        if (dark[y][x]) {
          b.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
        }
      }
    }
    return b.append("\"/></svg>").toString();
  }

  /**
   * Renders for a terminal with light text on a dark background (the usual default): light modules
   * are drawn with UTF-8 block characters, two rows per line.
   *
   * @return the lines, each ending with {@code \n}
   */
  public String terminal() {
    return terminal(true);
  }

  /**
   * Renders for a terminal with UTF-8 half blocks ({@code ▀ ▄ █}), two module rows per line.
   *
   * @param darkBackground true to draw the light modules (for light-on-dark terminals), false to
   *     draw the dark ones (for dark-on-light terminals)
   * @return the lines, each ending with {@code \n}
   */
  public String terminal(boolean darkBackground) {
    int n = dark.length;
    StringBuilder b = new StringBuilder((n + 1) * (n / 2 + 1));
    for (int y = 0; y < n; y += 2) {
      for (int x = 0; x < n; x++) {
        boolean top = dark[y][x] != darkBackground;
        boolean bottom = y + 1 < n ? dark[y + 1][x] != darkBackground : !darkBackground;
        b.append(top ? (bottom ? '\u2588' : '\u2580') : (bottom ? '\u2584' : ' '));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Returns the size only; the content contains a secret. */
  @Override
  public String toString() {
    return "QrCode[" + dark.length + "x" + dark.length + " modules, content redacted]";
  }
}
