package dev.tollgate.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** IP addresses given in settings: literals only (a name would need DNS at start-up), canonical text. */
final class IpLiterals {
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private IpLiterals() {}

  /**
   * The addresses as the servlet container reports a peer's address ({@code
   * InetAddress.getHostAddress}: IPv6 in full form), blanks dropped; at most {@code max}.
   */
  static List<String> canonical(List<String> values, int max, String variable) {
    List<String> out = new ArrayList<>();
    if (values == null) {
      return out;
    }
    for (String value : values) {
      String v = value == null ? "" : value.strip();
      if (v.isEmpty()) {
        continue;
      }
      if (!IPV4.matcher(v).matches() && !IPV6.matcher(v).matches()) {
        throw new IllegalArgumentException(variable + " takes IP addresses, not names or ranges; got '" + v + "'");
      }
      try {
        out.add(InetAddress.getByName(v).getHostAddress());
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(variable + ": '" + v + "' is not an IP address", e);
      }
    }
    if (out.size() > max) {
      throw new IllegalArgumentException(variable + " takes at most " + max + " addresses, got " + out.size());
    }
    return List.copyOf(out);
  }
}
