package dev.tollgate.server.usage;

import dev.tollgate.core.money.Nanos;
import java.util.List;

/** The usage log as CSV (RFC 4180): one header line, one line per call, text fields quoted when needed. */
final class UsageCsv {
  static final String HEADER = "occurred_at,request_id,account_id,api_key_id,meter,status,billing_mode,route,latency_ms,"
      + "input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,reasoning_tokens,calls,seconds,units,"
      + "billable_units,amount,postpaid_amount,currency\r\n";

  private UsageCsv() {}

  static String write(List<UsageLog.Entry> entries) {
    StringBuilder out = new StringBuilder(HEADER.length() + 160 * entries.size()).append(HEADER);
    for (UsageLog.Entry e : entries) {
      out.append(e.occurredAt()).append(',')
          .append(text(e.requestId())).append(',')
          .append(text(e.accountId())).append(',')
          .append(text(e.apiKeyId())).append(',')
          .append(text(e.meter())).append(',')
          .append(e.status()).append(',')
          .append(e.billingMode()).append(',')
          .append(text(e.route())).append(',')
          .append(e.latencyMs() == null ? "" : e.latencyMs()).append(',')
          .append(e.inputTokens()).append(',').append(e.outputTokens()).append(',')
          .append(e.cacheReadTokens()).append(',').append(e.cacheWriteTokens()).append(',')
          .append(e.reasoningTokens()).append(',').append(e.calls()).append(',').append(e.seconds()).append(',')
          .append(e.units()).append(',').append(e.billableUnits()).append(',')
          .append(Nanos.format(e.amountNanos())).append(',').append(Nanos.format(e.postpaidNanos())).append(',')
          .append(e.currency()).append("\r\n");
    }
    return out.toString();
  }

  /** Quotes a field holding a comma, quote or line break; a leading =,+,-,@ is defused for spreadsheets. */
  static String text(String value) {
    if (value == null) {
      return "";
    }
    String v = value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
