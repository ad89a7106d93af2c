package dev.rootguard.policy.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.policy.RootAccountState;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an IAM credential report (RFC 4180 CSV, AWS's 22 columns) and returns its root row; {@link
 * RootReportFacts} turns those cells into a {@link RootAccountState}.
 *
 * <p>Every row is checked, not only the root row, so that a damaged file is refused instead of
 * half-read. Errors name the row (the header is row 1, as a spreadsheet shows it) and the column:
 * {@code "row 17, column password_last_used: expected an ISO-8601 date with offset, N/A,
 * no_information or not_supported"}. Cell values are never echoed in messages.
 *
 * <p>Stateless and thread-safe.
 */
public final class CredentialReportParser {
  /** The columns, in AWS's order. */
  public static final List<String> COLUMNS =
      List.of(
          "user",
          "arn",
          "user_creation_time",
          "password_enabled",
          "password_last_used",
          "password_last_changed",
          "password_next_rotation",
          "mfa_active",
          "access_key_1_active",
          "access_key_1_last_rotated",
          "access_key_1_last_used_date",
          "access_key_1_last_used_region",
          "access_key_1_last_used_service",
          "access_key_2_active",
          "access_key_2_last_rotated",
          "access_key_2_last_used_date",
          "access_key_2_last_used_region",
          "access_key_2_last_used_service",
          "cert_1_active",
          "cert_1_last_rotated",
          "cert_2_active",
          "cert_2_last_rotated");

  /** The root row's {@code user} value. */
  public static final String ROOT_USER = "<root_account>";

  private enum Kind {
    TEXT,
    NON_EMPTY,
    ARN,
    BOOL,
    BOOL_OR_NOT_SUPPORTED,
    DATE_OR_SENTINEL
  }

  private static final Kind[] KINDS = new Kind[COLUMNS.size()];

  static {
    for (int i = 0; i < COLUMNS.size(); i++) {
      String c = COLUMNS.get(i);
      Kind k;
      if (c.equals("user")) {
        k = Kind.NON_EMPTY;
      } else if (c.equals("arn")) {
        k = Kind.ARN;
      } else if (c.equals("password_enabled")) {
        k = Kind.BOOL_OR_NOT_SUPPORTED;
      } else if (c.endsWith("_active")) {
        k = Kind.BOOL;
      } else if (c.endsWith("_region") || c.endsWith("_service")) {
        k = Kind.TEXT;
      } else {
        k = Kind.DATE_OR_SENTINEL;
      }
      KINDS[i] = k;
    }
  }

  private CredentialReportParser() {}

  /**
   * A parsed report: the root row's cells (in {@link #COLUMNS} order), its row number, and how many
   * rows the report has besides the header.
   *
   * @param root the root row's cells in {@link #COLUMNS} order
   * @param rootRow the root row's number (header = 1)
   * @param rows data rows in the report
   */
  public record Parsed(List<String> root, int rootRow, int rows) {}

  /**
   * Parses and checks a whole report.
   *
   * @param csv the report bytes (UTF-8, optional BOM)
   * @return the root row and counts
   * @throws InvalidInputException naming row and column of the first problem
   */
  public static Parsed parse(byte[] csv) {
    if (csv == null) {
      throw new InvalidInputException("csv", "must not be null");
    }
    return parse(new ByteArrayInputStream(csv));
  }

  /**
   * Parses and checks a whole report read from a stream, holding only the current row and the root
   * row in memory. The stream is read to its end but not closed; the caller bounds its length.
   *
   * @param csv the report (UTF-8, optional BOM)
   * @return the root row and counts
   * @throws InvalidInputException naming row and column of the first problem
   * @throws UncheckedIOException if reading fails
   */
  public static Parsed parse(InputStream csv) {
    if (csv == null) {
      throw new InvalidInputException("csv", "must not be null");
    }
    Reader reader =
        new BufferedReader(
            new InputStreamReader(
                csv,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            8192);
    Tokenizer tok = new Tokenizer(reader);
    List<String> header = tok.next();
    if (header == null) {
      throw new InvalidInputException("row 1", "the report is empty; a header row is required");
    }
    int[] colIndex = headerIndex(header);
    int width = header.size();
    List<String> root = null;
    int rootRow = 0;
    int rows = 0;
    List<String> fields;
    while ((fields = tok.next()) != null) {
      int row = tok.row();
      if (fields.size() == 1 && fields.get(0).isEmpty()) {
        continue; // blank line
      }
      rows++;
      if (fields.size() != width) {
        throw new InvalidInputException(
            "row " + row, "expected " + width + " fields, found " + fields.size());
      }
      for (int c = 0; c < KINDS.length; c++) {
        check(fields.get(colIndex[c]), KINDS[c], row, c);
      }
      if (ROOT_USER.equals(fields.get(colIndex[0]))) {
        if (root != null) {
          throw new InvalidInputException(
              "row " + row + ", column user",
              "a second " + ROOT_USER + " row (the first is row " + rootRow + ")");
        }
        root = new ArrayList<>(COLUMNS.size());
        for (int c = 0; c < COLUMNS.size(); c++) {
          root.add(fields.get(colIndex[c]));
        }
        rootRow = row;
      }
    }
    if (root == null) {
      throw new InvalidInputException(
          "user", "no " + ROOT_USER + " row in the report (" + rows + " data rows)");
    }
    return new Parsed(List.copyOf(root), rootRow, rows);
  }

  private static int[] headerIndex(List<String> header) {
    Map<String, Integer> pos = new HashMap<>();
    String duplicate = null;
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).trim();
      if (i == 0 && h.startsWith("\uFEFF")) {
        h = h.substring(1);
      }
      Integer prev = pos.putIfAbsent(h, i);
      if (prev != null && COLUMNS.contains(h)) {
        duplicate = duplicate == null ? h : duplicate;
      }
    }
    int[] idx = new int[COLUMNS.size()];
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < COLUMNS.size(); c++) {
      Integer p = pos.get(COLUMNS.get(c));
      if (p == null) {
        missing.add(COLUMNS.get(c));
      } else {
        idx[c] = p;
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(
          "row 1",
          "the header lacks the credential report column(s) "
              + String.join(", ", missing)
              + "; the first line must be AWS's header (user,arn,user_creation_time,...)");
    }
    if (duplicate != null) {
      throw new InvalidInputException("row 1", "duplicate column " + quoteName(duplicate));
    }
    return idx;
  }

  private static String quoteName(String h) {
    // header names are not secrets; cut and strip control characters
    String s = h.length() > 40 ? h.substring(0, 40) + "..." : h;
    return "\"" + s.replaceAll("\\p{Cntrl}", "?") + "\"";
  }

  private static void check(String v, Kind k, int row, int col) {
    switch (k) {
      case TEXT -> {}
      case NON_EMPTY -> {
        if (v.isEmpty()) {
          throw bad(row, col, "must not be empty");
        }
      }
      case ARN -> {
        if (!v.startsWith("arn:")) {
          throw bad(row, col, "expected an ARN (arn:...)");
        }
      }
      case BOOL -> {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
          throw bad(row, col, "expected true or false");
        }
      }
      case BOOL_OR_NOT_SUPPORTED -> {
        if (!v.equalsIgnoreCase("true")
            && !v.equalsIgnoreCase("false")
            && !v.equalsIgnoreCase("not_supported")) {
          throw bad(row, col, "expected true, false or not_supported");
        }
      }
      case DATE_OR_SENTINEL -> {
        if (!v.isEmpty() && !isSentinel(v) && parseInstant(v) == null) {
          throw bad(
              row,
              col,
              "expected an ISO-8601 date with offset (e.g. 2024-01-02T03:04:05+00:00), N/A,"
                  + " no_information, not_supported or nothing");
        }
      }
    }
  }

  private static InvalidInputException bad(int row, int col, String why) {
    return new InvalidInputException("row " + row + ", column " + COLUMNS.get(col), why);
  }

  /**
   * Returns whether a date cell holds one of AWS's markers instead of a date.
   *
   * @param v the cell
   * @return true for {@code N/A}, {@code no_information}, {@code not_supported} (any case)
   */
  public static boolean isSentinel(String v) {
    return v.equalsIgnoreCase("N/A")
        || v.equalsIgnoreCase("no_information")
        || v.equalsIgnoreCase("not_supported");
  }

  /**
   * Parses an ISO-8601 date-time with offset ({@code 2019-05-05T12:00:00+00:00}, {@code ...Z},
   * fractions allowed), quickly for the common shape.
   *
   * @param s the text
   * @return the instant, or null if not such a date
   */
  public static Instant parseInstant(String s) {
    int n = s.length();
    // Fast path: yyyy-MM-ddTHH:mm:ss followed by Z or +HH:MM / -HH:MM.
    if (n == 25 || n == 20) {
      if (digits(s, 0, 4)
          && s.charAt(4) == '-'
          && digits(s, 5, 7)
          && s.charAt(7) == '-'
          && digits(s, 8, 10)
          && (s.charAt(10) == 'T' || s.charAt(10) == 't')
          && digits(s, 11, 13)
          && s.charAt(13) == ':'
          && digits(s, 14, 16)
          && s.charAt(16) == ':'
          && digits(s, 17, 19)) {
        int offsetSeconds;
        if (n == 20 && (s.charAt(19) == 'Z' || s.charAt(19) == 'z')) {
          offsetSeconds = 0;
        } else if (n == 25
            && (s.charAt(19) == '+' || s.charAt(19) == '-')
            && digits(s, 20, 22)
            && s.charAt(22) == ':'
            && digits(s, 23, 25)) {
          int oh = num(s, 20, 22);
          int om = num(s, 23, 25);
          // ISO 8601 / java.time offsets end at +-18:00 (as the slow path below enforces)
          if (oh > 18 || om > 59 || (oh == 18 && om > 0)) {
            return null;
          }
          offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(19) == '-' ? -1 : 1);
        } else {
          return slow(s);
        }
        int hh = num(s, 11, 13);
        int mi = num(s, 14, 16);
        int ss = num(s, 17, 19);
        if (hh > 23 || mi > 59 || ss > 59) {
          return null;
        }
        try {
          long day = LocalDate.of(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10)).toEpochDay();
          return Instant.ofEpochSecond(day * 86400L + hh * 3600L + mi * 60L + ss - offsetSeconds);
        } catch (DateTimeException e) {
          return null;
        }
      }
      return null;
    }
    return slow(s);
  }

  private static Instant slow(String s) {
    if (s.length() < 20 || s.length() > 40) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int num(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }

  /** Longest cell accepted; AWS's cells are under 100 characters. */
  static final int MAX_FIELD_CHARS = 64 * 1024;

  /** Most cells in one row; AWS writes 22. */
  static final int MAX_FIELDS = 1024;

  /**
   * RFC 4180 tokenizer over a stream: quoted fields with doubled quotes, CRLF, LF or CR line ends.
   * Only the current row is held in memory.
   */
  static final class Tokenizer {
    private final Reader in;
    private int peeked = -2;
    private int row;
    private final StringBuilder field = new StringBuilder();

    Tokenizer(String s) {
      this(new StringReader(s));
    }

    Tokenizer(Reader in) {
      this.in = in;
      if (peek() == '\uFEFF') {
        read();
      }
    }

    private int peek() {
      if (peeked == -2) {
        try {
          peeked = in.read();
        } catch (CharacterCodingException e) {
          throw new InvalidInputException("csv", "is not valid UTF-8");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return peeked;
    }

    private int read() {
      int c = peek();
      peeked = -2;
      return c;
    }

    int row() {
      return row;
    }

    private void append(char c, int column) {
      if (field.length() >= MAX_FIELD_CHARS) {
        throw new InvalidInputException(
            "row " + row + ", column " + colName(column),
            "a cell is longer than " + MAX_FIELD_CHARS + " characters");
      }
      field.append(c);
    }

    List<String> next() {
      if (peek() < 0) {
        return null;
      }
      row++;
      List<String> out = new ArrayList<>(24);
      while (true) {
        field.setLength(0);
        if (peek() == '"') {
          read();
          while (true) {
            int c = read();
            if (c < 0) {
              throw new InvalidInputException(
                  "row " + row + ", column " + colName(out.size()), "a quoted field is not closed");
            }
            if (c == '"') {
              if (peek() == '"') {
                append('"', out.size());
                read();
              } else {
                break;
              }
            } else {
              append((char) c, out.size());
            }
          }
          out.add(field.toString());
          int c = peek();
          if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
            throw new InvalidInputException(
                "row " + row + ", column " + colName(out.size() - 1),
                "text after the closing quote of a quoted field");
          }
        } else {
          while (true) {
            int c = peek();
            if (c < 0 || c == ',' || c == '\n' || c == '\r') {
              break;
            }
            if (c == '"') {
              throw new InvalidInputException(
                  "row " + row + ", column " + colName(out.size()),
                  "a quote inside an unquoted field");
            }
            append((char) read(), out.size());
          }
          out.add(field.toString());
        }
        int c = read();
        if (c < 0) {
          return out;
        }
        if (c == ',') {
          if (out.size() >= MAX_FIELDS) {
            throw new InvalidInputException(
                "row " + row, "more than " + MAX_FIELDS + " fields in one row");
          }
          continue;
        }
        if (c == '\r' && peek() == '\n') {
          read();
        }
        return out;
      }
    }

    private static String colName(int i) {
      return i < COLUMNS.size() ? COLUMNS.get(i) : Integer.toString(i + 1);
    }
  }
}
