// Conformance client: MariaDB Connector/J 2.7 (Debian libmariadb-java), run as a single-file
// program: java -cp /usr/share/java/mariadb-java-client.jar Conformance.java HOST PORT DB OUT
//
// plan.sql runs through Statement (text protocol, allowMultiQueries); prepared.json through
// PreparedStatement with useServerPrepStmts=true (COM_STMT_PREPARE / EXECUTE, binary rows).
// Parameters marked long (3 MiB, 20 MiB) are bound as streams, which Connector/J sends with
// COM_STMT_SEND_LONG_DATA.

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Conformance {
  static final int LARGE = 1024; // longer values are written as length + sha256
  static final Path ROOT = Path.of(System.getProperty("conformance.root", ".."));

  final StringBuilder out = new StringBuilder();
  int statements, resultsets, errors, extras;
  boolean inExtras;

  void line(String s) { out.append(s).append('\n'); }

  void statement(String sql) {
    String first = sql.split("\n", 2)[0];
    if (first.codePointCount(0, first.length()) > 120) {
      first = first.substring(0, first.offsetByCodePoints(0, 120));
    }
    if (inExtras) line("== extra " + (++extras) + ": " + first);
    else line("== stmt " + (++statements) + ": " + first);
  }

  // Connector/J prefixes messages with "(conn=<connection id>)", which differs between any two
  // sessions; it is cut so that direct and proxied runs compare.
  static String stripConnectionId(String message) {
    return message == null ? "null" : message.replaceAll("\\(conn=\\d+\\) ", "");
  }

  void error(SQLException e) {
    errors++;
    line("error errno=" + e.getErrorCode() + " sqlstate=" + e.getSQLState()
        + " message=" + stripConnectionId(e.getMessage()));
  }

  static String sha256(byte[] data) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (byte b : MessageDigest.getInstance("SHA-256").digest(data)) sb.append(String.format("%02x", b));
    return sb.toString();
  }

  static String render(Object v) throws Exception {
    if (v == null) return "null";
    if (v instanceof byte[]) {
      byte[] b = (byte[]) v;
      if (b.length > LARGE) return "byte[len=" + b.length + " sha256=" + sha256(b) + "]";
      StringBuilder sb = new StringBuilder("byte[](");
      for (byte x : b) sb.append(String.format("%02x", x));
      return sb.append(')').toString();
    }
    String s = v.toString();
    if (s.length() > LARGE) {
      return v.getClass().getSimpleName() + "[len=" + s.length() + " sha256="
          + sha256(s.getBytes(StandardCharsets.UTF_8)) + "]";
    }
    return v.getClass().getSimpleName() + "(" + escapeControls(s) + ")";
  }

  // Control characters would break the dump's one-line-per-row layout.
  static String escapeControls(String s) {
    StringBuilder sb = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch < 0x20 || ch == 0x7f || ch == '\\') sb.append(String.format("\\u%04x", (int) ch));
      else sb.append(ch);
    }
    return sb.toString();
  }

  void dumpResultSet(ResultSet rs) throws Exception {
    resultsets++;
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    line("resultset columns=" + n);
    for (int i = 1; i <= n; i++) {
      line("  column label=" + md.getColumnLabel(i) + " name=" + md.getColumnName(i)
          + " table=" + md.getTableName(i) + " catalog=" + md.getCatalogName(i)
          + " type=" + md.getColumnType(i) + "/" + md.getColumnTypeName(i)
          + " class=" + md.getColumnClassName(i) + " precision=" + md.getPrecision(i)
          + " scale=" + md.getScale(i) + " nullable=" + md.isNullable(i)
          + " signed=" + md.isSigned(i) + " display=" + md.getColumnDisplaySize(i));
    }
    int rows = 0;
    while (rs.next()) {
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        try {
          values.add(render(rs.getObject(i)));
        } catch (SQLException e) {
          values.add("!" + stripConnectionId(e.getMessage()));
        }
      }
      line("  row " + String.join(" | ", values));
      rows++;
    }
    line("end rows=" + rows);
    rs.close();
  }

  void dumpWarnings(SQLWarning w) {
    for (; w != null; w = w.getNextWarning()) {
      line("warning code=" + w.getErrorCode() + " sqlstate=" + w.getSQLState()
          + " message=" + stripConnectionId(w.getMessage()));
    }
  }

  // Walks every result of an executed statement: result sets and update counts, in order.
  void dumpResults(Statement st, boolean isResultSet) throws Exception {
    while (true) {
      if (isResultSet) {
        dumpResultSet(st.getResultSet());
      } else {
        int count = st.getUpdateCount();
        if (count == -1) break;
        String ids = "";
        try (ResultSet keys = st.getGeneratedKeys()) {
          while (keys.next()) ids += (ids.isEmpty() ? "" : ",") + keys.getString(1);
        }
        line("ok affected=" + count + " insert_id=" + (ids.isEmpty() ? "-" : ids));
      }
      isResultSet = st.getMoreResults();
    }
    dumpWarnings(st.getWarnings());
  }

  void runText(Connection c, String sql) throws Exception {
    statement(sql);
    try (Statement st = c.createStatement()) {
      dumpResults(st, st.execute(sql, Statement.RETURN_GENERATED_KEYS));
    } catch (SQLException e) {
      error(e);
    }
  }

  static byte[] pattern(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) b[i] = (byte) (i % 251);
    return b;
  }

  // One prepared.json parameter ({"type":..,"value":..}) bound with the matching JDBC setter.
  static void bind(PreparedStatement ps, int i, Param p) throws Exception {
    switch (p.type) {
      case "int": ps.setLong(i, Long.parseLong(p.value)); break;
      case "uint": ps.setObject(i, new BigInteger(p.value)); break;
      case "double": ps.setDouble(i, Double.parseDouble(p.value)); break;
      case "decimal": ps.setBigDecimal(i, new BigDecimal(p.value)); break;
      case "bytes": {
        byte[] b = new byte[p.value.length() / 2];
        for (int k = 0; k < b.length; k++) b[k] = (byte) Integer.parseInt(p.value.substring(2 * k, 2 * k + 2), 16);
        ps.setBytes(i, b);
        break;
      }
      case "null": ps.setNull(i, Types.NULL); break;
      case "date": ps.setDate(i, java.sql.Date.valueOf(p.value)); break;
      case "datetime": ps.setTimestamp(i, java.sql.Timestamp.valueOf(p.value)); break;
      case "pattern": {
        byte[] b = pattern(p.size);
        if (p.longData) ps.setBinaryStream(i, new ByteArrayInputStream(b), b.length);
        else ps.setBytes(i, b);
        break;
      }
      default: ps.setString(i, p.value); // string, time (java.sql.Time cannot be negative)
    }
  }

  void runPrepared(Connection c, String sql, List<Param> params) throws Exception {
    statement(sql);
    try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      for (int i = 0; i < params.size(); i++) bind(ps, i + 1, params.get(i));
      dumpResults(ps, ps.execute());
    } catch (SQLException e) {
      error(e);
    }
  }

  static class Param {
    String type, value;
    int size;
    boolean longData;
  }

  static class Case {
    String sql;
    List<Param> params = new ArrayList<>();
  }

  static List<String> planChunks(String db) throws Exception {
    List<String> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readString(ROOT.resolve("plan.sql")).split("\n", -1)) {
      if (line.trim().equals("//")) {
        String text = current.toString().trim();
        if (!text.isEmpty()) chunks.add(text.replace("{db}", db));
        current.setLength(0);
      } else if (!line.startsWith("--") && !line.startsWith("DELIMITER")) {
        current.append(line).append('\n');
      }
    }
    return chunks;
  }

  // prepared.json has a fixed, flat shape (see its _comment); this reads exactly that shape,
  // keeping the program free of a JSON library the JDK does not ship.
  static List<Case> preparedCases(String db) throws Exception {
    String json = Files.readString(ROOT.resolve("prepared.json"));
    json = json.substring(json.indexOf("\"cases\""));
    List<Case> cases = new ArrayList<>();
    Pattern caseStart = Pattern.compile("\\{\"sql\": (\"(?:[^\"\\\\]|\\\\.)*\")");
    Pattern param = Pattern.compile("\\{\"type\": \"(\\w+)\"(?:, \"value\": (\"(?:[^\"\\\\]|\\\\.)*\"|[-0-9.e]+))?"
        + "(?:, \"size\": (\\d+))?(?:, \"long\": (true|false))?\\}");
    Matcher m = caseStart.matcher(json);
    List<Integer> starts = new ArrayList<>();
    List<String> sqls = new ArrayList<>();
    while (m.find()) {
      starts.add(m.end());
      sqls.add(unquote(m.group(1)));
    }
    for (int k = 0; k < starts.size(); k++) {
      Case c = new Case();
      c.sql = sqls.get(k).replace("{db}", db);
      int end = k + 1 < starts.size() ? starts.get(k + 1) : json.length();
      Matcher pm = param.matcher(json.substring(starts.get(k), end));
      while (pm.find()) {
        Param p = new Param();
        p.type = pm.group(1);
        p.value = pm.group(2) == null ? null : (pm.group(2).startsWith("\"") ? unquote(pm.group(2)) : pm.group(2));
        p.size = pm.group(3) == null ? 0 : Integer.parseInt(pm.group(3));
        p.longData = "true".equals(pm.group(4));
        c.params.add(p);
      }
      cases.add(c);
    }
    return cases;
  }

  static String unquote(String quoted) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char ch = quoted.charAt(i);
      if (ch == '\\') {
        char next = quoted.charAt(++i);
        if (next == 'n') sb.append('\n');
        else if (next == 't') sb.append('\t');
        else if (next == 'u') { sb.append((char) Integer.parseInt(quoted.substring(i + 1, i + 5), 16)); i += 4; }
        else sb.append(next);
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) throw new IllegalArgumentException("usage: Conformance HOST PORT DB OUT");
    String host = args[0], port = args[1], db = args[2];
    String url = "jdbc:mariadb://" + host + ":" + port + "/?user=app&password=app"
        + "&useServerPrepStmts=true&allowMultiQueries=true&socketTimeout=120000";
    Conformance d = new Conformance();
    List<Case> cases = preparedCases(db);
    try (Connection c = DriverManager.getConnection(url)) {
      d.line("server " + c.getMetaData().getDatabaseProductName() + " "
          + c.getMetaData().getDatabaseProductVersion());
      for (String sql : planChunks(db)) d.runText(c, sql);
      for (Case pc : cases) d.runPrepared(c, pc.sql, pc.params);
      d.inExtras = true;
      d.statement("COM_PING (isValid)");
      d.line("valid " + c.isValid(10));
    }
    d.line("summary statements=" + d.statements + " resultsets=" + d.resultsets + " errors=" + d.errors
        + " extras=" + d.extras);
    Files.writeString(Path.of(args[3]), d.out.toString());
  }
}
